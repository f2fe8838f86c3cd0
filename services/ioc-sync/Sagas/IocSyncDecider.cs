using Connector.Contracts;
using Connector.Domain.Falcon;

namespace Connector.IocSync.Sagas;

/// <summary>
/// The saga's decisions, as pure functions of its state: which claims to accept, what Falcon should hold, and
/// which single write (if any) brings Falcon there. Level-triggered: every event updates the state, then
/// <see cref="NextWrite"/> compares desired with applied, so replays and reordering cannot cause extra writes.
/// </summary>
public sealed class IocSyncDecider(IocPolicy policy, int maxTransientFailures = 5)
{
    /// <summary>
    /// Records an indicator's claim. Returns false (and changes nothing) when the message is older than the
    /// claim already held for that indicator; a message with the same version is applied again, which is harmless.
    /// </summary>
    public static bool ApplyClaim(IocSagaState state, IndicatorChanged message)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(message);

        // OpenCTI's internal id survives a pattern change, which gives the indicator a new STIX id.
        var claimantId = message.IndicatorInternalId ?? message.IndicatorId;
        var index = state.Claimants.FindIndex(c => c.IndicatorId == claimantId);
        if (index >= 0 && message.Version < state.Claimants[index].Version)
        {
            return false;
        }

        var attributes = message.Change == IndicatorChangeKind.Upsert ? message.Attributes ?? new IndicatorAttributes() : null;
        if (attributes is not null)
        {
            state.PurgeRequested = false;
        }

        var claim = new Claimant(claimantId, message.Version, attributes);
        if (index >= 0)
        {
            state.Claimants[index] = claim;
        }
        else
        {
            state.Claimants.Add(claim);
        }

        return true;
    }

    /// <summary>Derives what Falcon should hold now.</summary>
    public DesiredIoc Desire(IocSagaState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);

        var wanted = new List<FalconIocFields>();
        foreach (var claim in state.Claimants)
        {
            if (claim.Attributes is not null
                && FalconFieldRules.Decide(state.Type, claim.Attributes, policy, now) is { IsEnforced: true, Fields: { } fields })
            {
                wanted.Add(fields);
            }
        }

        if (DesiredStateRules.Combine(wanted) is { } combined)
        {
            return new DesiredIoc(AppliedPresence.Enforced, combined);
        }

        // Nobody wants the IOC any more. What leaves depends on what is there and on the delete policy.
        if (state.Applied == AppliedPresence.Absent || state.AppliedFields is null || policy.PermanentDelete || state.PurgeRequested)
        {
            return DesiredIoc.Absent;
        }

        return new DesiredIoc(AppliedPresence.Disarmed, FalconFieldRules.Disarm(state.AppliedFields, policy));
    }

    /// <summary>
    /// The write that brings Falcon from applied to desired, or null when they match, a write is already in
    /// flight, or the same write already failed for good. When a write is returned, the state records it as in flight.
    /// </summary>
    public SyncIoc? NextWrite(IocSagaState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.WriteId is not null)
        {
            return null;
        }

        var desired = Desire(state, now);
        (SyncOperation? Operation, FalconIocFields? Fields) plan = desired.Presence switch
        {
            AppliedPresence.Enforced when state.FalconId is null => (SyncOperation.Create, desired.Fields),
            AppliedPresence.Enforced when state.Applied != AppliedPresence.Enforced || !FalconFieldRules.Satisfies(state.AppliedFields, desired.Fields)
                => (SyncOperation.Update, desired.Fields),
            AppliedPresence.Disarmed when state.Applied != AppliedPresence.Disarmed || !FalconFieldRules.Satisfies(state.AppliedFields, desired.Fields)
                => (SyncOperation.Disarm, desired.Fields),
            AppliedPresence.Absent when state.FalconId is not null => (SyncOperation.Delete, null),
            _ => (null, null),
        };
        var (operation, fields) = plan;

        if (operation is null)
        {
            ClearBlock(state);
            return null;
        }

        if (state.BlockedOperation == operation && Equals(state.BlockedFields, fields))
        {
            return null;
        }

        var command = new SyncIoc
        {
            CorrelationId = state.CorrelationId,
            WriteId = Guid.NewGuid(),
            Operation = operation.Value,
            Type = state.Type,
            Value = state.Value,
            FalconId = state.FalconId,
            Fields = fields,
        };
        state.WriteId = command.WriteId;
        state.WriteOperation = command.Operation;
        state.WriteFields = fields;
        state.WriteSentAt = now;
        return command;
    }

    /// <summary>Takes a confirmed write as the applied state. Returns false for an answer to a write that is not the one in flight.</summary>
    public static bool Confirm(IocSagaState state, IocSynced message)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(message);
        if (state.WriteId != message.WriteId)
        {
            return false;
        }

        ClearWrite(state);
        ClearBlock(state);
        state.TransientFailures = 0;
        state.LastFailure = null;
        if (message.Operation == SyncOperation.Delete || message.FalconId is null)
        {
            SetAbsent(state);
        }
        else
        {
            state.FalconId = message.FalconId;
            state.AppliedFields = message.Fields;
            state.Applied = message.Operation == SyncOperation.Disarm ? AppliedPresence.Disarmed : AppliedPresence.Enforced;
        }

        return true;
    }

    /// <summary>
    /// Records a failed write. A transient failure leaves the write to be sent again (up to the limit, after
    /// which the reconciler re-drives it); a permanent one blocks that exact write until the desired state changes.
    /// Returns false for an answer to a write that is not the one in flight.
    /// </summary>
    public bool Fail(IocSagaState state, IocSyncFailed message)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(message);
        if (state.WriteId != message.WriteId)
        {
            return false;
        }

        var failedFields = state.WriteFields;
        ClearWrite(state);
        state.LastFailure = $"{message.Kind}: {message.Reason}";
        if (message.Retryable && ++state.TransientFailures < maxTransientFailures)
        {
            return true;
        }

        state.BlockedOperation = message.Operation;
        state.BlockedFields = failedFields;
        return true;
    }

    /// <summary>
    /// Takes what the reconciler saw in Falcon as the applied state. Ignored while a write is in flight: its
    /// answer will say what Falcon holds, and the next reconciliation looks again.
    /// </summary>
    public static bool Observe(IocSagaState state, IocObserved message)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(message);
        if (state.WriteId is not null)
        {
            return false;
        }

        ClearBlock(state);
        state.TransientFailures = 0;
        if (!message.Exists || message.FalconId is null || message.Fields is null)
        {
            SetAbsent(state);
            return true;
        }

        state.FalconId = message.FalconId;
        state.AppliedFields = message.Fields;
        state.Applied = FalconFieldRules.IsDisarmed(message.Fields)
            ? AppliedPresence.Disarmed
            : AppliedPresence.Enforced;
        return true;
    }

    /// <summary>
    /// The reconciler found the IOC in Falcon with no indicator wanting it: every claim older than the observation
    /// is released (newer ones arrived after the reconciler listed OpenCTI and stand), and what Falcon holds becomes
    /// the applied state unless a write is in flight.
    /// </summary>
    public static bool Orphan(IocSagaState state, IocOrphaned message)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(message);

        for (var i = 0; i < state.Claimants.Count; i++)
        {
            var claimant = state.Claimants[i];
            if (claimant.IsActive && claimant.Version < message.ObservedAt)
            {
                state.Claimants[i] = claimant with { Version = message.ObservedAt, Attributes = null };
            }
        }

        if (message.Purge && !state.Claimants.Any(c => c.IsActive))
        {
            state.PurgeRequested = true;
        }

        if (state.WriteId is null && message.FalconId is not null && message.Fields is not null)
        {
            state.FalconId = message.FalconId;
            state.AppliedFields = message.Fields;
            state.Applied = FalconFieldRules.IsDisarmed(message.Fields) ? AppliedPresence.Disarmed : AppliedPresence.Enforced;
            ClearBlock(state);
        }

        return true;
    }

    /// <summary>Forgets a write whose answer never came, so the next comparison sends it again. False when it is no longer in flight.</summary>
    public static bool Redrive(IocSagaState state, RedriveIoc message)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(message);
        if (state.WriteId != message.WriteId)
        {
            return false;
        }

        ClearWrite(state);
        state.TransientFailures = 0;
        ClearBlock(state);
        return true;
    }

    private static void SetAbsent(IocSagaState state)
    {
        state.Applied = AppliedPresence.Absent;
        state.FalconId = null;
        state.AppliedFields = null;
    }

    private static void ClearWrite(IocSagaState state)
    {
        state.WriteId = null;
        state.WriteOperation = null;
        state.WriteFields = null;
        state.WriteSentAt = null;
    }

    private static void ClearBlock(IocSagaState state)
    {
        state.BlockedOperation = null;
        state.BlockedFields = null;
    }
}
