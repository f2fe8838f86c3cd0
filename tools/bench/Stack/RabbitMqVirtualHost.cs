using System.Diagnostics;

namespace Bench.Stack;

/// <summary>
/// A RabbitMQ virtual host of its own for one run, made and deleted with rabbitmqctl, so the run's queues never meet
/// those of another run (or of the tests). When rabbitmqctl cannot be used (a remote broker, no rights), the run
/// uses <c>RABBITMQ_VHOST</c> (or <c>/</c>) and says so.
/// </summary>
internal sealed class RabbitMqVirtualHost : IAsyncDisposable
{
    private readonly string[]? _rabbitMqCtl;

    private RabbitMqVirtualHost(string name, string[]? rabbitMqCtl, string? note)
    {
        Name = name;
        _rabbitMqCtl = rabbitMqCtl;
        Note = note;
    }

    /// <summary>The virtual host the services use.</summary>
    public string Name { get; }

    /// <summary>Why the run does not have a fresh virtual host, when it does not.</summary>
    public string? Note { get; }

    /// <summary>The broker settings every service gets.</summary>
    public static IReadOnlyDictionary<string, string> BrokerVariables(string virtualHost)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal) { ["RABBITMQ_VHOST"] = virtualHost };
        foreach (var name in (string[])["RABBITMQ_HOST", "RABBITMQ_PORT", "RABBITMQ_USERNAME", "RABBITMQ_PASSWORD", "RABBITMQ_USE_SSL"])
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                variables[name] = value;
            }
        }

        return variables;
    }

    /// <summary>Creates <c>connector-bench-&lt;id&gt;</c> and gives the broker user every right on it.</summary>
    public static async Task<RabbitMqVirtualHost> CreateAsync(CancellationToken cancellationToken)
    {
        var fallback = Environment.GetEnvironmentVariable("RABBITMQ_VHOST") is { Length: > 0 } configured ? configured : "/";
        var host = Environment.GetEnvironmentVariable("RABBITMQ_HOST") is { Length: > 0 } h ? h : "localhost";
        if (host is not ("localhost" or "127.0.0.1"))
        {
            return new RabbitMqVirtualHost(fallback, null, $"the broker at {host} is not local: using its virtual host '{fallback}'");
        }

        var user = Environment.GetEnvironmentVariable("RABBITMQ_USERNAME") is { Length: > 0 } u ? u : "guest";
        var name = $"connector-bench-{Guid.NewGuid():N}"[..28];
        foreach (var command in CandidateCommands())
        {
            if (await RunAsync(command, ["add_vhost", name], cancellationToken))
            {
                if (await RunAsync(command, ["set_permissions", "-p", name, user, ".*", ".*", ".*"], cancellationToken))
                {
                    return new RabbitMqVirtualHost(name, command, null);
                }

                await RunAsync(command, ["delete_vhost", name], CancellationToken.None);
            }
        }

        return new RabbitMqVirtualHost(fallback, null, $"rabbitmqctl could not create a virtual host (not installed, or no rights): using '{fallback}'");
    }

    public async ValueTask DisposeAsync()
    {
        if (_rabbitMqCtl is not null)
        {
            await RunAsync(_rabbitMqCtl, ["delete_vhost", Name], CancellationToken.None);
        }
    }

    // rabbitmqctl needs the broker's Erlang cookie: root (or the rabbitmq user) has it; others may through sudo.
    private static IEnumerable<string[]> CandidateCommands()
    {
        var rabbitMqCtl = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/local/sbin", "/sbin"])
            .Select(directory => Path.Combine(directory, "rabbitmqctl"))
            .FirstOrDefault(File.Exists);
        if (rabbitMqCtl is null)
        {
            yield break;
        }

        yield return [rabbitMqCtl];
        if (Environment.UserName != "root" && File.Exists("/usr/bin/sudo"))
        {
            yield return ["/usr/bin/sudo", "-n", rabbitMqCtl];
        }
    }

    private static async Task<bool> RunAsync(string[] command, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var part in command.Skip(1).Concat(arguments))
        {
            start.ArgumentList.Add(part);
        }

        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return false;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            await Task.WhenAll(output, error);
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
