using Connector.Contracts;
using Connector.Domain.Falcon;
using Connector.IocSync.Sagas;

namespace Connector.IocSync.Tests.Sagas;

public sealed class IocSyncDeciderSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly IocKey Key = new(IocType.Domain, "evil.example");

    private readonly IocSyncDecider _decider = new(new IocPolicy(), maxTransientFailures: 3);
    private readonly IocSagaState _saga = new() { CorrelationId = Key.CorrelationId, Type = Key.Type, Value = Key.Value };

    [Fact]
    public void First_claim_creates_the_ioc_with_the_derived_fields()
    {
        Claim("indicator--a", 1, score: 85);

        var write = NextWrite();

        Assert.Equal(SyncOperation.Create, write.Operation);
        Assert.Null(write.FalconId);
        Assert.Equal("critical", write.Fields!.Severity);
        Assert.Equal("detect", write.Fields.Action);
        Assert.Equal(Key.CorrelationId, write.CorrelationId);
    }

    [Fact]
    public void Nothing_more_is_sent_while_a_write_is_in_flight()
    {
        Claim("indicator--a", 1, score: 85);
        NextWrite();
        Claim("indicator--a", 2, score: 10);

        Assert.Null(_decider.NextWrite(_saga, Now));
    }

    [Fact]
    public void A_replayed_message_after_the_write_costs_nothing()
    {
        Claim("indicator--a", 1, score: 85);
        ConfirmAll();

        Assert.True(Claim("indicator--a", 1, score: 85));
        Assert.Null(_decider.NextWrite(_saga, Now));
    }

    [Fact]
    public void An_older_message_is_ignored()
    {
        Claim("indicator--a", 5, score: 85);
        ConfirmAll();

        Assert.False(Claim("indicator--a", 4, score: 10));
        Assert.Null(_decider.NextWrite(_saga, Now));
        Assert.Equal("critical", _saga.AppliedFields!.Severity);
    }

    [Fact]
    public void A_changed_attribute_updates_the_existing_ioc()
    {
        Claim("indicator--a", 1, score: 85);
        ConfirmAll();
        Claim("indicator--a", 2, score: 45);

        var write = NextWrite();

        Assert.Equal(SyncOperation.Update, write.Operation);
        Assert.Equal("falcon-1", write.FalconId);
        Assert.Equal("medium", write.Fields!.Severity);
    }

    [Fact]
    public void A_claim_that_arrives_during_a_write_is_applied_after_it()
    {
        Claim("indicator--a", 1, score: 85);
        var create = NextWrite();
        Claim("indicator--a", 2, score: 45);
        Confirm(create);

        var update = NextWrite();

        Assert.Equal(SyncOperation.Update, update.Operation);
        Assert.Equal("medium", update.Fields!.Severity);
    }

    [Fact]
    public void When_the_last_claimant_leaves_the_ioc_is_disarmed_and_tagged()
    {
        Claim("indicator--a", 1, score: 85);
        ConfirmAll();
        Release("indicator--a", 2);

        var write = NextWrite();

        Assert.Equal(SyncOperation.Disarm, write.Operation);
        Assert.Equal("falcon-1", write.FalconId);
        Assert.Contains(FalconTags.ToDelete, write.Fields!.Tags);
        Assert.Equal("no_action", write.Fields.Action);
    }

    [Fact]
    public void With_permanent_delete_the_last_claimant_leaving_deletes_the_ioc()
    {
        var decider = new IocSyncDecider(new IocPolicy { PermanentDelete = true });
        Claim("indicator--a", 1, score: 85);
        Confirm(decider.NextWrite(_saga, Now)!);
        Release("indicator--a", 2);

        var write = decider.NextWrite(_saga, Now)!;
        Assert.Equal(SyncOperation.Delete, write.Operation);
        Confirm(write);

        Assert.Equal(AppliedPresence.Absent, _saga.Applied);
        Assert.Null(decider.NextWrite(_saga, Now));
    }

    [Fact]
    public void A_new_claim_on_a_disarmed_ioc_restores_it_by_update()
    {
        Claim("indicator--a", 1, score: 85);
        ConfirmAll();
        Release("indicator--a", 2);
        ConfirmAll();
        Claim("indicator--b", 3, score: 85);

        var write = NextWrite();

        Assert.Equal(SyncOperation.Update, write.Operation);
        Assert.Equal("falcon-1", write.FalconId);
        Assert.DoesNotContain(FalconTags.ToDelete, write.Fields!.Tags);
        Assert.Equal("detect", write.Fields.Action);
    }

    [Fact]
    public void Removing_one_of_two_claimants_leaves_the_ioc()
    {
        Claim("indicator--a", 1, score: 85);
        Claim("indicator--b", 1, score: 85);
        ConfirmAll();
        Release("indicator--a", 2);

        Assert.Null(_decider.NextWrite(_saga, Now));

        Release("indicator--b", 3);
        Assert.Equal(SyncOperation.Disarm, NextWrite().Operation);
    }

    [Fact]
    public void A_release_that_overtakes_its_create_keeps_the_ioc_out()
    {
        Release("indicator--a", 2);
        Assert.Null(_decider.NextWrite(_saga, Now));

        Assert.False(Claim("indicator--a", 1, score: 85));
        Assert.Null(_decider.NextWrite(_saga, Now));
    }

    [Fact]
    public void An_answer_to_another_write_is_ignored()
    {
        Claim("indicator--a", 1, score: 85);
        var write = NextWrite();

        var stale = Synced(write) with { WriteId = Guid.NewGuid() };

        Assert.False(IocSyncDecider.Confirm(_saga, stale));
        Assert.Equal(write.WriteId, _saga.WriteId);
    }

    [Fact]
    public void A_permanent_failure_is_not_retried_until_the_desired_state_changes()
    {
        Claim("indicator--a", 1, score: 85);
        var write = NextWrite();
        Assert.True(_decider.Fail(_saga, Failed(write, SyncFailureKind.Invalid)));

        Assert.Null(_decider.NextWrite(_saga, Now));

        Claim("indicator--a", 2, score: 10);
        Assert.Equal(SyncOperation.Create, NextWrite().Operation);
    }

    [Fact]
    public void A_transient_failure_is_sent_again_until_the_limit()
    {
        Claim("indicator--a", 1, score: 85);
        for (var attempt = 1; attempt < 3; attempt++)
        {
            var write = NextWrite();
            _decider.Fail(_saga, Failed(write, SyncFailureKind.Transient));
        }

        var last = NextWrite();
        _decider.Fail(_saga, Failed(last, SyncFailureKind.Transient));

        Assert.Null(_decider.NextWrite(_saga, Now));
        Assert.Equal(SyncOperation.Create, _saga.BlockedOperation);
    }

    [Fact]
    public void An_ioc_deleted_by_hand_is_created_again_after_the_observation()
    {
        Claim("indicator--a", 1, score: 85);
        ConfirmAll();

        Assert.True(IocSyncDecider.Observe(_saga, new IocObserved { Type = Key.Type, Value = Key.Value, Exists = false, ObservedAt = Now }));

        var write = NextWrite();
        Assert.Equal(SyncOperation.Create, write.Operation);
    }

    [Fact]
    public void An_ioc_changed_by_hand_is_updated_back()
    {
        Claim("indicator--a", 1, score: 85);
        ConfirmAll();
        var changed = _saga.AppliedFields! with { Action = "no_action" };

        IocSyncDecider.Observe(_saga, new IocObserved { Type = Key.Type, Value = Key.Value, Exists = true, FalconId = "falcon-1", Fields = changed, ObservedAt = Now });

        var write = NextWrite();
        Assert.Equal(SyncOperation.Update, write.Operation);
        Assert.Equal("detect", write.Fields!.Action);
    }

    [Fact]
    public void An_expired_indicator_is_not_enforced()
    {
        _saga.Claimants.Add(new Claimant("indicator--a", Now, new IndicatorAttributes { Score = 85, ValidUntil = Now.AddDays(-1) }));

        Assert.Null(_decider.NextWrite(_saga, Now));
    }

    private bool Claim(string indicatorId, int version, int? score) =>
        IocSyncDecider.ApplyClaim(_saga, new IndicatorChanged
        {
            IndicatorId = indicatorId,
            Type = Key.Type,
            Value = Key.Value,
            Change = IndicatorChangeKind.Upsert,
            Attributes = new IndicatorAttributes { Score = score, Labels = ["c2"] },
            Version = Now.AddMinutes(version),
            Origin = ChangeOrigin.Stream,
        });

    private bool Release(string indicatorId, int version) =>
        IocSyncDecider.ApplyClaim(_saga, new IndicatorChanged
        {
            IndicatorId = indicatorId,
            Type = Key.Type,
            Value = Key.Value,
            Change = IndicatorChangeKind.Release,
            Version = Now.AddMinutes(version),
            Origin = ChangeOrigin.Stream,
        });

    private SyncIoc NextWrite() => _decider.NextWrite(_saga, Now) ?? throw new InvalidOperationException("Expected a write.");

    private void ConfirmAll()
    {
        while (_decider.NextWrite(_saga, Now) is { } write)
        {
            Confirm(write);
        }
    }

    private void Confirm(SyncIoc write) => Assert.True(IocSyncDecider.Confirm(_saga, Synced(write)));

    private static IocSynced Synced(SyncIoc write) => new()
    {
        CorrelationId = write.CorrelationId,
        WriteId = write.WriteId,
        Operation = write.Operation,
        FalconId = write.Operation == SyncOperation.Delete ? null : write.FalconId ?? "falcon-1",
        Fields = write.Fields,
        CompletedAt = Now,
    };

    private static IocSyncFailed Failed(SyncIoc write, SyncFailureKind kind) => new()
    {
        CorrelationId = write.CorrelationId,
        WriteId = write.WriteId,
        Operation = write.Operation,
        Kind = kind,
        Reason = "test",
        FailedAt = Now,
    };
}
