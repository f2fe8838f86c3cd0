using System.Globalization;
using Bench.Probes;
using Connector.OpenCti;
using Connector.OpenCti.GraphQl;
using Microsoft.Extensions.DependencyInjection;

namespace Bench.Stack;

/// <summary>
/// The whole system on one machine, each part a separate process on its own loopback port: falcon-sim, opencti-sim,
/// then ioc-sync and the reconciler, then stream-ingest (last, so the queues it publishes to exist). Each run gets a
/// fresh SQLite directory and RabbitMQ virtual host, removed at the end; the logs stay.
/// </summary>
internal sealed class PipelineStack : IAsyncDisposable
{
    private static readonly TimeSpan SimulatorStartTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ServiceStartTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(20);

    private readonly StackSettings _settings;
    private readonly RepositoryLayout _layout;
    private readonly Action<string> _say;
    private readonly string _dataDirectory;
    private readonly List<ChildProcess> _processes = [];
    private readonly Dictionary<string, ServiceMetrics> _metrics = new(StringComparer.Ordinal);
    private readonly List<HttpClient> _httpClients = [];
    private readonly HttpClient _probeHttp = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly string _connectorId = Guid.NewGuid().ToString();
    private ServiceProvider? _clients;
    private RabbitMqVirtualHost? _virtualHost;

    private PipelineStack(StackSettings settings, RepositoryLayout layout, Action<string> say)
    {
        _settings = settings;
        _layout = layout;
        _say = say;
        _dataDirectory = Directory.CreateTempSubdirectory($"connector-bench-{settings.RunName}-").FullName;
        Directory.CreateDirectory(settings.LogDirectory);
    }

    /// <summary>falcon-sim's base address.</summary>
    public Uri FalconSimUrl { get; private set; } = null!;

    /// <summary>opencti-sim's base address.</summary>
    public Uri OpenCtiSimUrl { get; private set; } = null!;

    /// <summary>falcon-sim's hooks.</summary>
    public FalconSimProbe Falcon { get; private set; } = null!;

    /// <summary>opencti-sim's hooks.</summary>
    public OpenCtiSimProbe OpenCti { get; private set; } = null!;

    /// <summary>opencti-sim's GraphQL API, through the project's own client.</summary>
    public OpenCtiGraphQlClient GraphQl => _clients!.GetRequiredService<OpenCtiGraphQlClient>();

    /// <summary>Every process started so far.</summary>
    public IReadOnlyList<ChildProcess> Processes => _processes;

    /// <summary>The services' Prometheus endpoints, by service name.</summary>
    public IReadOnlyDictionary<string, ServiceMetrics> Metrics => _metrics;

    /// <summary>Where the logs are.</summary>
    public string LogDirectory => _settings.LogDirectory;

    /// <summary>A note about the RabbitMQ virtual host, when the run could not have a fresh one.</summary>
    public string? BrokerNote => _virtualHost?.Note;

    /// <summary>The process of a component, once started.</summary>
    public ChildProcess? ProcessOf(Component component) =>
        _processes.FirstOrDefault(p => string.Equals(p.Name, component?.Name, StringComparison.Ordinal));

    /// <summary>Starts both simulators and waits until they answer (opencti-sim first generates its seed indicators).</summary>
    public static async Task<PipelineStack> StartSimulatorsAsync(
        StackSettings settings, RepositoryLayout layout, Action<string> say, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(say);
        var stack = new PipelineStack(settings, layout, say);
        try
        {
            await stack.StartSimulatorsAsync(cancellationToken);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates the virtual host, starts ioc-sync and the reconciler, and waits for their <c>/health/ready</c>.</summary>
    public async Task StartConsumersAsync(CancellationToken cancellationToken)
    {
        _virtualHost = await RabbitMqVirtualHost.CreateAsync(cancellationToken);
        if (_virtualHost.Note is { } note)
        {
            _say($"note: {note}");
        }

        var iocSync = StartService(Component.IocSync, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["IOC_SYNC_STORE"] = $"Data Source={Path.Combine(_dataDirectory, "ioc-sync.db")}",
        });
        var reconciler = StartService(Component.Reconciler, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["RECONCILER_INTERVAL_MINUTES"] = _settings.ReconcilerFirstRunDelaySeconds is null ? "0" : "60",
            ["RECONCILER_FIRST_RUN_DELAY_SECONDS"] = (_settings.ReconcilerFirstRunDelaySeconds ?? 0).ToString(CultureInfo.InvariantCulture),
        });
        await Task.WhenAll(WaitReadyAsync(iocSync, cancellationToken), WaitReadyAsync(reconciler, cancellationToken));
    }

    /// <summary>Starts stream-ingest: from here on the initial sync runs. Returns once the process started, not when it is ready.</summary>
    public (ChildProcess Process, Task Ready) StartStreamIngest(CancellationToken cancellationToken)
    {
        var streamIngest = StartService(Component.StreamIngest, new Dictionary<string, string>(StringComparer.Ordinal));
        return (streamIngest.Process, WaitReadyAsync(streamIngest, cancellationToken));
    }

    /// <summary>Throws when a process of the stack died.</summary>
    public void EnsureRunning()
    {
        foreach (var process in _processes)
        {
            process.EnsureRunning();
        }
    }

    /// <summary>Stops the services first (stream-ingest, then ioc-sync and the reconciler), then the simulators.</summary>
    public async ValueTask DisposeAsync()
    {
        var order = new[] { Component.StreamIngest, Component.Reconciler, Component.IocSync, Component.OpenCtiSim, Component.FalconSim };
        foreach (var component in order)
        {
            if (ProcessOf(component) is { } process && !process.HasExited)
            {
                var started = DateTimeOffset.UtcNow;
                var killed = await process.StopAsync(StopGrace);
                _say($"stopped {component.Name,-13} {(killed ? "killed after" : "exit code " + process.ExitCode?.ToString(CultureInfo.InvariantCulture) + " in")} {(DateTimeOffset.UtcNow - started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
            }
        }

        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        if (_virtualHost is not null)
        {
            await _virtualHost.DisposeAsync();
        }

        if (_clients is not null)
        {
            await _clients.DisposeAsync();
        }

        foreach (var http in _httpClients)
        {
            http.Dispose();
        }

        _probeHttp.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open (a process that would not die): the temp directory is cleaned by the OS later.
        }
    }

    private async Task StartSimulatorsAsync(CancellationToken cancellationToken)
    {
        var falconPort = FreePort.Next();
        FalconSimUrl = new Uri($"http://127.0.0.1:{falconPort}/");
        var falcon = Start(Component.FalconSim, ["--urls", FalconSimUrl.ToString().TrimEnd('/')], new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["FALCON_SIM_LATENCY_MS"] = _settings.FalconLatencyMs.ToString(CultureInfo.InvariantCulture),
            ["FALCON_SIM_RATE_LIMIT_PER_MINUTE"] = _settings.FalconRateLimitPerMinute.ToString(CultureInfo.InvariantCulture),
            ["FALCON_SIM_CLIENT_ID"] = StackSettings.FalconClientId,
            ["FALCON_SIM_CLIENT_SECRET"] = StackSettings.FalconClientSecret,
            ["Logging__LogLevel__Default"] = "Warning",
        });

        var openCtiPort = FreePort.Next();
        OpenCtiSimUrl = new Uri($"http://127.0.0.1:{openCtiPort}/");
        var openCti = Start(Component.OpenCtiSim, ["--urls", OpenCtiSimUrl.ToString().TrimEnd('/')], new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["OPENCTI_SIM_TOKEN"] = StackSettings.OpenCtiToken,
            ["OPENCTI_SIM_STREAM_ID"] = StackSettings.LiveStreamId,
            ["OPENCTI_SIM_SEED_INDICATORS"] = _settings.SeedIndicators.ToString(CultureInfo.InvariantCulture),
            ["OPENCTI_SIM_SEED"] = _settings.GeneratorSeed.ToString(CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Default"] = "Warning",
        });

        Falcon = new FalconSimProbe(NewHttpClient(FalconSimUrl, TimeSpan.FromMinutes(5)));
        OpenCti = new OpenCtiSimProbe(NewHttpClient(OpenCtiSimUrl, TimeSpan.FromSeconds(30)));
        _clients = new ServiceCollection()
            .AddLogging()
            .AddOpenCtiClient(new OpenCtiConnection(OpenCtiSimUrl, StackSettings.OpenCtiToken))
            .BuildServiceProvider();

        await Task.WhenAll(
            Readiness.WaitAsync(_probeHttp, falcon, new Uri(FalconSimUrl, "_sim/counters"), SimulatorStartTimeout, cancellationToken),
            Readiness.WaitAsync(_probeHttp, openCti, new Uri(OpenCtiSimUrl, "_sim/state"), SimulatorStartTimeout, cancellationToken));
    }

    private HttpClient NewHttpClient(Uri baseAddress, TimeSpan timeout)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = timeout };
        _httpClients.Add(http);
        return http;
    }

    private (ChildProcess Process, Uri BaseAddress) StartService(Component component, Dictionary<string, string> own)
    {
        var port = FreePort.Next();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["OPENCTI_URL"] = OpenCtiSimUrl.ToString().TrimEnd('/'),
            ["OPENCTI_TOKEN"] = StackSettings.OpenCtiToken,
            ["CONNECTOR_ID"] = _connectorId,
            ["CONNECTOR_LIVE_STREAM_ID"] = StackSettings.LiveStreamId,
            ["CONNECTOR_LOG_FORMAT"] = "text",
            ["CROWDSTRIKE_API_BASE_URL"] = FalconSimUrl.ToString().TrimEnd('/'),
            ["CROWDSTRIKE_CLIENT_ID"] = StackSettings.FalconClientId,
            ["CROWDSTRIKE_CLIENT_SECRET"] = StackSettings.FalconClientSecret,
            ["METRICS_ENABLE"] = "true",
            ["METRICS_ADDR"] = "127.0.0.1",
            ["METRICS_PORT"] = port.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in RabbitMqVirtualHost.BrokerVariables(_virtualHost?.Name ?? "/"))
        {
            environment[key] = value;
        }

        foreach (var (key, value) in own)
        {
            environment[key] = value;
        }

        foreach (var (key, value) in _settings.ServiceOverrides)
        {
            environment[key] = value;
        }

        var process = Start(component, [], environment);
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        _metrics[component.Name] = new ServiceMetrics(NewHttpClient(baseAddress, TimeSpan.FromSeconds(10)), component.Name);
        return (process, baseAddress);
    }

    private Task WaitReadyAsync((ChildProcess Process, Uri BaseAddress) service, CancellationToken cancellationToken) =>
        Readiness.WaitAsync(_probeHttp, service.Process, new Uri(service.BaseAddress, "health/ready"), ServiceStartTimeout, cancellationToken);

    private ChildProcess Start(Component component, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var process = ChildProcess.Start(
            component.Name,
            _layout.AssemblyOf(component),
            arguments,
            environment,
            _dataDirectory,
            Path.Combine(_settings.LogDirectory, component.Name + ".log"));
        _processes.Add(process);
        _say($"started {component.Name,-13} pid {process.Id,-7} log {process.LogPath}");
        return process;
    }
}
