using System.Diagnostics;
using System.Globalization;
using Xunit;

namespace Connector.Testing;

/// <summary>
/// The real RabbitMQ the tests run against: <c>RABBITMQ_HOST</c>, <c>RABBITMQ_PORT</c>, <c>RABBITMQ_USERNAME</c>,
/// <c>RABBITMQ_PASSWORD</c> from the environment (defaults: the local broker, guest/guest). On a local broker the
/// collection gets a virtual host of its own (made and removed with rabbitmqctl), so its queues and exchanges
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

        var vhost = $"connector-tests-{Guid.NewGuid():N}";
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

    /// <summary>The queues of this broker's virtual host with their ready message counts (rabbitmqctl list_queues).</summary>
    public async Task<IReadOnlyDictionary<string, int>> ListQueuesAsync()
    {
        var (ok, output) = await RabbitMqCtlOutputAsync("list_queues", "-q", "-p", VirtualHost, "name", "messages");
        var queues = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!ok)
        {
            return queues;
        }

        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('\t', StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var messages))
            {
                queues[parts[0]] = messages;
            }
        }

        return queues;
    }

    private static string? FindRabbitMqCtl() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin")
            .Select(directory => Path.Combine(directory, "rabbitmqctl"))
            .FirstOrDefault(File.Exists);

    private static async Task<bool> RabbitMqCtlAsync(params string[] arguments) => (await RabbitMqCtlOutputAsync(arguments)).Ok;

    private static async Task<(bool Ok, string Output)> RabbitMqCtlOutputAsync(params string[] arguments)
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
        return (process.ExitCode == 0, await output);
    }
}
