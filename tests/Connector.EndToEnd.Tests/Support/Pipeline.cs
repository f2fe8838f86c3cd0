using System.Globalization;
using System.Net;
using System.Text.Json;
using Connector.EndToEnd.Tests.Otlp;
using FalconSim;
using OpenCtiSim;

namespace Connector.EndToEnd.Tests.Support;

/// <summary>
/// The whole system, started once for the collection: RabbitMQ (a fresh virtual host), falcon-sim and opencti-sim in
/// the test process, an OTLP/HTTP receiver, and the three services as separate processes, each exporting its traces
/// to the receiver and serving <c>/metrics</c> on its own loopback port. ioc-sync and the reconciler start first,
/// stream-ingest last, so the queues it publishes to exist (as in compose).
/// </summary>
public sealed class Pipeline : IAsyncLifetime
{
    public const string FalconClientId = "e2e-connector-client";
    public const string ConnectorName = "CrowdStrike Endpoint Security";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    // Beside the test binaries rather than in the temp folder, so the services' logs outlive a failed run.
    private static readonly string LogDirectory = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "service-logs")).FullName;

    private readonly Dictionary<ConnectorService, ServiceProcess> _processes = [];
    private readonly Dictionary<ConnectorService, HttpClient> _listeners = [];
    private readonly RabbitMqBroker _broker = new();
    private DirectoryInfo? _directory;
    private ReconciliationRequester? _requester;
    private int _nextAddress;

    /// <summary>Secrets with a value no span could carry by chance, so finding one in a span is a leak.</summary>
    public string FalconClientSecret { get; } = "falcon-secret-" + Guid.NewGuid().ToString("N");

    public string OpenCtiToken { get; } = "opencti-token-" + Guid.NewGuid().ToString("N");

    public OtlpReceiver Otlp { get; private set; } = null!;

    public FalconSimHost Falcon { get; private set; } = null!;

    public OpenCtiSimHost OpenCti { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed: stop whatever did start.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        _directory = Directory.CreateTempSubdirectory("connector-e2e-");
        await _broker.InitializeAsync();
        Otlp = await OtlpReceiver.StartAsync();
        var falconOptions = new FalconSimOptions { ClientId = FalconClientId, ClientSecret = FalconClientSecret };
        falconOptions.AdditionalClients[AnalystConsole.ClientId] = AnalystConsole.ClientSecret;
        Falcon = await FalconSimHost.StartAsync(falconOptions);
        OpenCti = await OpenCtiSimHost.StartAsync(new OpenCtiSimOptions { Token = OpenCtiToken, HeartbeatInterval = TimeSpan.FromSeconds(1) });
        _requester = await ReconciliationRequester.StartAsync(_broker);

        var iocSync = Start(ConnectorService.IocSync, new()
        {
            ["IOC_SYNC_STORE"] = $"Data Source={Path.Combine(_directory!.FullName, "ioc-sync.db")}",
        });
        var reconciler = Start(ConnectorService.Reconciler, new()
        {
            // Runs only when asked: each test decides when the reconciler compares.
            ["RECONCILER_INTERVAL_MINUTES"] = "0",
        });
        await Task.WhenAll(WaitReadyAsync(iocSync), WaitReadyAsync(reconciler));
        await WaitReadyAsync(Start(ConnectorService.StreamIngest, []));
    }

    public async Task DisposeAsync()
    {
        foreach (var service in new[] { ConnectorService.StreamIngest, ConnectorService.Reconciler, ConnectorService.IocSync })
        {
            if (_processes.TryGetValue(service, out var process))
            {
                await process.DisposeAsync();
            }
        }

        foreach (var http in _listeners.Values)
        {
            http.Dispose();
        }

        if (_requester is not null)
        {
            await _requester.DisposeAsync();
        }

        await DisposeIfStarted(OpenCti);
        await DisposeIfStarted(Falcon);
        await DisposeIfStarted(Otlp);
        await _broker.DisposeAsync();
        try
        {
            _directory?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the OS cleans its temp folder later.
        }
    }

    /// <summary>A documentation-range IPv4 address (RFC 5737) no other test of the run uses.</summary>
    public string UniqueIpv4()
    {
        var n = Interlocked.Increment(ref _nextAddress);
        return string.Create(CultureInfo.InvariantCulture, $"203.0.{113 + (n / 250)}.{(n % 250) + 1}");
    }

    /// <summary>Throws when a service process died: nothing a test waits for can happen then.</summary>
    public void EnsureRunning()
    {
        foreach (var process in _processes.Values)
        {
            process.EnsureRunning();
        }
    }

    /// <summary>Waits until falcon-sim holds a live IOC of <paramref name="type"/> and <paramref name="value"/>.</summary>
    public Task<FalconSim.SimIndicator> WaitForFalconIocAsync(string type, string value, TimeSpan timeout, string? otherThanId = null) =>
        Eventually.WaitAsync(
            () =>
            {
                EnsureRunning();
                return Falcon.Store.FindActive(type, value) is { } ioc && ioc.Id != otherThanId ? ioc : null;
            },
            timeout,
            () => $"falcon-sim holds no live {type} {value}{(otherThanId is null ? "" : " other than " + otherThanId)}.\n{Diagnostics()}");

    /// <summary>One scrape of a service's <c>/metrics</c>.</summary>
    public async Task<PrometheusScrape> ScrapeAsync(ConnectorService service)
    {
        EnsureRunning();
        var text = await _listeners[service].GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return PrometheusScrape.Parse(service.Name, text);
    }

    /// <summary>The reconciler's last run report (<c>/report</c>), or null before its first run.</summary>
    public async Task<JsonDocument?> ReconcilerReportAsync()
    {
        EnsureRunning();
        using var response = await _listeners[ConnectorService.Reconciler].GetAsync(new Uri("/report", UriKind.Relative));
        return response.StatusCode == HttpStatusCode.NotFound ? null : JsonDocument.Parse(await response.EnsureSuccessStatusCode().Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Asks the reconciler for a run (the <c>ReconciliationRequested</c> message stream-ingest sends when the stream's
    /// history was trimmed) and waits for its report; returns the run number.
    /// </summary>
    public async Task<JsonDocument> RunReconcilerAsync(TimeSpan timeout)
    {
        using var before = await ReconcilerReportAsync();
        var lastRun = before?.RootElement.GetProperty("run").GetInt32() ?? 0;
        await _requester!.RequestAsync("end-to-end test");
        return await Eventually.WaitAsync(
            async () =>
            {
                var report = await ReconcilerReportAsync();
                if (report is not null && report.RootElement.GetProperty("run").GetInt32() > lastRun)
                {
                    return report;
                }

                report?.Dispose();
                return null;
            },
            timeout,
            () => $"the reconciler reported no run after run {lastRun}.\n{Diagnostics()}");
    }

    /// <summary>The last lines of every service, for failure messages.</summary>
    public string Diagnostics() =>
        string.Join("\n", _processes.Values.Select(p => $"--- {p.Service.Name} ({p.LogPath}):\n  " + string.Join("\n  ", p.Tail().TakeLast(15))));

    private ServiceProcess Start(ConnectorService service, Dictionary<string, string> own)
    {
        var port = FreeLoopbackPort();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["OPENCTI_URL"] = OpenCti.BaseAddress.ToString().TrimEnd('/'),
            ["OPENCTI_TOKEN"] = OpenCtiToken,
            ["CONNECTOR_ID"] = "0c9b7d3e-5a41-4f6e-9b2d-8e1f3a6c2b10",
            ["CONNECTOR_LIVE_STREAM_ID"] = OpenCti.Options.LiveStreamId,
            ["CONNECTOR_LOG_FORMAT"] = "text",
            ["CROWDSTRIKE_API_BASE_URL"] = Falcon.BaseAddress.ToString().TrimEnd('/'),
            ["CROWDSTRIKE_CLIENT_ID"] = FalconClientId,
            ["CROWDSTRIKE_CLIENT_SECRET"] = FalconClientSecret,
            ["METRICS_ENABLE"] = "true",
            ["METRICS_ADDR"] = "127.0.0.1",
            ["METRICS_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            // Traces over OTLP/HTTP to the receiver, exported every 200 ms so a test waits little for them.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Otlp.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        };
        foreach (var (key, value) in _broker.Variables)
        {
            environment[key] = value ?? "";
        }

        foreach (var (key, value) in own)
        {
            environment[key] = value;
        }

        var process = ServiceProcess.Start(service, environment, _directory!.FullName, Path.Combine(LogDirectory, service.Name + ".log"));
        _processes[service] = process;
        _listeners[service] = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        return process;
    }

    private Task WaitReadyAsync(ServiceProcess process) =>
        Eventually.WaitAsync(
            async () =>
            {
                process.EnsureRunning();
                try
                {
                    using var response = await _listeners[process.Service].GetAsync(new Uri("/health/ready", UriKind.Relative));
                    return response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            StartTimeout,
            () => $"{process.Service.Name} is not ready; its last lines ({process.LogPath}):\n  {string.Join("\n  ", process.Tail())}");

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task DisposeIfStarted(IAsyncDisposable? disposable)
    {
        if (disposable is not null)
        {
            await disposable.DisposeAsync();
        }
    }
}

/// <summary>The collection sharing one <see cref="Pipeline"/>: its tests run one after another, never in parallel.</summary>
[CollectionDefinition(Name)]
public sealed class PipelineTests : ICollectionFixture<Pipeline>
{
    public const string Name = "Pipeline";
}
