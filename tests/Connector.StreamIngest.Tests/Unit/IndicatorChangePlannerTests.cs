using Connector.Contracts;
using Connector.OpenCti;
using Connector.OpenCti.LiveStream;
using Connector.StreamIngest.Ingest;

namespace Connector.StreamIngest.Tests.Unit;

public sealed class IndicatorChangePlannerTests
{
    private const string Md5 = "d41d8cd98f00b204e9800998ecf8427e";
    private const string Sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly StreamEventId EventId = new(1717236930123, 4);

    [Fact]
    public void A_created_compound_OR_indicator_upserts_each_of_its_iocs_with_the_frame_time_as_version()
    {
        var indicator = Indicator("indicator--a", $"[file:hashes.MD5 = '{Md5.ToUpperInvariant()}' OR file:hashes.'SHA-256' = '{Sha256}']") with
        {
            Score = 80,
            Labels = ["apt"],
            Platforms = ["windows"],
            Description = "bad file",
        };

        var plan = IndicatorChangePlanner.Plan(new IndicatorEvent(EventId, IndicatorEventKind.Create, indicator), Now);

        Assert.Empty(plan.Skipped);
        Assert.Collection(
            plan.Changes,
            md5 => AssertChange(md5, "indicator--a", IndicatorChangeKind.Upsert, IocType.Md5, Md5, reason: null),
            sha => AssertChange(sha, "indicator--a", IndicatorChangeKind.Upsert, IocType.Sha256, Sha256, reason: null));
        var attributes = plan.Changes[0].Attributes!;
        Assert.Equal(80, attributes.Score);
        Assert.Equal(new[] { "apt" }, attributes.Labels);
        Assert.Equal(new[] { "windows" }, attributes.Platforms);
        Assert.Equal("bad file", attributes.Description);
    }

    public static TheoryData<bool, DateTimeOffset?, IndicatorChangeKind, string?> WantedOrReleased => new()
    {
        { false, null, IndicatorChangeKind.Upsert, null },
        { false, Now.AddDays(1), IndicatorChangeKind.Upsert, null },
        { true, null, IndicatorChangeKind.Release, ReleaseReasons.Revoked },
        { false, Now.AddSeconds(-1), IndicatorChangeKind.Release, ReleaseReasons.Expired },
        { false, Now, IndicatorChangeKind.Release, ReleaseReasons.Expired },
        { true, Now.AddDays(-1), IndicatorChangeKind.Release, ReleaseReasons.Revoked },
    };

    [Theory]
    [MemberData(nameof(WantedOrReleased))]
    public void A_revoked_or_expired_indicator_releases_its_iocs_whatever_the_event(bool revoked, DateTimeOffset? validUntil, IndicatorChangeKind expected, string? reason)
    {
        var indicator = Indicator("indicator--a", "[ipv4-addr:value = '198.51.100.7']") with { Revoked = revoked, ValidUntil = validUntil };

        foreach (var kind in new[] { IndicatorEventKind.Create, IndicatorEventKind.Update, IndicatorEventKind.Merge })
        {
            var change = Assert.Single(IndicatorChangePlanner.Plan(new IndicatorEvent(EventId, kind, indicator), Now).Changes);
            AssertChange(change, "indicator--a", expected, IocType.Ipv4, "198.51.100.7", reason);
            Assert.Equal(expected == IndicatorChangeKind.Upsert, change.Attributes is not null);
        }
    }

    [Fact]
    public void A_pattern_change_releases_the_old_value_under_the_old_stix_id_and_upserts_the_new_one()
    {
        // OpenCTI derives the STIX id from the pattern: the previous version had another id, the same internal id.
        var before = Indicator("indicator--old", "[domain-name:value = 'old.example']");
        var after = Indicator("indicator--new", "[domain-name:value = 'New.Example']");

        var plan = IndicatorChangePlanner.Plan(new IndicatorEvent(EventId, IndicatorEventKind.Update, after) { Previous = before }, Now);

        Assert.Collection(
            plan.Changes,
            upsert => AssertChange(upsert, "indicator--new", IndicatorChangeKind.Upsert, IocType.Domain, "new.example", reason: null),
            release => AssertChange(release, "indicator--old", IndicatorChangeKind.Release, IocType.Domain, "old.example", ReleaseReasons.ValueRemoved));
    }

    [Fact]
    public void An_update_that_drops_one_term_of_an_OR_releases_only_that_value()
    {
        var before = Indicator("indicator--a", "[ipv4-addr:value = '198.51.100.7' OR ipv4-addr:value = '198.51.100.8']");
        var after = Indicator("indicator--a", "[ipv4-addr:value = '198.51.100.7']");

        var plan = IndicatorChangePlanner.Plan(new IndicatorEvent(EventId, IndicatorEventKind.Update, after) { Previous = before }, Now);

        Assert.Collection(
            plan.Changes,
            kept => AssertChange(kept, "indicator--a", IndicatorChangeKind.Upsert, IocType.Ipv4, "198.51.100.7", reason: null),
            gone => AssertChange(gone, "indicator--a", IndicatorChangeKind.Release, IocType.Ipv4, "198.51.100.8", ReleaseReasons.ValueRemoved));
    }

    [Fact]
    public void An_update_of_other_fields_only_upserts()
    {
        var before = Indicator("indicator--a", "[ipv4-addr:value = '198.51.100.7']") with { Score = 10 };
        var after = before with { Score = 90 };

        var change = Assert.Single(IndicatorChangePlanner.Plan(new IndicatorEvent(EventId, IndicatorEventKind.Update, after) { Previous = before }, Now).Changes);

        AssertChange(change, "indicator--a", IndicatorChangeKind.Upsert, IocType.Ipv4, "198.51.100.7", reason: null);
        Assert.Equal(90, change.Attributes!.Score);
    }

    [Fact]
    public void A_revocation_releases_every_value_once_even_those_the_update_also_removed()
    {
        var before = Indicator("indicator--a", "[ipv4-addr:value = '198.51.100.7' OR ipv4-addr:value = '198.51.100.8']");
        var after = Indicator("indicator--a", "[ipv4-addr:value = '198.51.100.7']") with { Revoked = true };

        var plan = IndicatorChangePlanner.Plan(new IndicatorEvent(EventId, IndicatorEventKind.Update, after) { Previous = before }, Now);

        Assert.Collection(
            plan.Changes,
            revoked => AssertChange(revoked, "indicator--a", IndicatorChangeKind.Release, IocType.Ipv4, "198.51.100.7", ReleaseReasons.Revoked),
            removed => AssertChange(removed, "indicator--a", IndicatorChangeKind.Release, IocType.Ipv4, "198.51.100.8", ReleaseReasons.ValueRemoved));
    }

    [Fact]
    public void A_delete_releases_every_ioc_of_the_indicator_as_it_was()
    {
        var indicator = Indicator("indicator--a", $"[file:hashes.MD5 = '{Md5}' OR ipv6-addr:value = '2001:DB8::1']");

        var plan = IndicatorChangePlanner.Plan(new IndicatorEvent(EventId, IndicatorEventKind.Delete, indicator) { PayloadType = "delete" }, Now);

        Assert.Collection(
            plan.Changes,
            md5 => AssertChange(md5, "indicator--a", IndicatorChangeKind.Release, IocType.Md5, Md5, ReleaseReasons.Deleted),
            ip => AssertChange(ip, "indicator--a", IndicatorChangeKind.Release, IocType.Ipv6, "2001:db8::1", ReleaseReasons.Deleted));
        Assert.All(plan.Changes, c => Assert.Null(c.Attributes));
    }

    [Fact]
    public void Leaving_the_filter_releases_the_iocs_of_both_versions_once_each()
    {
        // An update that takes the indicator out of the filter (and changes its pattern) comes as a delete with the update payload.
        var before = Indicator("indicator--old", "[ipv4-addr:value = '198.51.100.7' OR ipv4-addr:value = '198.51.100.9']");
        var after = Indicator("indicator--new", "[ipv4-addr:value = '198.51.100.7' OR ipv4-addr:value = '198.51.100.8']");

        var plan = IndicatorChangePlanner.Plan(
            new IndicatorEvent(EventId, IndicatorEventKind.Delete, after) { Previous = before, PayloadType = "update" }, Now);

        Assert.Collection(
            plan.Changes,
            a => AssertChange(a, "indicator--new", IndicatorChangeKind.Release, IocType.Ipv4, "198.51.100.7", ReleaseReasons.LeftFilter),
            b => AssertChange(b, "indicator--new", IndicatorChangeKind.Release, IocType.Ipv4, "198.51.100.8", ReleaseReasons.LeftFilter),
            c => AssertChange(c, "indicator--old", IndicatorChangeKind.Release, IocType.Ipv4, "198.51.100.9", ReleaseReasons.LeftFilter));
    }

    [Fact]
    public void A_merge_upserts_the_survivor_and_releases_each_absorbed_indicator_under_its_own_ids()
    {
        var survivor = Indicator("indicator--survivor", "[domain-name:value = 'kept.example']", internalId: "internal-survivor");
        var first = Indicator("indicator--first", "[domain-name:value = 'first.example']", internalId: "internal-first");
        var second = Indicator("indicator--second", "[domain-name:value = 'kept.example' OR ipv4-addr:value = '203.0.113.5']", internalId: "internal-second");

        var plan = IndicatorChangePlanner.Plan(
            new IndicatorEvent(EventId, IndicatorEventKind.Merge, survivor) { MergedSources = [first, second] }, Now);

        Assert.Collection(
            plan.Changes,
            kept => AssertChange(kept, "indicator--survivor", IndicatorChangeKind.Upsert, IocType.Domain, "kept.example", reason: null, "internal-survivor"),
            a => AssertChange(a, "indicator--first", IndicatorChangeKind.Release, IocType.Domain, "first.example", ReleaseReasons.Merged, "internal-first"),
            b => AssertChange(b, "indicator--second", IndicatorChangeKind.Release, IocType.Domain, "kept.example", ReleaseReasons.Merged, "internal-second"),
            c => AssertChange(c, "indicator--second", IndicatorChangeKind.Release, IocType.Ipv4, "203.0.113.5", ReleaseReasons.Merged, "internal-second"));
    }

    [Theory]
    [InlineData("[url:value = 'http://bad.example/x']", "not supported: object path 'url:value'")]
    [InlineData("[ipv4-addr:value = '198.51.100.7' AND domain-name:value = 'a.example']", "not supported: AND")]
    [InlineData("[ipv4-addr:value = '198.51.100.7'] WITHIN 5 SECONDS", "not supported: qualifier")]
    [InlineData("[ipv4-addr:value = '198.51.100.7'", "syntax error")]
    public void An_unsupported_pattern_publishes_nothing_and_says_why(string pattern, string reasonStart)
    {
        var plan = IndicatorChangePlanner.Plan(new IndicatorEvent(EventId, IndicatorEventKind.Create, Indicator("indicator--a", pattern)), Now);

        Assert.Empty(plan.Changes);
        Assert.StartsWith(reasonStart, Assert.Single(plan.Skipped).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_value_in_an_OR_is_skipped_while_the_valid_one_is_upserted()
    {
        var indicator = Indicator("indicator--a", "[ipv4-addr:value = '10.0.0.0/8' OR ipv4-addr:value = '198.51.100.7']");

        var plan = IndicatorChangePlanner.Plan(new IndicatorEvent(EventId, IndicatorEventKind.Create, indicator), Now);

        AssertChange(Assert.Single(plan.Changes), "indicator--a", IndicatorChangeKind.Upsert, IocType.Ipv4, "198.51.100.7", reason: null);
        var skipped = Assert.Single(plan.Skipped);
        Assert.Equal(IocType.Ipv4, skipped.Type);
        Assert.Equal("10.0.0.0/8", skipped.RawValue);
    }

    [Fact]
    public void A_pattern_that_stops_being_stix_releases_the_values_of_its_stix_version()
    {
        var before = Indicator("indicator--a", "[ipv4-addr:value = '198.51.100.7']");
        var after = Indicator("indicator--a", "rule x { condition: true }") with { PatternType = "yara" };

        var plan = IndicatorChangePlanner.Plan(new IndicatorEvent(EventId, IndicatorEventKind.Update, after) { Previous = before }, Now);

        AssertChange(Assert.Single(plan.Changes), "indicator--a", IndicatorChangeKind.Release, IocType.Ipv4, "198.51.100.7", ReleaseReasons.ValueRemoved);
        Assert.StartsWith("not supported: pattern_type", Assert.Single(plan.Skipped).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deleted_unsupported_indicator_reports_nothing()
    {
        var plan = IndicatorChangePlanner.Plan(
            new IndicatorEvent(EventId, IndicatorEventKind.Delete, Indicator("indicator--a", "[url:value = 'http://x.example']")), Now);

        Assert.Empty(plan.Changes);
        Assert.Empty(plan.Skipped);
    }

    [Fact]
    public void A_missing_internal_id_is_left_empty_rather_than_invented()
    {
        var indicator = Indicator("indicator--a", "[ipv4-addr:value = '198.51.100.7']", internalId: null);

        var change = Assert.Single(IndicatorChangePlanner.Plan(new IndicatorEvent(EventId, IndicatorEventKind.Create, indicator), Now).Changes);

        Assert.Null(change.IndicatorInternalId);
        Assert.Equal("indicator--a", change.IndicatorId);
    }

    private static IndicatorSnapshot Indicator(string id, string pattern, string? internalId = "internal-1") => new()
    {
        Id = id,
        InternalId = internalId,
        Name = pattern,
        Pattern = pattern,
        PatternType = "stix",
    };

    private static void AssertChange(
        IndicatorChanged change, string indicatorId, IndicatorChangeKind kind, IocType type, string value, string? reason, string internalId = "internal-1")
    {
        Assert.Equal(indicatorId, change.IndicatorId);
        Assert.Equal(internalId, change.IndicatorInternalId);
        Assert.Equal(kind, change.Change);
        Assert.Equal(type, change.Type);
        Assert.Equal(value, change.Value);
        Assert.Equal(reason, change.Reason);
        Assert.Equal(EventId.Timestamp, change.Version);
        Assert.Equal("1717236930123-4", change.StreamEventId);
        Assert.Equal(ChangeOrigin.Stream, change.Origin);
    }
}
