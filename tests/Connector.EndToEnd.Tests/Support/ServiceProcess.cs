using System.Diagnostics;
using Connector.Hosting.Configuration;

namespace Connector.EndToEnd.Tests.Support;

/// <summary>
/// A service running as its own process (<c>dotnet Connector.X.dll</c>) with exactly the settings the test gives:
/// inherited connector, ASP.NET Core and OpenTelemetry variables are removed so the machine cannot change the outcome.
/// Its output goes to a log file; stop is SIGTERM, then SIGKILL after a grace period.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private const int TailLines = 60;

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Queue<string> _tail = new();
    private readonly Lock _gate = new();
    private readonly Task _pumps;

    private ServiceProcess(ConnectorService service, Process process, StreamWriter log, string logPath)
    {
        Service = service;
        _process = process;
        _log = log;
        LogPath = logPath;
        _pumps = Task.WhenAll(PumpAsync(process.StandardOutput), PumpAsync(process.StandardError));
    }

    public ConnectorService Service { get; }

    public string LogPath { get; }

    public static ServiceProcess Start(ConnectorService service, IReadOnlyDictionary<string, string> environment, string workingDirectory, string logPath)
    {
        var assembly = ServiceBuild.AssemblyOf(service);
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"{service.Name} is not built: {assembly}", assembly);
        }

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        foreach (var inherited in start.Environment.Keys.ToList())
        {
            if (ConnectorEnvironmentVariables.TryMapToKey(inherited, out _)
                || inherited.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
                || inherited.StartsWith("OTEL_", StringComparison.Ordinal))
            {
                start.Environment.Remove(inherited);
            }
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        try
        {
            var process = Process.Start(start) ?? throw new InvalidOperationException($"{service.Name} did not start.");
            return new ServiceProcess(service, process, log, logPath);
        }
        catch
        {
            log.Dispose();
            throw;
        }
    }

    /// <summary>Throws, with the last lines it wrote, when the process is gone: nothing the test waits for can happen then.</summary>
    public void EnsureRunning()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"{Service.Name} exited with code {_process.ExitCode}; its last lines ({LogPath}):\n  {string.Join("\n  ", Tail())}");
        }
    }

    public IReadOnlyList<string> Tail()
    {
        lock (_gate)
        {
            return [.. _tail];
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Native.Terminate(_process.Id);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }

        await _pumps;
        await _log.DisposeAsync();
        _process.Dispose();
    }

    private async Task PumpAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_gate)
            {
                _log.WriteLine(line);
                _tail.Enqueue(line);
                if (_tail.Count > TailLines)
                {
                    _tail.Dequeue();
                }
            }
        }
    }
}
