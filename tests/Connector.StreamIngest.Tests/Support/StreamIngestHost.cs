using System.Diagnostics.Metrics;
using Connector.Hosting;
using Connector.OpenCti.LiveStream;
using Connector.OpenCti.State;
using Connector.StreamIngest.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenCtiSim;
using StreamEventId = Connector.OpenCti.LiveStream.StreamEventId;

namespace Connector.StreamIngest.Tests.Support;

/// <summary>
/// The real stream-ingest host, in-process, built as Program.cs builds it (<c>AddStreamIngestServices</c>,
/// <c>MapDefaultEndpoints</c>, <c>RunConnectorAsync</c>) with settings from memory: the simulator's URL, token and
/// stream, the test's RabbitMQ virtual host, a free loopback port. Logs are captured rather than written.
/// </summary>
public sealed class StreamIngestHost : IAsyncDisposable
{
    public const string ConnectorId = "5b0f4f0e-3c1d-4a8e-9a55-2f1f6c7d8e90";
    public const string ConnectorName = "CrowdStrike Endpoint Security (tests)";

    private readonly WebApplication app;
    private Task<int> run = Task.FromResult(0);
    private readonly StreamIngestExit exit;
    private readonly IHostApplicationLifetime lifetime;
    private bool stopped;

    private StreamIngestHost(WebApplication app, CapturedLogs logs, MetricProbe metrics, Uri address)
    {
        this.app = app;
        Logs = logs;
        Metrics = metrics;
        Address = address;

        // Resolved before the host runs: it disposes its container when it stops, and tests read these afterwards.
        exit = app.Services.GetRequiredService<StreamIngestExit>();
        lifetime = app.Lifetime;
        Keeper = app.Services.GetRequiredService<ConnectorStateKeeper>();
        ServiceMetrics = app.Services.GetRequiredService<StreamIngestMetrics>();
    }

    public IServiceProvider Services => app.Services;

    public ConnectorStateKeeper Keeper { get; }

    public StreamIngestMetrics ServiceMetrics { get; }

    /// <summary>The position the keeper would save now (<c>0-0</c> before the connector registered).</summary>
    public StreamEventId Position => Keeper.Current?.StartFrom ?? StreamEventId.Zero;

    public CapturedLogs Logs { get; }

    public MetricProbe Metrics { get; }

    /// <summary>The host's HTTP address (health endpoints).</summary>
    public Uri Address { get; private set; }

    /// <summary>Completes with the process exit code Program.cs would return once the host stopped.</summary>
    public Task<int> Completion => ExitCodeAsync();

    public static IDictionary<string, string?> DefaultSettings(OpenCtiSimHost sim, RabbitMqVirtualHost broker)
    {
        ArgumentNullException.ThrowIfNull(sim);
        ArgumentNullException.ThrowIfNull(broker);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["urls"] = "http://127.0.0.1:0",
            ["opencti:url"] = sim.BaseAddress.ToString(),
            ["opencti:token"] = sim.Options.Token,
            ["connector:id"] = ConnectorId,
            ["connector:name"] = ConnectorName,
            ["connector:live_stream_id"] = sim.Options.LiveStreamId,
            ["stream_ingest:max_in_flight"] = "500",
            ["stream_ingest:drain_timeout"] = "00:00:05",
        };
        foreach (var (key, value) in broker.Settings)
        {
            settings[key] = value;
        }

        return settings;
    }

    public static async Task<StreamIngestHost> StartAsync(
        OpenCtiSimHost sim,
        RabbitMqVirtualHost broker,
        Action<IDictionary<string, string?>>? configure = null,
        PublishGate? gate = null,
        bool serviceDefaults = false)
    {
        var (app, logs) = Build(sim, broker, configure, gate, serviceDefaults);
        var metrics = new MetricProbe(app.Services.GetRequiredService<IMeterFactory>(), StreamIngestInstrumentation.SourceName);
        var started = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Lifetime.ApplicationStarted.Register(() => started.TrySetResult(
            new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First())));
        var host = new StreamIngestHost(app, logs, metrics, new Uri("http://127.0.0.1/"));
        host.run = Task.Run(() => app.RunConnectorAsync());
        await Task.WhenAny(started.Task, host.run).WaitAsync(TimeSpan.FromSeconds(60));
        if (!started.Task.IsCompleted)
        {
            var code = await host.run;

            // A refused stream may stop the service before it finished starting; that ending is what such tests await.
            if (host.exit.Resolve(code) == StreamIngestExit.StreamRefusedExitCode)
            {
                return host;
            }

            metrics.Dispose();
            throw new InvalidOperationException($"The host stopped while starting (exit code {code}): {string.Join(Environment.NewLine, logs.Entries.Select(e => e.Message))}");
        }

        host.Address = await started.Task;
        return host;
    }

    /// <summary>The host as Program.cs builds it, not started.</summary>
    public static (WebApplication App, CapturedLogs Logs) Build(
        OpenCtiSimHost sim,
        RabbitMqVirtualHost broker,
        Action<IDictionary<string, string?>>? configure = null,
        PublishGate? gate = null,
        bool serviceDefaults = false)
    {
        var settings = DefaultSettings(sim, broker);
        configure?.Invoke(settings);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(settings);
        var logs = new CapturedLogs();
        if (serviceDefaults)
        {
            // Program.cs's first line: Serilog, OpenTelemetry with the Prometheus endpoint, health checks. The test's
            // settings go last again so the machine's environment cannot override them. Logs then go to Serilog.
            builder.AddServiceDefaults(StreamIngestInstrumentation.ServiceName, StreamIngestInstrumentation.SourceName);
            builder.Configuration.AddInMemoryCollection(settings);
        }
        else
        {
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
            builder.Logging.AddProvider(logs);
        }

        builder.Services.AddStreamIngestServices(builder.Configuration, gate is null ? null : gate.Configure);

        var app = builder.Build();
        app.MapDefaultEndpoints();
        return (app, logs);
    }

    /// <summary>A graceful stop, as on SIGTERM; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!stopped)
        {
            stopped = true;
            lifetime.StopApplication();
        }

        return await ExitCodeAsync().WaitAsync(TimeSpan.FromSeconds(90));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            Metrics.Dispose();
        }
    }

    private async Task<int> ExitCodeAsync() => exit.Resolve(await run);
}
