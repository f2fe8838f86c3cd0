using System.Diagnostics;
using Connector.Contracts;

namespace Connector.IocSync.Sagas;

/// <summary>One message for one IOC saga, ready to be applied by <see cref="IocSagaBatch"/>.</summary>
/// <param name="CorrelationId">The saga the message is for.</param>
/// <param name="Key">
/// The IOC, when the message may be the first the saga hears of it (claims, observations, orphans); null for
/// messages about a write (answers, re-drives), which are dropped when the saga does not exist.
/// </param>
/// <param name="Apply">Updates the saga with the message; false when the message changed nothing (old or replayed).</param>
/// <param name="Trace">The trace of the message, so the write it causes continues that trace.</param>
/// <param name="IndicatorId">The STIX id of the OpenCTI indicator behind the message, when there is one (a span attribute, as in stream-ingest).</param>
public sealed record IocSagaEvent(
    Guid CorrelationId,
    IocKey? Key,
    Func<IocSagaState, bool> Apply,
    ActivityContext Trace,
    string? IndicatorId = null)
{
    /// <summary>An indicator's claim or release.</summary>
    public static IocSagaEvent Of(IndicatorChanged message, ActivityContext trace) =>
        new(message.Key.CorrelationId, message.Key, s => IocSyncDecider.ApplyClaim(s, message), trace, message.IndicatorId);

    /// <summary>What the reconciler saw in Falcon.</summary>
    public static IocSagaEvent Of(IocObserved message, ActivityContext trace) =>
        new(message.Key.CorrelationId, message.Key, s => IocSyncDecider.Observe(s, message), trace);

    /// <summary>An IOC in Falcon that no indicator wants.</summary>
    public static IocSagaEvent Of(IocOrphaned message, ActivityContext trace) =>
        new(message.Key.CorrelationId, message.Key, s => IocSyncDecider.Orphan(s, message), trace);

    /// <summary>A write whose answer never came.</summary>
    public static IocSagaEvent Of(RedriveIoc message, ActivityContext trace) =>
        new(message.CorrelationId, null, s => IocSyncDecider.Redrive(s, message), trace);

    /// <summary>A write Falcon confirmed.</summary>
    public static IocSagaEvent Of(IocSynced message, ActivityContext trace) =>
        new(message.CorrelationId, null, s => IocSyncDecider.Confirm(s, message), trace);

    /// <summary>A write that failed.</summary>
    public static IocSagaEvent Of(IocSyncFailed message, IocSyncDecider decider, ActivityContext trace) =>
        new(message.CorrelationId, null, s => decider.Fail(s, message), trace);
}
