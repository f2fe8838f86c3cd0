using Bench.Expectations;
using Bench.Probes;
using Connector.Domain.Falcon;

namespace Bench.Scenarios;

/// <summary>Finds, in a falcon-sim state snapshot, the changes whose outcome Falcon now holds, and when it got there.</summary>
internal static class ChurnResolver
{
    /// <summary>Marks resolved every emitted, not yet resolved change whose IOCs all hold their expected fields. Returns how many it resolved.</summary>
    public static int Resolve(IEnumerable<ChurnEvent> events, IEnumerable<FalconSimIndicator> falconState)
    {
        ArgumentNullException.ThrowIfNull(events);
        var active = FalconComparison.ActiveByKey(falconState);
        var resolved = 0;
        foreach (var change in events)
        {
            if (change.ResolvedAt is not null || change.EmittedAt is null || change.HookError is not null)
            {
                continue;
            }

            DateTimeOffset? last = null;
            var complete = true;
            foreach (var (key, fields) in change.Outcome)
            {
                if (!active.TryGetValue(key, out var ioc) || !FalconFieldRules.Satisfies(ioc.ToFalconIoc().ToFields(), fields))
                {
                    complete = false;
                    break;
                }

                var written = ioc.ModifiedAt;
                last = last is null || written > last ? written : last;
            }

            // A write older than the change cannot be its outcome (the change must have brought something new).
            if (complete && last is not null && last >= change.EmittedAt)
            {
                change.ResolvedAt = last;
                resolved++;
            }
        }

        return resolved;
    }
}
