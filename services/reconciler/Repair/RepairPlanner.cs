using Connector.Contracts;
using Connector.Reconciler.Drift;

namespace Connector.Reconciler.Repair;

/// <summary>
/// The messages that repair each difference. The reconciler never writes Falcon: it tells ioc-sync's sagas what
/// Falcon really holds (<see cref="IocObserved"/>), re-sends the claims (<see cref="IndicatorChanged"/>, versioned by the
/// indicator's <c>updated_at</c> so a later stream event always wins), or reports orphans (<see cref="IocOrphaned"/>).
/// </summary>
public static class RepairPlanner
{
    /// <summary>The repair of one item, in the order to send it; nothing for <see cref="DriftKind.OwnedElsewhere"/>.</summary>
    /// <param name="item">The difference.</param>
    /// <param name="observedAt">When the listing began: claims the saga got after it are kept by an orphan message.</param>
    public static IEnumerable<object> MessagesFor(DriftItem item, DateTimeOffset observedAt)
    {
        ArgumentNullException.ThrowIfNull(item);
        switch (item.Kind)
        {
            case DriftKind.Missing:
                // The saga may believe the IOC is applied (it was deleted by hand): without this, a replayed claim
                // of the same version would change nothing.
                yield return Observed(item, observedAt, exists: false);
                foreach (var upsert in Upserts(item))
                {
                    yield return upsert;
                }

                break;
            case DriftKind.Stale or DriftKind.DisarmedDesired:
                yield return Observed(item, observedAt, exists: true);
                foreach (var upsert in Upserts(item))
                {
                    yield return upsert;
                }

                break;
            case DriftKind.Orphan or DriftKind.ExpiredToDelete:
                yield return new IocOrphaned
                {
                    Type = item.Key.Type,
                    Value = item.Key.Value,
                    FalconId = item.FalconId,
                    Fields = item.Falcon,
                    Purge = item.Kind == DriftKind.ExpiredToDelete,
                    ObservedAt = observedAt,
                };
                break;
            case DriftKind.OwnedElsewhere:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(item), item.Kind, "Unknown drift kind.");
        }
    }

    /// <summary>How many messages <see cref="MessagesFor"/> gives, without building them.</summary>
    public static int CountFor(DriftItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Kind switch
        {
            DriftKind.Missing or DriftKind.Stale or DriftKind.DisarmedDesired => 1 + item.Claims.Count,
            DriftKind.Orphan or DriftKind.ExpiredToDelete => 1,
            _ => 0,
        };
    }

    private static IocObserved Observed(DriftItem item, DateTimeOffset observedAt, bool exists) => new()
    {
        Type = item.Key.Type,
        Value = item.Key.Value,
        Exists = exists,
        FalconId = exists ? item.FalconId : null,
        Fields = exists ? item.Falcon : null,
        ObservedAt = observedAt,
    };

    private static IEnumerable<IndicatorChanged> Upserts(DriftItem item) =>
        item.Claims.Select(claim => new IndicatorChanged
        {
            IndicatorId = claim.IndicatorId,
            IndicatorInternalId = claim.InternalId,
            Type = item.Key.Type,
            Value = item.Key.Value,
            Change = IndicatorChangeKind.Upsert,
            Attributes = claim.Attributes,
            Version = claim.Version,
            Origin = ChangeOrigin.Reconciler,
            Reason = "reconciler-" + item.Kind.Name(),
        });
}
