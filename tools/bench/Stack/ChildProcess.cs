using System.Diagnostics;

namespace Bench.Stack;

/// <summary>
/// One process of the stack (a simulator or a service): started with its own environment, its stdout and stderr
/// written line by line to one log file, stopped with SIGTERM (then SIGKILL when it does not stop in time).
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private const int TailLines = 40;
    private const string SetSid = "/usr/bin/setsid";

    // Every child still running, so a forced quit can take them down instead of leaving them behind.
    private static readonly HashSet<Process> Running = [];

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();
    private readonly Queue<string> _tail = new();
    private readonly Task _pumps;
    private ProcessStats? _lastStats;

    private ChildProcess(string name, Process process, StreamWriter log, string logPath)
    {
        Name = name;
        _process = process;
        _log = log;
        LogPath = logPath;
        Id = process.Id;
        lock (Running)
        {
            Running.Add(process);
        }

        _pumps = Task.WhenAll(PumpAsync(process.StandardOutput), PumpAsync(process.StandardError));
    }

    /// <summary>The component's name (<c>ioc-sync</c>, <c>falcon-sim</c>, ...).</summary>
    public string Name { get; }

    /// <summary>The process id.</summary>
    public int Id { get; }

    /// <summary>Where its output goes.</summary>
    public string LogPath { get; }

    /// <summary>True once the process ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once it ended.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>
    /// Starts <c>dotnet <paramref name="assemblyPath"/> <paramref name="arguments"/></c> in <paramref name="workingDirectory"/>.
    /// The environment is the bench's, minus every variable a connector or simulator reads (so a shell pointed at a
    /// real Falcon cannot leak into the run), plus <paramref name="environment"/>.
    /// </summary>
    public static ChildProcess Start(
        string name,
        string assemblyPath,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment,
        string workingDirectory,
        string logPath)
    {
        if (!File.Exists(assemblyPath))
        {
            throw new BenchException($"{name}: {assemblyPath} does not exist. Build it first (running the bench with `dotnet run` builds it).");
        }

        // In a session of its own (setsid execs in place, so the pid stays the service's): a Ctrl-C in the terminal
        // then reaches only the bench, which stops the services before the simulators they talk to on the way out.
        var start = new ProcessStartInfo(File.Exists(SetSid) ? SetSid : DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        if (File.Exists(SetSid))
        {
            start.ArgumentList.Add(DotnetHost);
        }

        start.ArgumentList.Add(assemblyPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(IsConnectorVariable).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        // Flushed line by line so `tail -f` shows what a service does while the bench runs.
        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        try
        {
            var process = Process.Start(start) ?? throw new BenchException($"{name}: the process did not start.");
            return new ChildProcess(name, process, log, logPath);
        }
        catch
        {
            log.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL to every child still running: for a forced quit, when there is no time for a clean stop.</summary>
    public static void KillAll()
    {
        lock (Running)
        {
            foreach (var process in Running)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // Already gone.
                }
            }
        }
    }

    /// <summary>The last lines it wrote, to explain an early exit.</summary>
    public IReadOnlyList<string> Tail()
    {
        lock (_logLock)
        {
            return [.. _tail];
        }
    }

    /// <summary>Peak/current memory and CPU time, read from /proc; the last reading once the process is gone.</summary>
    public ProcessStats? Stats()
    {
        if (!_process.HasExited && ProcessStats.Read(Id) is { } stats)
        {
            _lastStats = stats;
        }

        return _lastStats;
    }

    /// <summary>Throws when the process is no longer running: a scenario cannot go on without it.</summary>
    public void EnsureRunning()
    {
        if (_process.HasExited)
        {
            throw new BenchException(
                $"{Name} exited with code {_process.ExitCode}. Its last lines ({LogPath}):{Environment.NewLine}  "
                + string.Join(Environment.NewLine + "  ", Tail()));
        }
    }

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>; true when it had to be killed. Safe to call more than once.</summary>
    public async Task<bool> StopAsync(TimeSpan grace)
    {
        Stats();
        var killed = false;
        if (!_process.HasExited)
        {
            Native.Terminate(Id);
            using var wait = new CancellationTokenSource(grace);
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
                killed = true;
            }
        }

        await _pumps;
        lock (Running)
        {
            Running.Remove(_process);
        }

        lock (_logLock)
        {
            _log.Flush();
        }

        return killed;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        await _log.DisposeAsync();
        _process.Dispose();
    }

    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static bool IsConnectorVariable(string name) =>
        ConnectorPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal))
        || name is "ASPNETCORE_URLS" or "ASPNETCORE_HTTP_PORTS" or "ASPNETCORE_HTTPS_PORTS" or "OTEL_EXPORTER_OTLP_ENDPOINT";

    private static readonly string[] ConnectorPrefixes =
    [
        "OPENCTI_", "CONNECTOR_", "CROWDSTRIKE_", "METRICS_", "IOC_SYNC_", "STREAM_INGEST_", "RECONCILER_", "FALCON_SIM_",
    ];

    private async Task PumpAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_logLock)
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
