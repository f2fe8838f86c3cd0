using Connector.Contracts;
using Connector.Reconciler.Desired;
using Connector.Reconciler.Drift;
using Connector.Reconciler.Repair;

namespace Connector.Reconciler.Tests.Unit;

public sealed class RepairPlannerTests
{
    private static readonly DateTimeOffset ObservedAt = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly IocKey Key = new(IocType.Domain, "a.example");

    private static readonly FalconIocFields Held = new()
    {
        Action = "no_action", MobileAction = "no_action", Severity = "low", Platforms = ["windows"], Tags = ["TO_DELETE"], Source = "OpenCTI IOC",
    };

    private static readonly DesiredClaim[] TwoClaims =
    [
        new("indicator--1", "internal-1", new IndicatorAttributes { Score = 10 }, ObservedAt.AddDays(-3)),
        new("indicator--2", null, new IndicatorAttributes { Score = 90 }, ObservedAt.AddDays(-1)),
    ];

    [Theory]
    [InlineData(DriftKind.Missing, 1, 2, 0)]
    [InlineData(DriftKind.Stale, 1, 2, 0)]
    [InlineData(DriftKind.DisarmedDesired, 1, 2, 0)]
    [InlineData(DriftKind.Orphan, 0, 0, 1)]
    [InlineData(DriftKind.ExpiredToDelete, 0, 0, 1)]
    [InlineData(DriftKind.OwnedElsewhere, 0, 0, 0)]
    public void Each_kind_is_repaired_by_its_messages(DriftKind kind, int observed, int upserts, int orphaned)
    {
        var item = Item(kind);

        var messages = RepairPlanner.MessagesFor(item, ObservedAt).ToList();

        Assert.Equal(observed, messages.OfType<IocObserved>().Count());
        Assert.Equal(upserts, messages.OfType<IndicatorChanged>().Count());
        Assert.Equal(orphaned, messages.OfType<IocOrphaned>().Count());
        Assert.Equal(messages.Count, RepairPlanner.CountFor(item));
    }

    [Fact]
    public void A_missing_IOC_is_observed_absent_so_a_saga_that_thinks_it_applied_writes_it_again()
    {
        var messages = RepairPlanner.MessagesFor(Item(DriftKind.Missing), ObservedAt).ToList();

        var observed = Assert.IsType<IocObserved>(messages[0]);
        Assert.False(observed.Exists);
        Assert.Null(observed.FalconId);
        Assert.Null(observed.Fields);
        Assert.Equal(Key, observed.Key);
        Assert.Equal(ObservedAt, observed.ObservedAt);
    }

    [Fact]
    public void Upserts_carry_each_claim_versioned_by_its_indicators_update_time_never_by_now()
    {
        var upserts = RepairPlanner.MessagesFor(Item(DriftKind.Stale), ObservedAt).OfType<IndicatorChanged>().ToList();

        Assert.Equal(2, upserts.Count);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(TwoClaims[i].IndicatorId, upserts[i].IndicatorId);
            Assert.Equal(TwoClaims[i].InternalId, upserts[i].IndicatorInternalId);
            Assert.Equal(TwoClaims[i].Version, upserts[i].Version);
            Assert.Same(TwoClaims[i].Attributes, upserts[i].Attributes);
            Assert.Equal(IndicatorChangeKind.Upsert, upserts[i].Change);
            Assert.Equal(ChangeOrigin.Reconciler, upserts[i].Origin);
            Assert.Equal(Key, upserts[i].Key);
        }
    }

    [Fact]
    public void A_stale_IOC_is_observed_with_what_Falcon_holds()
    {
        var observed = RepairPlanner.MessagesFor(Item(DriftKind.Stale), ObservedAt).OfType<IocObserved>().Single();

        Assert.True(observed.Exists);
        Assert.Equal("f-1", observed.FalconId);
        Assert.Equal(Held, observed.Fields);
    }

    [Theory]
    [InlineData(DriftKind.Orphan, false)]
    [InlineData(DriftKind.ExpiredToDelete, true)]
    public void Orphans_are_released_and_TO_DELETE_leftovers_purged(DriftKind kind, bool purge)
    {
        var orphaned = Assert.IsType<IocOrphaned>(Assert.Single(RepairPlanner.MessagesFor(Item(kind), ObservedAt)));

        Assert.Equal(purge, orphaned.Purge);
        Assert.Equal("f-1", orphaned.FalconId);
        Assert.Equal(Held, orphaned.Fields);
        Assert.Equal(ObservedAt, orphaned.ObservedAt);
    }

    private static DriftItem Item(DriftKind kind) => new(kind, Key)
    {
        FalconId = kind == DriftKind.Missing ? null : "f-1",
        Falcon = kind == DriftKind.Missing ? null : Held,
        Claims = kind is DriftKind.Orphan or DriftKind.ExpiredToDelete ? [] : TwoClaims,
    };
}
