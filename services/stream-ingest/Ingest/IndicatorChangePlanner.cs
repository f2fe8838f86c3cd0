using Connector.Contracts;
using Connector.Domain.Indicators;
using Connector.OpenCti.Indicators;
using Connector.OpenCti.LiveStream;
using StreamSnapshot = Connector.OpenCti.IndicatorSnapshot;

namespace Connector.StreamIngest.Ingest;

/// <summary>What one indicator frame asks of Falcon: the messages to publish, and what its pattern could not give.</summary>
/// <param name="Changes">One <see cref="IndicatorChanged"/> per (indicator, IOC), never two for the same pair.</param>
/// <param name="Skipped">What the indicator's current pattern names that yields no IOC (empty for deletes).</param>
internal sealed record IndicatorPlan(IReadOnlyList<IndicatorChanged> Changes, IReadOnlyList<SkippedIoc> Skipped);

/// <summary>
/// Turns an <see cref="IndicatorEvent"/> into <see cref="IndicatorChanged"/> messages. Pure: the same frame and clock
/// give the same messages, so a replayed frame publishes the same claims again (which the saga ignores).
/// <list type="bullet">
/// <item>create, update, merge: an Upsert per IOC of the indicator, or a Release per IOC when it is revoked or past its
/// <c>valid_until</c>; a Release per IOC the previous version (from <c>reverse_patch</c>) had and this one has not.</item>
/// <item>delete (deleted, or left the filter): a Release per IOC of the indicator as it was and as it is.</item>
/// <item>merge: also a Release per IOC of each absorbed indicator, under that indicator's own ids.</item>
/// </list>
/// Every message's version is the frame's time, so the saga can order claims whatever the arrival order.
/// </summary>
internal static class IndicatorChangePlanner
{
    public static IndicatorPlan Plan(IndicatorEvent streamEvent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(streamEvent);
        var frame = new Frame(streamEvent.Version, streamEvent.Id.ToString());
        var indicator = streamEvent.Indicator;
        var current = IndicatorReader.Read(indicator.ToDomain(), now);
        var changes = new List<IndicatorChanged>(current.Claims.Count + 1);

        if (streamEvent.Kind == IndicatorEventKind.Delete)
        {
            // An update that takes the indicator out of the filter comes as a delete with the update's payload.
            var reason = string.Equals(streamEvent.PayloadType, "update", StringComparison.Ordinal) ? ReleaseReasons.LeftFilter : ReleaseReasons.Deleted;
            AddReleases(changes, frame, indicator, indicator.InternalId, current.Claims, reason, except: null);
            if (streamEvent.Previous is { } before)
            {
                var previous = IndicatorReader.Read(before.ToDomain(), now);
                AddReleases(changes, frame, before, before.InternalId ?? indicator.InternalId, previous.Claims, reason, except: current.Claims);
            }

            return new IndicatorPlan(changes, []);
        }

        if (current.IsWanted)
        {
            foreach (var claim in current.Claims)
            {
                changes.Add(Change(frame, indicator, indicator.InternalId, claim.Key, IndicatorChangeKind.Upsert, claim.Attributes, reason: null));
            }
        }
        else
        {
            AddReleases(changes, frame, indicator, indicator.InternalId, current.Claims, current.ReleaseReason!, except: null);
        }

        if (streamEvent.Previous is { } previousSnapshot)
        {
            // The previous pattern's values that the current one no longer names; after a pattern change the previous
            // STIX id differs, which is why releases carry the previous snapshot's ids.
            var previous = IndicatorReader.Read(previousSnapshot.ToDomain(), now);
            AddReleases(
                changes, frame, previousSnapshot, previousSnapshot.InternalId ?? indicator.InternalId, previous.Claims, ReleaseReasons.ValueRemoved, except: current.Claims);
        }

        foreach (var source in streamEvent.MergedSources)
        {
            var absorbed = IndicatorReader.Read(source.ToDomain(), now);
            AddReleases(changes, frame, source, source.InternalId, absorbed.Claims, ReleaseReasons.Merged, except: null);
        }

        return new IndicatorPlan(changes, current.Skipped);
    }

    private static void AddReleases(
        List<IndicatorChanged> changes,
        Frame frame,
        StreamSnapshot claimant,
        string? internalId,
        IReadOnlyList<IocClaim> claims,
        string reason,
        IReadOnlyList<IocClaim>? except)
    {
        foreach (var claim in claims)
        {
            if (except is null || !Contains(except, claim.Key))
            {
                changes.Add(Change(frame, claimant, internalId, claim.Key, IndicatorChangeKind.Release, attributes: null, reason));
            }
        }
    }

    // Patterns name a handful of IOCs: a scan beats building a set.
    private static bool Contains(IReadOnlyList<IocClaim> claims, IocKey key)
    {
        for (var i = 0; i < claims.Count; i++)
        {
            if (claims[i].Key == key)
            {
                return true;
            }
        }

        return false;
    }

    private static IndicatorChanged Change(
        Frame frame, StreamSnapshot claimant, string? internalId, IocKey key, IndicatorChangeKind change, IndicatorAttributes? attributes, string? reason) => new()
        {
            IndicatorId = claimant.Id,
            IndicatorInternalId = internalId,
            Type = key.Type,
            Value = key.Value,
            Change = change,
            Attributes = attributes,
            Version = frame.Version,
            Origin = ChangeOrigin.Stream,
            StreamEventId = frame.EventId,
            Reason = reason,
        };

    private readonly record struct Frame(DateTimeOffset Version, string EventId);
}
