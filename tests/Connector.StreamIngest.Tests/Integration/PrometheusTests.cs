using Connector.StreamIngest.Tests.Support;
using OpenCtiSim;

namespace Connector.StreamIngest.Tests.Integration;

/// <summary>Dashboards built on the Python connector's metrics keep working against this service's /metrics.</summary>
public sealed class PrometheusTests(RabbitMqVirtualHost broker) : IClassFixture<RabbitMqVirtualHost>
{
    [Fact]
    public async Task The_metrics_endpoint_serves_the_reference_names_next_to_the_services_own()
    {
        // The exporter listens to every meter of that name in the process, so other tests' hosts show up too: this host
        // is told apart by a connector name of its own.
        var connectorName = $"Prometheus test {Guid.NewGuid():N}";
        await using var sim = await OpenCtiSimHost.StartAsync(Expectations.SimOptions());
        sim.Platform.AddIndicator(new IndicatorDraft { Pattern = "[ipv4-addr:value = '198.51.100.7']" });
        sim.Platform.AddIndicator(new IndicatorDraft { Pattern = "[url:value = 'http://x.example/']" });
        await using var collector = await ChangeCollector.StartAsync(broker);
        await using var host = await StreamIngestHost.StartAsync(
            sim,
            broker,
            s =>
            {
                s["metrics:enable"] = "true";
                s["connector:name"] = connectorName;
                s["connector:log_level"] = "warn";
            },
            serviceDefaults: true);
        await collector.WaitForChangesAsync(c => c.Count == 1, "the claim arrived");
        await Eventually.HoldsAsync(() => host.ServiceMetrics.InFlight == 0, "the publish was confirmed");

        using var http = new HttpClient { BaseAddress = host.Address };
        string[] lines = [];
        string? processed = null;

        // Both create frames are counted (the unsupported one too, as the Python connector counted every frame).
        await Eventually.HoldsAsync(
            async () =>
            {
                lines = (await http.GetStringAsync(new Uri("metrics", UriKind.Relative))).Split('\n');
                processed = lines.SingleOrDefault(l => l.StartsWith("processed_messages_total{", StringComparison.Ordinal)
                    && l.Contains("action=\"create\"", StringComparison.Ordinal) && l.Contains($"name=\"{connectorName}\"", StringComparison.Ordinal));
                return processed is not null && Value(processed) == "2" && lines.Any(l => l.StartsWith("stream_ingest_iocs_skipped_total{", StringComparison.Ordinal));
            },
            "the scrape counts both create frames");

        Assert.Contains(lines, l => l.StartsWith("current_state{", StringComparison.Ordinal) && l.Contains($"name=\"{connectorName}\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("stream_ingest_iocs_skipped_total{", StringComparison.Ordinal) && l.Contains("reason=\"unsupported-observable\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("stream_ingest_stream_lag_seconds", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("stream_ingest_publish_in_flight", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("stream_ingest_iocs_published_total{", StringComparison.Ordinal) && l.Contains("change=\"upsert\"", StringComparison.Ordinal));
    }

    // A sample line is "name{labels} value [timestamp]"; label values may hold spaces.
    private static string Value(string sample) => sample[(sample.LastIndexOf('}') + 1)..].Trim().Split(' ')[0];
}
