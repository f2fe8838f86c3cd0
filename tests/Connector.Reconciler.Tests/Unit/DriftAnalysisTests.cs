using Connector.Contracts;
using Connector.Domain.Falcon;
using Connector.Domain.Indicators;
using Connector.Falcon;
using Connector.Reconciler.Actual;
using Connector.Reconciler.Desired;
using Connector.Reconciler.Drift;

namespace Connector.Reconciler.Tests.Unit;

/// <summary>The diff alone: desired claims against Falcon IOCs, one rule per case.</summary>
public sealed class DriftAnalysisTests
{
    private const string Us = "our-client";
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly IocPolicy Policy = new();
    private static readonly FalconOwnership Ownership = new(Us, IocPolicy.DefaultSource);

    // What the rules make of an indicator with score 70 and no platforms, labels or description.
    private static readonly FalconIocFields Wanted = new()
    {
        Action = "detect",
        MobileAction = "detect",
        Severity = "high",
        Platforms = ["linux", "mac", "windows"],
        Description = "an indicator",
        Source = IocPolicy.DefaultSource,
    };

    public static TheoryData<string, DiffCase> Cases => new()
    {
        { "in sync", new DiffCase { Wants = ["a.example"], Holds = [Ioc("a.example", Wanted)] } },
        { "another severity is stale", new DiffCase { Wants = ["a.example"], Holds = [Ioc("a.example", Wanted with { Severity = "low" })], Expect = [(DriftKind.Stale, "a.example")] } },
        { "an extra tag is stale", new DiffCase { Wants = ["a.example"], Holds = [Ioc("a.example", Wanted with { Tags = ["manual"] })], Expect = [(DriftKind.Stale, "a.example")] } },
        { "a held description the claims do not set is accepted (Falcon cannot clear it)", new DiffCase { Wants = ["a.example"], WantsDescription = false, Holds = [Ioc("a.example", Wanted with { Description = "typed in the console" })] } },
        { "a held expiration the claims do not set is accepted", new DiffCase { Wants = ["a.example"], Holds = [Ioc("a.example", Wanted with { Expiration = Now.AddDays(3) })] } },
        { "wanted but absent is missing", new DiffCase { Wants = ["a.example"], Expect = [(DriftKind.Missing, "a.example")] } },
        { "wanted but held by another client is owned elsewhere", new DiffCase { Wants = ["a.example"], ElsewhereHolds = [Ioc("a.example", Wanted, createdBy: "someone", source: "manual")], Expect = [(DriftKind.OwnedElsewhere, "a.example")] } },
        { "wanted, absent from the listing, ours by the time of the lookup is no drift", new DiffCase { Wants = ["a.example"], ElsewhereHolds = [Ioc("a.example", Wanted)] } },
        { "disarmed and wanted again", new DiffCase { Wants = ["a.example"], Holds = [Ioc("a.example", FalconFieldRules.Disarm(Wanted, Policy))], Expect = [(DriftKind.DisarmedDesired, "a.example")] } },
        { "armed and unwanted is an orphan", new DiffCase { Holds = [Ioc("a.example", Wanted)], Expect = [(DriftKind.Orphan, "a.example")] } },
        { "the Python connector's (its source) unwanted IOC is an orphan", new DiffCase { Holds = [Ioc("a.example", Wanted, createdBy: "python")], Expect = [(DriftKind.Orphan, "a.example")] } },
        { "disarmed and unwanted, past the retention, is purged", new DiffCase { Retention = TimeSpan.FromDays(30), Holds = [Ioc("a.example", FalconFieldRules.Disarm(Wanted, Policy), modifiedOn: Now.AddDays(-31))], Expect = [(DriftKind.ExpiredToDelete, "a.example")] } },
        { "disarmed and unwanted, within the retention, is left", new DiffCase { Retention = TimeSpan.FromDays(30), Holds = [Ioc("a.example", FalconFieldRules.Disarm(Wanted, Policy), modifiedOn: Now.AddDays(-29))] } },
        { "disarmed and unwanted, without a retention, is left for ever", new DiffCase { Holds = [Ioc("a.example", FalconFieldRules.Disarm(Wanted, Policy), modifiedOn: Now.AddYears(-5))] } },
        { "an unnormalised value held matches its normalised claim", new DiffCase { Wants = ["a.example"], Holds = [Ioc("A.Example.", Wanted)] } },
        { "a claim no platform of which can be written is neither missing nor wanted", new DiffCase { Wants = ["a.example"], WantsPlatforms = ["android"] } },
        { "an armed IOC whose only claim cannot be written is an orphan", new DiffCase { Wants = ["a.example"], WantsPlatforms = ["android"], Holds = [Ioc("a.example", Wanted)], Expect = [(DriftKind.Orphan, "a.example")] } },
        { "a type the connector does not manage is left alone", new DiffCase { Holds = [Ioc("https://a.example/x", Wanted, type: "url")] } },
        { "a second spelling of a value already seen is left alone", new DiffCase { Wants = ["a.example"], Holds = [Ioc("a.example", Wanted), Ioc("A.EXAMPLE", Wanted with { Severity = "low" })] } },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_difference_is_classified_by_its_rule(string name, DiffCase @case)
    {
        var desired = new DesiredSet();
        foreach (var value in @case.Wants)
        {
            desired.Add(IndicatorReader.Read(Indicator(value, @case.WantsDescription, @case.WantsPlatforms), Now), "internal-" + value, Now.AddDays(-1));
        }

        var analysis = new DriftAnalysis(desired, Policy, @case.Retention, Now);
        foreach (var ioc in @case.Holds)
        {
            analysis.Observe(ioc);
        }

        var missing = analysis.EndListing();
        var result = analysis.Complete(@case.ElsewhereHolds.Where(i => missing.Any(k => string.Equals(k.Value, i.Value, StringComparison.OrdinalIgnoreCase))), Ownership);

        Assert.True(
            @case.Expect.SequenceEqual(result.Items.Select(i => (i.Kind, i.Key.Value))),
            $"{name}: expected [{string.Join(", ", @case.Expect)}], got [{string.Join(", ", result.Items.Select(i => (i.Kind, i.Key.Value)))}]");
        Assert.Equal(@case.Expect.Count, result.Counts.Total + result.Counts.OwnedElsewhere);
    }

    [Fact]
    public void The_desired_fields_combine_every_claim_with_the_sagas_rules()
    {
        var desired = new DesiredSet();
        desired.Add(IndicatorReader.Read(Indicator("a.example", true, [], score: 10, labels: ["x"]), Now), "one", Now.AddDays(-2));
        desired.Add(IndicatorReader.Read(Indicator("A.example", true, ["windows"], score: 95, labels: ["y"], id: "indicator--00000000-0000-4000-8000-000000000002"), Now), "two", Now.AddDays(-1));
        var analysis = new DriftAnalysis(desired, Policy, null, Now);

        analysis.Observe(Ioc("a.example", Wanted with { Severity = "informational" }));
        var result = analysis.Complete([], Ownership);

        var stale = Assert.Single(result.Items);
        Assert.Equal(DriftKind.Stale, stale.Kind);
        Assert.Equal("critical", stale.Desired!.Severity);
        Assert.Equal(["x", "y"], stale.Desired.Tags);
        Assert.Equal(["linux", "mac", "windows"], stale.Desired.Platforms);
        Assert.Equal(2, stale.Claims.Count);
        Assert.Contains("severity informational→critical", stale.Detail, StringComparison.Ordinal);
        Assert.Contains("tags +x +y", stale.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Released_indicators_want_nothing_so_their_armed_IOCs_are_orphans()
    {
        var desired = new DesiredSet();
        desired.Add(IndicatorReader.Read(Indicator("revoked.example", true, [], revoked: true), Now), "r", Now);
        desired.Add(IndicatorReader.Read(Indicator("expired.example", true, [], validUntil: Now.AddMinutes(-1), id: "indicator--00000000-0000-4000-8000-000000000003"), Now), "e", Now);
        var analysis = new DriftAnalysis(desired, Policy, null, Now);
        analysis.Observe(Ioc("revoked.example", Wanted));
        analysis.Observe(Ioc("expired.example", Wanted));

        var result = analysis.Complete([], Ownership);

        Assert.Equal(2, desired.ReleasedIndicators);
        Assert.Empty(desired.Iocs);
        Assert.Equal(2, result.Counts.Orphan);
    }

    [Fact]
    public void The_same_indicator_listed_twice_keeps_its_newest_claim()
    {
        var desired = new DesiredSet();
        var reading = IndicatorReader.Read(Indicator("a.example", true, []), Now);
        desired.Add(reading, "same", Now.AddDays(-1));
        desired.Add(reading, "same", Now.AddDays(-3));

        var claim = Assert.Single(desired.Iocs[new IocKey(IocType.Domain, "a.example")].Claims);
        Assert.Equal(Now.AddDays(-1), claim.Version);
    }

    private static IndicatorSnapshot Indicator(
        string domain, bool withDescription, IReadOnlyList<string> platforms, int score = 70, IReadOnlyList<string>? labels = null,
        bool revoked = false, DateTimeOffset? validUntil = null, string id = "indicator--00000000-0000-4000-8000-000000000001") => new()
    {
        Id = id,
        PatternType = "stix",
        Pattern = $"[domain-name:value = '{domain}']",
        Score = score,
        Platforms = platforms,
        Labels = labels ?? [],
        Description = withDescription ? "an indicator" : null,
        Revoked = revoked,
        ValidUntil = validUntil,
    };

    private static FalconIoc Ioc(
        string value, FalconIocFields fields, string type = "domain", string createdBy = Us, string? source = null, DateTimeOffset? modifiedOn = null) => new()
    {
        Id = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(type + value))),
        Type = type,
        Value = value,
        Action = fields.Action,
        MobileAction = fields.MobileAction,
        Severity = fields.Severity,
        Platforms = fields.Platforms,
        Tags = fields.Tags,
        Description = fields.Description,
        Expiration = fields.Expiration,
        Source = source ?? fields.Source,
        AppliedGlobally = true,
        CreatedBy = createdBy,
        ModifiedOn = modifiedOn ?? Now.AddDays(-1),
    };

    public sealed record DiffCase
    {
        public IReadOnlyList<string> Wants { get; init; } = [];

        public bool WantsDescription { get; init; } = true;

        public IReadOnlyList<string> WantsPlatforms { get; init; } = [];

        public IReadOnlyList<FalconIoc> Holds { get; init; } = [];

        public IReadOnlyList<FalconIoc> ElsewhereHolds { get; init; } = [];

        public TimeSpan? Retention { get; init; }

        public IReadOnlyList<(DriftKind Kind, string Value)> Expect { get; init; } = [];

        public override string ToString() => $"wants [{string.Join(", ", Wants)}], holds [{string.Join(", ", Holds.Select(h => h.Value))}]";
    }
}
