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
    string? IndicatorId = null);
