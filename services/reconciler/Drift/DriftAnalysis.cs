using Connector.Contracts;
using Connector.Domain.Falcon;
using Connector.Domain.Normalization;
using Connector.Falcon;
using Connector.Reconciler.Actual;
using Connector.Reconciler.Desired;

namespace Connector.Reconciler.Drift;

/// <summary>
/// Compares what Falcon holds with the desired set, one Falcon IOC at a time as the pages stream in, so only the
/// desired set and the differences are held in memory. Desired fields come from the saga's own rules
/// (<see cref="FalconFieldRules.Decide"/> per claim, <see cref="DesiredStateRules.Combine"/>) and are compared with
/// <see cref="FalconFieldRules.Satisfies"/>.
/// </summary>
/// <param name="desired">What the live stream wants.</param>
/// <param name="policy">The IOC policy (actions, severities, source).</param>
/// <param name="toDeleteRetention">How long <c>TO_DELETE</c> IOCs are kept; null keeps them for ever.</param>
/// <param name="now">The time the listing began: it decides expirations and the retention.</param>
public sealed class DriftAnalysis(DesiredSet desired, IocPolicy policy, TimeSpan? toDeleteRetention, DateTimeOffset now)
{
    private readonly HashSet<IocKey> _seen = [];
    private readonly List<DriftItem> _items = [];
    private readonly List<(IocKey Key, DesiredIoc Ioc, FalconIocFields Fields)> _missing = [];

    /// <summary>Owned live IOCs observed.</summary>
    public int OwnedIocs { get; private set; }

    /// <summary>Observed IOCs tagged <c>TO_DELETE</c>.</summary>
    public int DisarmedIocs { get; private set; }

    /// <summary>Observed IOCs of a type this connector does not manage (left alone).</summary>
    public int UnmanagedIocs { get; private set; }

    /// <summary>Observed IOCs whose value another observed IOC already holds in another spelling (left alone).</summary>
    public int DuplicateIocs { get; private set; }

    /// <summary>Desired IOCs no claim can be written for (no usable platform): neither missing nor wanted.</summary>
    public int UnwritableIocs { get; private set; }

    /// <summary>Classifies one owned, live Falcon IOC.</summary>
    public void Observe(FalconIoc ioc)
    {
        ArgumentNullException.ThrowIfNull(ioc);
        OwnedIocs++;
        if (!ioc.TryGetKey(out var listed))
        {
            UnmanagedIocs++;
            return;
        }

        // Falcon stores values as sent: the Python connector's are not normalised, ours are.
        var key = Normalize(listed);
        if (!_seen.Add(key))
        {
            DuplicateIocs++;
            return;
        }

        var held = ioc.ToFields();
        var disarmed = FalconFieldRules.IsDisarmed(held);
        if (disarmed)
        {
            DisarmedIocs++;
        }

        var wanted = desired.Iocs.GetValueOrDefault(key);
        var fields = wanted?.FieldsFor(key.Type, policy, now);
        if (fields is null)
        {
            if (wanted is not null)
            {
                UnwritableIocs++;
            }

            if (!disarmed)
            {
                _items.Add(Held(DriftKind.Orphan, key, ioc, held) with
                {
                    Detail = wanted is null ? "no indicator wants it" : "no claim can be written (no usable platform)",
                });
            }
            else if (toDeleteRetention is { } retention && ioc.ModifiedOn is { } modified && modified < now - retention)
            {
                _items.Add(Held(DriftKind.ExpiredToDelete, key, ioc, held) with
                {
                    Detail = $"TO_DELETE since {modified.UtcDateTime:yyyy-MM-dd}",
                });
            }

            return;
        }

        if (disarmed)
        {
            _items.Add(Held(DriftKind.DisarmedDesired, key, ioc, held) with
            {
                Desired = fields,
                Claims = wanted!.Claims,
                Detail = Claims(wanted.Claims.Count) + (wanted.Claims.Count == 1 ? " wants" : " want") + " it again",
            });
        }
        else if (!FalconFieldRules.Satisfies(held, fields))
        {
            _items.Add(Held(DriftKind.Stale, key, ioc, held) with
            {
                Desired = fields,
                Claims = wanted!.Claims,
                Detail = FieldDifferences.Describe(held, fields),
            });
        }
    }

    /// <summary>
    /// Ends the listing: the desired IOCs not observed are missing. Returns their keys, to be looked up in Falcon
    /// (a value held by another API client is owned elsewhere, not missing).
    /// </summary>
    public IReadOnlyList<IocKey> EndListing()
    {
        foreach (var (key, ioc) in desired.Iocs)
        {
            if (_seen.Contains(key))
            {
                continue;
            }

            if (ioc.FieldsFor(key.Type, policy, now) is { } fields)
            {
                _missing.Add((key, ioc, fields));
            }
            else
            {
                UnwritableIocs++;
            }
        }

        return [.. _missing.Select(m => m.Key)];
    }

    /// <summary>
    /// Finishes with what Falcon holds for the missing keys (<paramref name="liveForMissing"/>): a value held by another
    /// owner is <see cref="DriftKind.OwnedElsewhere"/>; one of ours created since the listing is no drift.
    /// </summary>
    public DriftResult Complete(IEnumerable<FalconIoc> liveForMissing, FalconOwnership ownership)
    {
        ArgumentNullException.ThrowIfNull(liveForMissing);
        ArgumentNullException.ThrowIfNull(ownership);
        var heldNow = new Dictionary<IocKey, FalconIoc>();
        foreach (var ioc in liveForMissing)
        {
            if (ioc.TryGetKey(out var key))
            {
                heldNow.TryAdd(Normalize(key), ioc);
            }
        }

        foreach (var (key, ioc, fields) in _missing)
        {
            if (!heldNow.TryGetValue(key, out var held))
            {
                _items.Add(new DriftItem(DriftKind.Missing, key) { Desired = fields, Claims = ioc.Claims, Detail = Claims(ioc.Claims.Count) });
            }
            else if (!ownership.Owns(held))
            {
                _items.Add(Held(DriftKind.OwnedElsewhere, key, held, held.ToFields()) with
                {
                    Desired = fields,
                    Claims = ioc.Claims,
                    Detail = $"created by {held.CreatedBy ?? "?"}, source '{held.Source}'",
                });
            }
        }

        var items = _items
            .OrderBy(i => i.Kind)
            .ThenBy(i => i.Key.FalconType, StringComparer.Ordinal)
            .ThenBy(i => i.Key.Value, StringComparer.Ordinal)
            .ToList();
        return new DriftResult(items, DriftCounts.Of(items));
    }

    private static IocKey Normalize(IocKey key) =>
        IocNormalizer.TryNormalize(key.Type, key.Value) is { IsOk: true } normalized ? normalized.Key : key;

    private static DriftItem Held(DriftKind kind, IocKey key, FalconIoc ioc, FalconIocFields fields) =>
        new(kind, key) { FalconId = ioc.Id, Falcon = fields, ModifiedOn = ioc.ModifiedOn };

    private static string Claims(int count) => count == 1 ? "1 claim" : $"{count} claims";
}

/// <summary>The differences found, sorted by kind, type and value.</summary>
/// <param name="Items">Every IOC that differs.</param>
/// <param name="Counts">How many of each kind.</param>
public sealed record DriftResult(IReadOnlyList<DriftItem> Items, DriftCounts Counts);
