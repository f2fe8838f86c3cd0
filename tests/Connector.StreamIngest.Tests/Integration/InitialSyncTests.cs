using Connector.Contracts;
using Connector.OpenCti.LiveStream;
using Connector.StreamIngest.Ingest;
using Connector.StreamIngest.Tests.Support;
using OpenCtiSim;
using StreamEventId = Connector.OpenCti.LiveStream.StreamEventId;

namespace Connector.StreamIngest.Tests.Integration;

public sealed class InitialSyncTests(RabbitMqVirtualHost broker) : IClassFixture<RabbitMqVirtualHost>
{
    private const string Md5 = "d41d8cd98f00b204e9800998ecf8427e";
    private const string Sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const int IndicatorSkippedEventId = 4101;

    [Fact]
    public async Task A_first_run_publishes_one_upsert_per_indicator_and_ioc_and_counts_what_it_cannot_use()
    {
        await using var sim = await OpenCtiSimHost.StartAsync(Expectations.SimOptions());
        var platform = sim.Platform;
        var ip = platform.AddIndicator(new IndicatorDraft { Pattern = "[ipv4-addr:value = '198.51.100.7']", Score = 70, Labels = ["c2"], Platforms = ["windows", "linux"] });
        var hashes = platform.AddIndicator(new IndicatorDraft { Pattern = $"[file:hashes.MD5 = '{Md5.ToUpperInvariant()}' OR file:hashes.'SHA-256' = '{Sha256}']" });
        var domain = platform.AddIndicator(new IndicatorDraft { Pattern = "[domain-name:value='Evil.Example']" });
        var url = platform.AddIndicator(new IndicatorDraft { Pattern = "[url:value = 'http://evil.example/x']" });
        platform.AddIndicator(new IndicatorDraft { Pattern = "rule evil { condition: true }", PatternType = "yara" });
        var combined = platform.AddIndicator(new IndicatorDraft { Pattern = "[ipv4-addr:value = '198.51.100.8' AND domain-name:value = 'b.example']" });
        var cidr = platform.AddIndicator(new IndicatorDraft { Pattern = "[ipv4-addr:value = '10.0.0.0/8' OR ipv4-addr:value = '203.0.113.9']" });
        var revoked = platform.AddIndicator(new IndicatorDraft { Pattern = "[ipv4-addr:value = '192.0.2.1']", Revoked = true });

        await using var collector = await ChangeCollector.StartAsync(broker);
        await using var host = await StreamIngestHost.StartAsync(sim, broker);
        var lastIndicatorId = StreamEventId.FromTimestamp(platform.Indicators.Max(i => i.UpdatedAt));
        await Eventually.HoldsAsync(() => host.Position >= lastIndicatorId, "the position passed every recovered indicator");
        await collector.WaitForChangesAsync(c => c.Count >= 6, "six messages arrived");

        var changes = collector.Changes;
        var expected = new HashSet<(string, string, IndicatorChangeKind, IocType, string, string?)>
        {
            (ip.Id, ip.StandardId, IndicatorChangeKind.Upsert, IocType.Ipv4, "198.51.100.7", null),
            (hashes.Id, hashes.StandardId, IndicatorChangeKind.Upsert, IocType.Md5, Md5, null),
            (hashes.Id, hashes.StandardId, IndicatorChangeKind.Upsert, IocType.Sha256, Sha256, null),
            (domain.Id, domain.StandardId, IndicatorChangeKind.Upsert, IocType.Domain, "evil.example", null),
            (cidr.Id, cidr.StandardId, IndicatorChangeKind.Upsert, IocType.Ipv4, "203.0.113.9", null),
            (revoked.Id, revoked.StandardId, IndicatorChangeKind.Release, IocType.Ipv4, "192.0.2.1", ReleaseReasons.Revoked),
        };
        Assert.Equal(expected, changes.Select(c => (c.IndicatorInternalId!, c.IndicatorId, c.Change, c.Type, c.Value, c.Reason)).ToHashSet());
        Assert.Equal(6, changes.Count);

        // Recovery frames carry "<updated_at-ms>-0": that time is each claim's version.
        foreach (var change in changes)
        {
            var indicator = platform.GetIndicator(change.IndicatorInternalId!)!;
            Assert.Equal(indicator.UpdatedAt, change.Version);
            Assert.Equal(StreamEventId.FromTimestamp(indicator.UpdatedAt).ToString(), change.StreamEventId);
            Assert.Equal(ChangeOrigin.Stream, change.Origin);
        }

        var ipAttributes = changes.Single(c => c.Value == "198.51.100.7").Attributes!;
        Assert.Equal(70, ipAttributes.Score);
        Assert.Equal(new[] { "c2" }, ipAttributes.Labels);
        Assert.Equal(new[] { "windows", "linux" }, ipAttributes.Platforms);

        Assert.Equal(1, host.Metrics.Sum("stream_ingest.iocs.skipped", ("reason", SkipReasonCategory.UnsupportedObservable)));
        Assert.Equal(1, host.Metrics.Sum("stream_ingest.iocs.skipped", ("reason", SkipReasonCategory.Combination)));
        Assert.Equal(1, host.Metrics.Sum("stream_ingest.iocs.skipped", ("reason", "invalid-ipv4")));
        Assert.Equal(3, host.Metrics.Sum("stream_ingest.iocs.skipped"));
        Assert.Equal(1, host.Metrics.Sum("stream_ingest.frames", ("event", "create"), ("outcome", "not-stix-pattern")));
        Assert.Equal(5, host.Metrics.Sum("stream_ingest.iocs.published", ("change", "upsert")));
        Assert.Equal(1, host.Metrics.Sum("stream_ingest.iocs.published", ("change", "release")));

        // The Python connector's metrics: every create frame counted before filtering, and the last event time.
        Assert.Equal(8, host.Metrics.Sum("processed_messages", ("action", "create"), ("name", StreamIngestHost.ConnectorName)));
        var currentState = host.Metrics.Observe("current_state", ("name", StreamIngestHost.ConnectorName));
        Assert.NotNull(currentState);
        Assert.True(currentState >= lastIndicatorId.Milliseconds);

        var skippedLogs = host.Logs.WithEventId(IndicatorSkippedEventId).Select(e => e.Message).ToList();
        Assert.Equal(3, skippedLogs.Count);
        Assert.Contains(skippedLogs, m => m.Contains(url.StandardId, StringComparison.Ordinal) && m.Contains("url:value", StringComparison.Ordinal));
        Assert.Contains(skippedLogs, m => m.Contains(combined.StandardId, StringComparison.Ordinal));
        Assert.Contains(skippedLogs, m => m.Contains(cidr.StandardId, StringComparison.Ordinal) && m.Contains("CIDR", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_generated_population_arrives_whole_with_one_upsert_per_wanted_claim()
    {
        await using var sim = await OpenCtiSimHost.StartAsync(Expectations.SimOptions(seedIndicators: 1500));
        var expected = Expectations.WantedClaims(sim.Platform.Indicators, DateTimeOffset.UtcNow);
        Assert.True(expected.Count > 1000, "most generated indicators yield IOCs");

        await using var collector = await ChangeCollector.StartAsync(broker);
        await using var host = await StreamIngestHost.StartAsync(sim, broker);
        await collector.WaitForChangesAsync(c => Expectations.Upserts(c).Count >= expected.Count, $"{expected.Count} upserts arrived", TimeSpan.FromMinutes(2));

        Assert.Equal(expected, Expectations.Upserts(collector.Changes));
        Assert.Equal(expected.Count, collector.Changes.Count(c => c.Change == IndicatorChangeKind.Upsert));
    }

    [Fact]
    public async Task An_unsupported_indicator_is_logged_once_however_often_it_changes_but_counted_each_time()
    {
        await using var sim = await OpenCtiSimHost.StartAsync(Expectations.SimOptions());
        var url = sim.Platform.AddIndicator(new IndicatorDraft { Pattern = "[url:value = 'http://evil.example/x']" });
        await using var collector = await ChangeCollector.StartAsync(broker);
        await using var host = await StreamIngestHost.StartAsync(sim, broker);
        await Eventually.HoldsAsync(() => host.Metrics.Sum("stream_ingest.iocs.skipped") >= 1, "the recovered indicator was read");

        sim.Platform.UpdateIndicator(url.Id, i => i with { Description = "first change" });
        sim.Platform.UpdateIndicator(url.Id, i => i with { Description = "second change" });
        await Eventually.HoldsAsync(() => host.Metrics.Sum("stream_ingest.iocs.skipped") >= 3, "both updates were read");

        Assert.Equal(3, host.Metrics.Sum("stream_ingest.iocs.skipped", ("reason", SkipReasonCategory.UnsupportedObservable)));
        Assert.Single(host.Logs.WithEventId(IndicatorSkippedEventId));
        Assert.Empty(collector.Changes);
    }
}
