using Connector.Contracts;
using Connector.StreamIngest.Ingest;
using Connector.StreamIngest.Tests.Support;
using OpenCtiSim;

namespace Connector.StreamIngest.Tests.Integration;

/// <summary>Live events after the first run: each change in OpenCTI becomes the right claims.</summary>
public sealed class LiveChangeTests(RabbitMqVirtualHost broker) : IClassFixture<RabbitMqVirtualHost>, IAsyncLifetime
{
    private OpenCtiSimHost sim = null!;
    private ChangeCollector collector = null!;
    private StreamIngestHost host = null!;

    private OpenCtiSimPlatform Platform => sim.Platform;

    public async Task InitializeAsync()
    {
        sim = await OpenCtiSimHost.StartAsync(Expectations.SimOptions());
        collector = await ChangeCollector.StartAsync(broker);
        host = await StreamIngestHost.StartAsync(sim, broker);
        await Eventually.HoldsAsync(() => host.Metrics.Sum("stream_ingest.frames", ("event", "heartbeat"), ("outcome", "handled")) > 0, "the stream is live");
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await collector.DisposeAsync();
        await sim.DisposeAsync();
    }

    [Fact]
    public async Task A_pattern_change_releases_the_old_value_and_upserts_the_new_one_under_the_same_internal_id()
    {
        var before = Platform.AddIndicator(new IndicatorDraft { Pattern = "[ipv4-addr:value = '198.51.100.7']" });
        await collector.WaitForChangesAsync(c => c.Count == 1, "the create arrived");
        var created = collector.Changes[0];

        var after = Platform.UpdateIndicator(before.Id, i => i with { Pattern = "[ipv4-addr:value = '198.51.100.77']" });
        await collector.WaitForChangesAsync(c => c.Count >= 3, "the update's two messages arrived");

        var update = collector.Changes.Skip(1).ToList();
        var release = Assert.Single(update, c => c.Change == IndicatorChangeKind.Release);
        var upsert = Assert.Single(update, c => c.Change == IndicatorChangeKind.Upsert);
        Assert.Equal(("198.51.100.7", ReleaseReasons.ValueRemoved, before.StandardId, before.Id), (release.Value, release.Reason, release.IndicatorId, release.IndicatorInternalId));
        Assert.Equal(("198.51.100.77", after.StandardId, before.Id), (upsert.Value, upsert.IndicatorId, upsert.IndicatorInternalId));
        Assert.NotEqual(before.StandardId, after.StandardId);
        Assert.Equal(after.UpdatedAt, release.Version);
        Assert.Equal(release.Version, upsert.Version);
        Assert.True(upsert.Version > created.Version);
        Assert.Equal(release.StreamEventId, upsert.StreamEventId);
    }

    [Fact]
    public async Task An_update_of_the_attributes_upserts_them_and_releases_nothing()
    {
        var indicator = Platform.AddIndicator(new IndicatorDraft { Pattern = "[domain-name:value = 'a.example']", Score = 20 });
        await collector.WaitForChangesAsync(c => c.Count == 1, "the create arrived");

        Platform.UpdateIndicator(indicator.Id, i => i with { Score = 95, Labels = ["ransomware"], Platforms = ["macos"], ValidUntil = DateTimeOffset.UtcNow.AddDays(30) });
        await collector.WaitForChangesAsync(c => c.Count >= 2, "the update arrived");
        var marker = Platform.AddIndicator(new IndicatorDraft { Pattern = "[domain-name:value = 'marker.example']" });
        await collector.WaitForChangesAsync(c => c.Any(m => m.IndicatorInternalId == marker.Id), "a later event arrived");

        var upsert = Assert.Single(collector.Changes, c => c.IndicatorInternalId == indicator.Id && c.Version > collector.Changes[0].Version);
        Assert.Equal(IndicatorChangeKind.Upsert, upsert.Change);
        Assert.Equal(95, upsert.Attributes!.Score);
        Assert.Equal(new[] { "ransomware" }, upsert.Attributes.Labels);
        Assert.Equal(new[] { "macos" }, upsert.Attributes.Platforms);
        Assert.NotNull(upsert.Attributes.ValidUntil);
    }

    [Fact]
    public async Task A_delete_releases_every_ioc_of_the_indicator()
    {
        var indicator = Platform.AddIndicator(new IndicatorDraft { Pattern = "[ipv4-addr:value = '198.51.100.7' OR domain-name:value = 'b.example']" });
        await collector.WaitForChangesAsync(c => c.Count == 2, "the create arrived");

        Platform.DeleteIndicator(indicator.Id);
        await collector.WaitForChangesAsync(c => c.Count >= 4, "the delete arrived");

        var releases = collector.Changes.Where(c => c.Change == IndicatorChangeKind.Release).ToList();
        Assert.Equal(2, releases.Count);
        Assert.All(releases, r => Assert.Equal((ReleaseReasons.Deleted, indicator.Id, indicator.StandardId), (r.Reason, r.IndicatorInternalId, r.IndicatorId)));
        Assert.Equal(new HashSet<string> { "198.51.100.7", "b.example" }, releases.Select(r => r.Value).ToHashSet());
    }

    [Fact]
    public async Task A_revocation_releases_with_reason_revoked_and_an_unrevocation_upserts_again()
    {
        var indicator = Platform.AddIndicator(new IndicatorDraft { Pattern = "[ipv6-addr:value = '2001:DB8::1']" });
        await collector.WaitForChangesAsync(c => c.Count == 1, "the create arrived");

        Platform.RevokeIndicator(indicator.Id);
        await collector.WaitForChangesAsync(c => c.Count >= 2, "the revocation arrived");
        Platform.UpdateIndicator(indicator.Id, i => i with { Revoked = false });
        await collector.WaitForChangesAsync(c => c.Count >= 3, "the un-revocation arrived");

        var changes = collector.Changes.OrderBy(c => c.Version).ToList();
        Assert.Equal(
            [(IndicatorChangeKind.Upsert, (string?)null), (IndicatorChangeKind.Release, ReleaseReasons.Revoked), (IndicatorChangeKind.Upsert, null)],
            changes.Select(c => (c.Change, c.Reason)));
        Assert.All(changes, c => Assert.Equal("2001:db8::1", c.Value));
    }

    [Fact]
    public async Task A_merge_releases_the_absorbed_indicators_iocs_and_upserts_the_survivor()
    {
        var survivor = Platform.AddIndicator(new IndicatorDraft { Pattern = "[domain-name:value = 'kept.example']" });
        var absorbed = Platform.AddIndicator(new IndicatorDraft { Pattern = "[domain-name:value = 'gone.example' OR ipv4-addr:value = '203.0.113.5']" });
        await collector.WaitForChangesAsync(c => c.Count == 3, "the creates arrived");

        Platform.MergeIndicators(survivor.Id, [absorbed.Id]);
        await collector.WaitForChangesAsync(c => c.Count >= 6, "the merge arrived");

        var merge = collector.Changes.Skip(3).ToList();
        var upsert = Assert.Single(merge, c => c.Change == IndicatorChangeKind.Upsert);
        Assert.Equal((survivor.Id, "kept.example"), (upsert.IndicatorInternalId, upsert.Value));
        var releases = merge.Where(c => c.Change == IndicatorChangeKind.Release).ToList();
        Assert.Equal(new HashSet<string> { "gone.example", "203.0.113.5" }, releases.Select(r => r.Value).ToHashSet());
        Assert.All(releases, r => Assert.Equal((ReleaseReasons.Merged, absorbed.Id, absorbed.StandardId), (r.Reason, r.IndicatorInternalId, r.IndicatorId)));
    }

    [Fact]
    public async Task Leaving_the_stream_filter_releases_and_entering_it_again_upserts()
    {
        sim.Platform.SetStreamFilters(
            sim.Options.LiveStreamId,
            """{"mode":"and","filters":[{"key":["entity_type"],"values":["Indicator"],"operator":"eq","mode":"or"},{"key":["x_opencti_score"],"values":["50"],"operator":"gte","mode":"or"}],"filterGroups":[]}""");
        var indicator = Platform.AddIndicator(new IndicatorDraft { Pattern = "[ipv4-addr:value = '198.51.100.7']", Score = 80 });
        await collector.WaitForChangesAsync(c => c.Count == 1, "the create arrived");

        Platform.UpdateIndicator(indicator.Id, i => i with { Score = 10 });
        await collector.WaitForChangesAsync(c => c.Count >= 2, "leaving the filter arrived");
        Platform.UpdateIndicator(indicator.Id, i => i with { Score = 60 });
        await collector.WaitForChangesAsync(c => c.Count >= 3, "entering the filter arrived");

        var changes = collector.Changes.OrderBy(c => c.Version).ToList();
        Assert.Equal(
            [(IndicatorChangeKind.Upsert, (string?)null), (IndicatorChangeKind.Release, ReleaseReasons.LeftFilter), (IndicatorChangeKind.Upsert, null)],
            changes.Select(c => (c.Change, c.Reason)));
        Assert.Equal(60, changes[2].Attributes!.Score);
    }
}
