using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Connector.Hosting.Configuration;

namespace Connector.Hosting.Tests.Support;

/// <summary>
/// Runs a service's real Program (its built assembly, copied beside the tests) as a child process with exactly
/// the connector settings a test gives: inherited connector variables are removed so the machine cannot change
/// the outcome.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private ServiceProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(_output, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string StandardOutput => Read(_output);

    public string StandardError => Read(_error);

    public bool HasExited => _process.HasExited;

    public static ServiceProcess Start(string assemblyName, IReadOnlyDictionary<string, string?> environment, string workingDirectory)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll"));

        foreach (var inherited in start.Environment.Keys.ToList())
        {
            if (ConnectorEnvironmentVariables.TryMapToKey(inherited, out _) || inherited.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
                || inherited.StartsWith("OTEL_", StringComparison.Ordinal))
            {
                start.Environment.Remove(inherited);
            }
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new ServiceProcess(Process.Start(start) ?? throw new InvalidOperationException($"{assemblyName} did not start."));
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        _process.WaitForExit(); // drains the redirected streams
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (target)
        {
            target.AppendLine(line);
        }
    }

    private static string Read(StringBuilder source)
    {
        lock (source)
        {
            return source.ToString();
        }
    }
}
