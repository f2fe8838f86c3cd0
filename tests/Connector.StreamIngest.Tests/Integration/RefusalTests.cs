using System.Net;
using Connector.Hosting;
using Connector.StreamIngest.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using OpenCtiSim;

namespace Connector.StreamIngest.Tests.Integration;

/// <summary>Configuration problems stop the service with a clear message and a non-zero exit code.</summary>
public sealed class RefusalTests(RabbitMqVirtualHost broker) : IClassFixture<RabbitMqVirtualHost>
{
    private const int StreamRefusedLog = 4105;

    [Fact]
    public async Task An_unknown_live_stream_stops_the_service_with_the_refused_exit_code()
    {
        await using var sim = await OpenCtiSimHost.StartAsync(Expectations.SimOptions());
        await using var host = await StreamIngestHost.StartAsync(sim, broker, s => s["connector:live_stream_id"] = "no-such-stream");

        var exitCode = await host.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(StreamIngestExit.StreamRefusedExitCode, exitCode);
        var log = Assert.Single(host.Logs.WithEventId(StreamRefusedLog));
        Assert.Contains("401", log.Message, StringComparison.Ordinal);
        Assert.Contains("CONNECTOR_LIVE_STREAM_ID", log.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(sim.Options.Token, string.Join("\n", host.Logs.Entries.Select(e => e.Message)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stopped_live_stream_stops_the_service_with_the_refused_exit_code()
    {
        await using var sim = await OpenCtiSimHost.StartAsync(Expectations.SimOptions());
        sim.Platform.SetStreamStatus(sim.Options.LiveStreamId, LiveStreamStatus.Stopped);
        await using var host = await StreamIngestHost.StartAsync(sim, broker);

        Assert.Equal(StreamIngestExit.StreamRefusedExitCode, await host.Completion.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("410", Assert.Single(host.Logs.WithEventId(StreamRefusedLog)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_token_stops_the_service_with_the_refused_exit_code()
    {
        await using var sim = await OpenCtiSimHost.StartAsync(Expectations.SimOptions());
        await using var host = await StreamIngestHost.StartAsync(sim, broker, s => s["opencti:token"] = "not-the-token");

        Assert.Equal(StreamIngestExit.StreamRefusedExitCode, await host.Completion.WaitAsync(TimeSpan.FromSeconds(60)));
        var message = Assert.Single(host.Logs.WithEventId(StreamRefusedLog)).Message;
        Assert.Contains("AUTH_REQUIRED", message, StringComparison.Ordinal);
        Assert.Contains("OPENCTI_TOKEN", message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-token", string.Join("\n", host.Logs.Entries.Select(e => e.Message)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_window_setting_stops_the_start_with_the_configuration_exit_code()
    {
        await using var sim = await OpenCtiSimHost.StartAsync(Expectations.SimOptions());
        var (app, _) = StreamIngestHost.Build(sim, broker, s => s["stream_ingest:max_in_flight"] = "0");
        var exit = app.Services.GetRequiredService<StreamIngestExit>();

        var exitCode = exit.Resolve(await app.RunConnectorAsync());

        Assert.Equal(ConnectorHostExtensions.InvalidConfigurationExitCode, exitCode);
        Assert.Equal(0, sim.Platform.Counters.ConnectionsOpened);
    }

    [Fact]
    public async Task The_ready_check_turns_healthy_once_the_stream_is_connected()
    {
        await using var sim = await OpenCtiSimHost.StartAsync(Expectations.SimOptions());
        await using var host = await StreamIngestHost.StartAsync(sim, broker);
        using var http = new HttpClient { BaseAddress = host.Address };

        await Eventually.HoldsAsync(() => host.Services.GetRequiredService<Health.LiveStreamStatus>().IsConnected, "the stream connected");
        using var response = await http.GetAsync(new Uri("health/ready", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("opencti-live-stream", body, StringComparison.Ordinal);
    }
}
