using System.Text.Json;
using Deployment.Tests.Support;

namespace Deployment.Tests;

/// <summary>deploy/grafana/connector-dashboard.json: valid, laid out on Grafana's grid, and querying real metrics.</summary>
public sealed class GrafanaDashboardTests(MetricCatalog catalog) : IClassFixture<MetricCatalog>
{
    private const string DashboardFile = "deploy/grafana/connector-dashboard.json";

    private static readonly Lazy<JsonDocument> Dashboard = new(() => JsonDocument.Parse(Repository.ReadText(DashboardFile)));

    private static IEnumerable<JsonElement> Panels =>
        Dashboard.Value.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.TryGetProperty("panels", out var nested) ? nested.EnumerateArray().Prepend(p) : [p]);

    private static IEnumerable<(string Panel, string Expression)> Queries =>
        Panels.Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => (p.GetProperty("title").GetString()!, t.GetProperty("expr").GetString()!)));

    [Fact]
    public void Panels_have_unique_ids_and_fit_the_grid()
    {
        var ids = Panels.Select(p => p.GetProperty("id").GetInt32()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(Panels, p =>
        {
            var grid = p.GetProperty("gridPos");
            Assert.InRange(grid.GetProperty("x").GetInt32() + grid.GetProperty("w").GetInt32(), 1, 24);
            Assert.True(grid.GetProperty("h").GetInt32() > 0);
        });
    }

    [Fact]
    public void Every_query_uses_the_dashboard_data_source_variable()
    {
        var variables = Dashboard.Value.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray()
            .Where(v => v.GetProperty("type").GetString() == "datasource")
            .Select(v => "${" + v.GetProperty("name").GetString() + "}")
            .ToList();
        var datasource = Assert.Single(variables);
        Assert.All(Panels.Where(p => p.TryGetProperty("targets", out _)), p =>
        {
            Assert.Equal(datasource, p.GetProperty("datasource").GetProperty("uid").GetString());
            Assert.All(p.GetProperty("targets").EnumerateArray(), t => Assert.Equal(datasource, t.GetProperty("datasource").GetProperty("uid").GetString()));
        });
    }

    [Fact]
    public void Every_query_reads_only_metrics_the_services_expose()
    {
        Assert.NotEmpty(Queries);
        var unknown = Queries
            .SelectMany(q => PromQl.MetricNames(q.Expression).Where(n => !catalog.SeriesNames.Contains(n)).Select(n => $"{n} (panel \"{q.Panel}\")"))
            .Distinct()
            .ToList();
        Assert.True(unknown.Count == 0, "the dashboard queries metrics no service exposes:\n  " + string.Join("\n  ", unknown)
            + "\nknown: " + string.Join(", ", catalog.SeriesNames.Order(StringComparer.Ordinal)));
    }

    [Theory]
    [InlineData("stream_ingest_frames_total", "frames by event and outcome")]
    [InlineData("stream_ingest_iocs_skipped_total", "IOCs skipped by reason")]
    [InlineData("stream_ingest_stream_lag_seconds", "stream lag")]
    [InlineData("ioc_sync_sagas", "saga counts by state")]
    [InlineData("falcon_client_requests_total", "Falcon requests by endpoint and status")]
    [InlineData("falcon_client_request_duration_seconds_bucket", "request latency histogram")]
    [InlineData("ioc_sync_batch_size_bucket", "batch sizes")]
    [InlineData("falcon_client_ratelimit_remaining", "rate-limit headroom")]
    [InlineData("falcon_client_retries_total", "retries")]
    [InlineData("ioc_sync_writes_total", "failures by reason")]
    [InlineData("reconciler_drift", "drift by kind")]
    [InlineData("processed_messages_total", "the reference connector's processed messages")]
    [InlineData("current_state", "the reference connector's state")]
    public void Dashboard_shows(string metric, string what)
    {
        Assert.True(catalog.SeriesNames.Contains(metric), $"no service exposes {metric} ({what}) any more");
        Assert.True(Queries.Any(q => PromQl.MetricNames(q.Expression).Contains(metric)), $"no panel shows {what} ({metric})");
    }

    [Fact]
    public void The_catalog_sees_every_meter_of_the_services_and_exports_each_instrument()
    {
        string[] meters = ["Connector.StreamIngest", "Connector.IocSync", "Connector.Reconciler", "Connector.Falcon", "Connector.OpenCti"];
        Assert.All(meters, m => Assert.Contains(catalog.Instruments, i => i.Meter == m));
        Assert.All(catalog.Instruments, i => Assert.True(catalog.SeriesByInstrument[i.Name].Count > 0, $"{i.Name} produced no series"));
    }
}
