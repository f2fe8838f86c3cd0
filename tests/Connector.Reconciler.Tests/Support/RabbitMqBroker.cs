using System.Diagnostics;
using System.Globalization;

namespace Connector.Reconciler.Tests.Support;

/// <summary>
/// The real RabbitMQ the tests run against: <c>RABBITMQ_HOST</c>, <c>RABBITMQ_PORT</c>, <c>RABBITMQ_USERNAME</c>,
/// <c>RABBITMQ_PASSWORD</c> from the environment (defaults: the local broker, guest/guest). On a local broker the
/// test class gets a virtual host of its own (an <c>IClassFixture</c>) (made and removed with rabbitmqctl), so its queues and exchanges
/// cannot meet those of other test runs; elsewhere it uses <c>RABBITMQ_VHOST</c> or <c>/</c>.
/// </summary>
public sealed class RabbitMqBroker : IAsyncLifetime
{
    private bool _ownsVirtualHost;

    public string Host { get; } = Environment.GetEnvironmentVariable("RABBITMQ_HOST") is { Length: > 0 } host ? host : "localhost";

    public int Port { get; } = int.TryParse(Environment.GetEnvironmentVariable("RABBITMQ_PORT"), CultureInfo.InvariantCulture, out var port) ? port : 5672;

    public string Username { get; } = Environment.GetEnvironmentVariable("RABBITMQ_USERNAME") is { Length: > 0 } user ? user : "guest";

    public string Password { get; } = Environment.GetEnvironmentVariable("RABBITMQ_PASSWORD") is { Length: > 0 } password ? password : "guest";

    public string VirtualHost { get; private set; } = Environment.GetEnvironmentVariable("RABBITMQ_VHOST") is { Length: > 0 } vhost ? vhost : "/";

    /// <summary>The broker settings as the services' environment variables.</summary>
    public Dictionary<string, string?> Variables => new()
    {
        ["RABBITMQ_HOST"] = Host,
        ["RABBITMQ_PORT"] = Port.ToString(CultureInfo.InvariantCulture),
        ["RABBITMQ_USERNAME"] = Username,
        ["RABBITMQ_PASSWORD"] = Password,
        ["RABBITMQ_VHOST"] = VirtualHost,
    };

    public async Task InitializeAsync()
    {
        if (Host is not ("localhost" or "127.0.0.1") || FindRabbitMqCtl() is null)
        {
            return;
        }

        var vhost = $"connector-reconciler-tests-{Guid.NewGuid():N}";
        if (await RabbitMqCtlAsync("add_vhost", vhost)
            && await RabbitMqCtlAsync("set_permissions", "-p", vhost, Username, ".*", ".*", ".*"))
        {
            VirtualHost = vhost;
            _ownsVirtualHost = true;
        }
    }

    public async Task DisposeAsync()
    {
        if (_ownsVirtualHost)
        {
            await RabbitMqCtlAsync("delete_vhost", VirtualHost);
        }
    }

    private static string? FindRabbitMqCtl() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin")
            .Select(directory => Path.Combine(directory, "rabbitmqctl"))
            .FirstOrDefault(File.Exists);

    private static async Task<bool> RabbitMqCtlAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(FindRabbitMqCtl()!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        await Task.WhenAll(output, error);
        return process.ExitCode == 0;
    }
}
