using System.Diagnostics;
using System.Globalization;

namespace Connector.StreamIngest.Tests.Support;

/// <summary>
/// The real RabbitMQ the tests run against: <c>RABBITMQ_HOST</c>, <c>RABBITMQ_PORT</c>, <c>RABBITMQ_USERNAME</c>,
/// <c>RABBITMQ_PASSWORD</c> from the environment (defaults: the local broker, guest/guest). On a local broker each test
/// class gets a virtual host of its own (made and removed with rabbitmqctl), so its exchanges and queues cannot meet
/// those of other classes running in parallel; elsewhere it uses <c>RABBITMQ_VHOST</c> or <c>/</c>, and the tests
/// still keep apart through queue names of their own.
/// </summary>
public sealed class RabbitMqVirtualHost : IAsyncLifetime
{
    private bool ownsVirtualHost;

    public string Host { get; } = Environment.GetEnvironmentVariable("RABBITMQ_HOST") is { Length: > 0 } host ? host : "localhost";

    public int Port { get; } = int.TryParse(Environment.GetEnvironmentVariable("RABBITMQ_PORT"), CultureInfo.InvariantCulture, out var port) ? port : 5672;

    public string Username { get; } = Environment.GetEnvironmentVariable("RABBITMQ_USERNAME") is { Length: > 0 } user ? user : "guest";

    public string Password { get; } = Environment.GetEnvironmentVariable("RABBITMQ_PASSWORD") is { Length: > 0 } password ? password : "guest";

    public string VirtualHost { get; private set; } = Environment.GetEnvironmentVariable("RABBITMQ_VHOST") is { Length: > 0 } vhost ? vhost : "/";

    /// <summary>The broker as the service's configuration keys.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("rabbitmq:host", Host),
        new("rabbitmq:port", Port.ToString(CultureInfo.InvariantCulture)),
        new("rabbitmq:username", Username),
        new("rabbitmq:password", Password),
        new("rabbitmq:vhost", VirtualHost),
    ];

    public async Task InitializeAsync()
    {
        if (Host is not ("localhost" or "127.0.0.1") || FindRabbitMqCtl() is null)
        {
            return;
        }

        var vhost = $"stream-ingest-tests-{Guid.NewGuid():N}";
        if (await RabbitMqCtlAsync("add_vhost", vhost)
            && await RabbitMqCtlAsync("set_permissions", "-p", vhost, Username, ".*", ".*", ".*"))
        {
            VirtualHost = vhost;
            ownsVirtualHost = true;
        }
    }

    public async Task DisposeAsync()
    {
        if (ownsVirtualHost)
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
