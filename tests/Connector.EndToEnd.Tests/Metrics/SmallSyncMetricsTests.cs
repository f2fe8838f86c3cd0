using System.Globalization;
using Connector.EndToEnd.Tests.Support;
using FalconSim;
using OpenCtiSim;

namespace Connector.EndToEnd.Tests.Metrics;

/// <summary>
/// Issue 6, "metrics": after a small sync of 20 indicators of mixed types (5 that yield no Falcon IOC, 1 whose value
/// someone else already holds in Falcon, and a 429 on the way) every service's <c>/metrics</c> shows the issue's
/// metrics with the values that sync must produce; then a reconciler run after an IOC was deleted by hand shows its drift.
/// </summary>
[Collection(PipelineTests.Name)]
public sealed class SmallSyncMetricsTests(Pipeline pipeline)
{
    private const string Name = "name=" + Pipeline.ConnectorName;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    // The bounds given to the second-valued histograms, as the exporter writes them in "le" (OpenTelemetry's defaults,
    // meant for milliseconds, would be 0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000).
    private static readonly string[] LatencyBuckets = ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "30", "60", "+Inf"];
    private static readonly string[] WaitBuckets = ["0.001", "0.005", "0.01", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "30", "60", "+Inf"];

    [Fact]
    public async Task After_a_small_sync_each_service_exposes_the_issue_6_metrics_with_the_values_of_that_sync()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var foreignDomain = $"held-elsewhere-{run}.example.com";
        pipeline.Falcon.Store.Seed(new SimIndicatorSeed { Type = "domain", Value = foreignDomain, CreatedBy = "someone-else", Source = "an analyst" });
        string[] supported =
        [
            .. Enumerable.Range(0, 4).Select(_ => $"[ipv4-addr:value = '{pipeline.UniqueIpv4()}']"),
            $"[ipv6-addr:value = '2001:db8:{run[..4]}::1']",
            $"[ipv6-addr:value = '2001:db8:{run[..4]}::2']",
            .. Enumerable.Range(0, 3).Select(i => $"[domain-name:value = 'host{i}-{run}.example.com']"),
            $"[domain-name:value = '{foreignDomain}']",
            .. Enumerable.Range(0, 2).Select(i => $"[file:hashes.MD5 = '{Hex(16, run, i)}']"),
            .. Enumerable.Range(0, 3).Select(i => $"[file:hashes.'SHA-256' = '{Hex(32, run, i)}']"),
        ];
        IndicatorDraft[] unsupported =
        [
            new() { Pattern = $"[url:value = 'http://{run}.example.com/payload']" },
            new() { Pattern = $"[email-addr:value = 'phish-{run}@example.com']" },
            new() { Pattern = $"[file:name = 'dropper-{run}.exe']" },
            new() { Pattern = $"rule e2e_{run} {{ condition: true }}", PatternType = "yara" },
            new() { Pattern = "[ipv4-addr:value = '300.1.2.3']" },
        ];
        var before = await ScrapeAllAsync();

        // One 429 for the next Falcon request, which is ioc-sync's first write of this sync: the client must retry it.
        pipeline.Falcon.Options.TriggerRateLimitBurst(1);
        var firstEventMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var pattern in supported)
        {
            pipeline.OpenCti.Platform.AddIndicator(new IndicatorDraft { Pattern = pattern, Score = 70 });
        }

        foreach (var draft in unsupported)
        {
            pipeline.OpenCti.Platform.AddIndicator(draft with { Score = 70 });
        }

        // Every command of the sync answered: 14 created, 1 left to the IOC's owner.
        var iocSync = await WaitForDeltaAsync(ConnectorService.IocSync, before, d => d.Of("ioc_sync_writes_total") >= supported.Length, "ioc_sync_writes_total");
        var streamIngest = new MetricDelta(before[ConnectorService.StreamIngest], await pipeline.ScrapeAsync(ConnectorService.StreamIngest));
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        // stream-ingest: frames by event and outcome, IOCs published and skipped by reason, lag, the reference names.
        // The yara indicator is skipped as a frame (its pattern is not STIX); the other four parse, and each term is skipped.
        Assert.Equal(supported.Length, streamIngest.Of("stream_ingest_frames_total", "event=create", "outcome=published"));
        Assert.Equal(unsupported.Length - 1, streamIngest.Of("stream_ingest_frames_total", "event=create", "outcome=no-iocs"));
        Assert.Equal(1, streamIngest.Of("stream_ingest_frames_total", "event=create", "outcome=not-stix-pattern"));
        Assert.Equal(supported.Length + unsupported.Length, streamIngest.Of("stream_ingest_frames_total", "event=create"));
        Assert.Equal(supported.Length, streamIngest.Of("stream_ingest_iocs_published_total", "change=upsert"));
        Assert.Equal(3, streamIngest.Of("stream_ingest_iocs_skipped_total", "reason=unsupported-observable"));
        Assert.Equal(1, streamIngest.Of("stream_ingest_iocs_skipped_total", "reason=invalid-ipv4"));
        Assert.Equal(unsupported.Length - 1, streamIngest.Of("stream_ingest_iocs_skipped_total"));
        Assert.InRange(streamIngest.After.One("stream_ingest_stream_lag_seconds"), 0, 10);
        Assert.Equal(supported.Length + unsupported.Length, streamIngest.Of("processed_messages_total", Name, "action=create"));
        Assert.InRange(streamIngest.After.One("current_state", Name), firstEventMs - 1000, nowMs + 1000);
        Assert.Equal(0, streamIngest.After.One("stream_ingest_publish_in_flight"));

        // ioc-sync: writes and failures by reason, batch sizes, and the Falcon client's requests, latency, headroom, 429 and retries.
        Assert.Equal(supported.Length - 1, iocSync.Of("ioc_sync_writes_total", "operation=Create", "outcome=synced"));
        Assert.Equal(1, iocSync.Of("ioc_sync_writes_total", "operation=Create", "outcome=OwnedElsewhere"));
        Assert.Equal(supported.Length, iocSync.Of("ioc_sync_batch_size_sum"));
        Assert.InRange(iocSync.Of("ioc_sync_batch_size_count"), 1, supported.Length);
        Assert.True(iocSync.Of("falcon_client_requests_total", "falcon_endpoint=iocs.create", "http_response_status_code=201") > 0, iocSync.Dump("falcon_client_requests"));
        Assert.Equal(1, iocSync.Of("falcon_client_requests_total", "http_response_status_code=429"));
        Assert.Equal(1, iocSync.Of("falcon_client_throttled_total"));
        Assert.True(iocSync.Of("falcon_client_retries_total") >= 1, iocSync.Dump("falcon_client_retries"));
        Assert.Equal(iocSync.Of("falcon_client_requests_total"), iocSync.Of("falcon_client_request_duration_seconds_count"));
        AssertBuckets(iocSync.After, LatencyBuckets, "falcon_client_request_duration_seconds_bucket", "falcon_endpoint=iocs.create");
        AssertBuckets(iocSync.After, WaitBuckets, "falcon_client_ratelimit_wait_seconds_bucket");
        Assert.InRange(iocSync.After.One("falcon_client_ratelimit_remaining"), 1, 6000);
        Assert.Equal(3000, iocSync.After.One("falcon_client_ratelimit_budget")); // Falcon's 6000 a minute × the default share of 0.5

        // Sagas by state, once the gauge (read from the store every 15 s) caught up: one per IOC in Falcon, one blocked.
        var owned = () => pipeline.Falcon.Store.Snapshot().Count(i => !i.Deleted && i.CreatedBy == Pipeline.FalconClientId);
        await WaitForAsync(
            ConnectorService.IocSync,
            s => s.Sum("ioc_sync_sagas", "state=InSync") == owned() && s.Sum("ioc_sync_sagas", "state=Blocked") == 1 && s.Sum("ioc_sync_sagas", "state=Writing") == 0,
            () => $"ioc_sync_sagas should be InSync={owned()} Blocked=1 Writing=0");

        await AssertReconcilerMetricsAsync(foreignDomain);
    }

    /// <summary>An IOC deleted by hand and the value held by someone else: the reconciler's run reports exactly those two.</summary>
    private async Task AssertReconcilerMetricsAsync(string foreignDomain)
    {
        var victim = pipeline.Falcon.Store.Snapshot().First(i => !i.Deleted && i.Type == "md5" && i.CreatedBy == Pipeline.FalconClientId);
        await AnalystConsole.DeleteAsync(pipeline.Falcon.BaseAddress, victim.Id);
        var ownedAtRun = pipeline.Falcon.Store.Snapshot().Count(i => !i.Deleted && i.CreatedBy == Pipeline.FalconClientId);
        var before = await pipeline.ScrapeAsync(ConnectorService.Reconciler);

        using var report = await pipeline.RunReconcilerAsync(Timeout);
        var reconciler = new MetricDelta(before, await pipeline.ScrapeAsync(ConnectorService.Reconciler));

        Assert.Equal("completed", report.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(1, reconciler.After.One("reconciler_drift", "kind=missing"));
        Assert.Equal(1, reconciler.After.One("reconciler_drift", "kind=owned-elsewhere"));
        Assert.Equal(0, reconciler.After.One("reconciler_drift", "kind=stale"));
        Assert.Equal(0, reconciler.After.One("reconciler_drift", "kind=orphan"));
        Assert.Equal(ownedAtRun, reconciler.After.One("reconciler_falcon_owned_iocs"));
        Assert.Equal(ownedAtRun + 2, reconciler.After.One("reconciler_desired_iocs")); // + the deleted one + the one held elsewhere
        Assert.Equal(1, reconciler.Of("reconciler_runs_total", "outcome=completed", "dry_run=false"));
        Assert.Equal(1, reconciler.Of("reconciler_run_duration_seconds_count"));
        Assert.Equal(1, reconciler.Of("reconciler_repairs_sent_total", "message=IocObserved"));
        Assert.Equal(1, reconciler.Of("reconciler_repairs_sent_total", "message=IndicatorChanged"));
        Assert.InRange(reconciler.After.One("reconciler_last_run_time_seconds"), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.True(reconciler.Of("opencti_graphql_calls_total", "operation=Indicators", "outcome=ok") >= 1, reconciler.Dump("opencti_graphql_calls"));
        AssertBuckets(reconciler.After, LatencyBuckets, "opencti_graphql_duration_seconds_bucket", "operation=Indicators");

        // The repair put the deleted IOC back, and the value held elsewhere was left alone.
        await pipeline.WaitForFalconIocAsync("md5", victim.Value, Timeout, otherThanId: victim.Id);
        Assert.Equal("someone-else", pipeline.Falcon.Store.FindActive("domain", foreignDomain)?.CreatedBy);
    }

    /// <summary>The histogram's buckets are exactly the bounds set for seconds, not OpenTelemetry's millisecond defaults.</summary>
    private static void AssertBuckets(PrometheusScrape scrape, string[] expected, string bucketSeries, params string[] labels)
    {
        var series = scrape.Of(bucketSeries, labels);
        Assert.True(series.Count > 0, $"{scrape.Service} exposes no {bucketSeries} {string.Join(",", labels)}");
        Assert.Equal(expected.ToHashSet(), series.Select(s => s.Labels["le"]).ToHashSet());
    }

    private async Task<Dictionary<ConnectorService, PrometheusScrape>> ScrapeAllAsync()
    {
        var scrapes = new Dictionary<ConnectorService, PrometheusScrape>();
        foreach (var service in ConnectorService.All)
        {
            scrapes[service] = await pipeline.ScrapeAsync(service);
        }

        return scrapes;
    }

    private async Task<MetricDelta> WaitForDeltaAsync(
        ConnectorService service, Dictionary<ConnectorService, PrometheusScrape> before, Func<MetricDelta, bool> done, string what)
    {
        MetricDelta? last = null;
        return await Eventually.WaitAsync(
            async () =>
            {
                last = new MetricDelta(before[service], await pipeline.ScrapeAsync(service));
                return done(last) ? last : null;
            },
            Timeout,
            () => $"{service.Name}: {what} did not reach the expected increase:\n{last?.Dump(what.Split('{')[0])}\n{pipeline.Diagnostics()}");
    }

    private async Task WaitForAsync(ConnectorService service, Func<PrometheusScrape, bool> done, Func<string> what)
    {
        PrometheusScrape? last = null;
        await Eventually.WaitAsync(
            async () =>
            {
                last = await pipeline.ScrapeAsync(service);
                return done(last);
            },
            Timeout,
            () => $"{service.Name}: {what()}; last scrape:\n{last?.Dump("ioc_sync_sagas")}");
    }

    /// <summary>A hex string of <paramref name="bytes"/> bytes, different for each run and index (a hash value Falcon accepts).</summary>
    private static string Hex(int bytes, string run, int index) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(run + index.ToString(CultureInfo.InvariantCulture))))[..(bytes * 2)];
}
