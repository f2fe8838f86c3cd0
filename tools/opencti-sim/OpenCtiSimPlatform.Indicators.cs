using OpenCtiSim.Events;
using OpenCtiSim.Stix;

namespace OpenCtiSim;

public sealed partial class OpenCtiSimPlatform
{
    private readonly Dictionary<string, SimIndicator> _indicators = new(StringComparer.Ordinal);

    // Standard ids (current and former) to internal ids, for lookups by either id.
    private readonly Dictionary<string, string> _byStandardId = new(StringComparer.Ordinal);
    private readonly IndicatorGenerator _generator;
    private long _dataVersion;

    /// <summary>How many indicators exist (deleted and merged ones excluded).</summary>
    public int IndicatorCount
    {
        get
        {
            lock (_gate)
            {
                return _indicators.Count;
            }
        }
    }

    /// <summary>A snapshot of every indicator, oldest first.</summary>
    public IReadOnlyList<SimIndicator> Indicators => [.. Snapshot().Items.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id, StringComparer.Ordinal)];

    /// <summary>Changes whenever an indicator changes (caches of query results key on it).</summary>
    internal long DataVersion => Interlocked.Read(ref _dataVersion);

    /// <summary>The indicator with this internal id or standard id (current or former), or null.</summary>
    public SimIndicator? GetIndicator(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate)
        {
            return Find(id);
        }
    }

    /// <summary>An internal label id, as label filters expect (<c>objectLabel</c>).</summary>
    public string LabelId(string value) => References.Label(value).Id;

    /// <summary>Adds an organization that indicators may reference as their author.</summary>
    public SimIdentity AddIdentity(string name) => References.AddIdentity(name);

    /// <summary>
    /// Creates an indicator and appends its <c>create</c> event. Like OpenCTI, the standard id derives from the
    /// pattern, so a second indicator with exactly the same pattern is refused here (the platform would upsert
    /// into the first one: use <see cref="UpdateIndicator"/> for that).
    /// </summary>
    public SimIndicator AddIndicator(IndicatorDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        lock (_gate)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(draft.Pattern);
            return AddLocked(draft, SimIds.IndicatorStandardId(draft.Pattern));
        }
    }

    /// <summary>
    /// Changes an indicator and appends an <c>update</c> event whose <c>context.patch</c> / <c>reverse_patch</c>
    /// turn the previous STIX object into the new one and back. The platform sets <c>modified</c> and
    /// <c>updated_at</c>, and a new standard id when the pattern changed. A change that changes nothing emits nothing.
    /// </summary>
    public SimIndicator UpdateIndicator(string id, Func<SimIndicator, SimIndicator> change)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var current = Find(id) ?? throw new KeyNotFoundException($"no indicator '{id}'");
            var changed = change(current);
            if (changed == current)
            {
                return current;
            }

            if (!string.Equals(changed.Id, current.Id, StringComparison.Ordinal))
            {
                throw new ArgumentException("an indicator's internal id cannot change", nameof(change));
            }

            if (string.IsNullOrWhiteSpace(changed.Pattern))
            {
                throw new ArgumentException("an indicator needs a pattern", nameof(change));
            }

            var standardId = SimIds.IndicatorStandardId(changed.Pattern);
            var stixIds = changed.StixIds;
            if (!string.Equals(standardId, current.StandardId, StringComparison.Ordinal))
            {
                if (_byStandardId.TryGetValue(standardId, out var owner) && !string.Equals(owner, current.Id, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"another indicator ({owner}) has the pattern {changed.Pattern}");
                }

                stixIds = [.. stixIds.Where(s => !string.Equals(s, standardId, StringComparison.Ordinal)), current.StandardId];
            }

            References.Validate(changed);
            SimIndicator next = null!;
            Log.Append(eventId =>
            {
                var now = eventId.Timestamp;
                next = changed with
                {
                    StandardId = standardId,
                    StixIds = stixIds,
                    CreatedAt = current.CreatedAt,
                    Modified = now,
                    UpdatedAt = now,
                };
                return _events.Update(eventId, current, next);
            });
            Store(next);
            return next;
        }
    }

    /// <summary>Revokes an indicator (an update that sets <c>revoked: true</c>).</summary>
    public SimIndicator RevokeIndicator(string id) => UpdateIndicator(id, i => i.Revoked ? i : i with { Revoked = true });

    /// <summary>Deletes an indicator and appends a <c>delete</c> event whose data is the object as it was.</summary>
    public SimIndicator DeleteIndicator(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate)
        {
            var current = Find(id) ?? throw new KeyNotFoundException($"no indicator '{id}'");
            Log.Append(eventId => EventFactory.Delete(eventId, current));
            Remove(current);
            return current;
        }
    }

    /// <summary>
    /// Merges <paramref name="sourceIds"/> into <paramref name="targetId"/>: one <c>merge</c> event with the
    /// survivor as data and the absorbed objects in <c>context.sources</c>, and no delete event for them. The survivor
    /// gains the sources' labels, markings, platforms and ids.
    /// </summary>
    public SimIndicator MergeIndicators(string targetId, IReadOnlyList<string> sourceIds)
    {
        ArgumentNullException.ThrowIfNull(targetId);
        ArgumentNullException.ThrowIfNull(sourceIds);
        lock (_gate)
        {
            var target = Find(targetId) ?? throw new KeyNotFoundException($"no indicator '{targetId}'");
            var sources = sourceIds
                .Select(s => Find(s) ?? throw new KeyNotFoundException($"no indicator '{s}'"))
                .DistinctBy(s => s.Id)
                .ToList();
            if (sources.Count == 0 || sources.Exists(s => s.Id == target.Id))
            {
                throw new ArgumentException("merge needs at least one source other than the target", nameof(sourceIds));
            }

            SimIndicator survivor = null!;
            Log.Append(eventId =>
            {
                var now = eventId.Timestamp;
                survivor = target with
                {
                    Labels = Union(target.Labels, sources.SelectMany(s => s.Labels)),
                    MarkingRefs = Union(target.MarkingRefs, sources.SelectMany(s => s.MarkingRefs)),
                    Platforms = Union(target.Platforms, sources.SelectMany(s => s.Platforms)),
                    IndicatorTypes = Union(target.IndicatorTypes, sources.SelectMany(s => s.IndicatorTypes)),
                    StixIds = Union(target.StixIds, sources.SelectMany(s => s.StixIds.Append(s.StandardId))),
                    Modified = now,
                    UpdatedAt = now,
                };
                return _events.Merge(eventId, target, survivor, sources);
            });
            foreach (var source in sources)
            {
                Remove(source);
            }

            Store(survivor);
            foreach (var source in sources)
            {
                // The absorbed ids now lead to the survivor, as in OpenCTI.
                _byStandardId[source.StandardId] = survivor.Id;
                foreach (var former in source.StixIds)
                {
                    _byStandardId[former] = survivor.Id;
                }
            }

            return survivor;
        }
    }

    /// <summary>
    /// Creates <paramref name="count"/> realistic indicators (see <see cref="IndicatorGenerator"/>), each with its
    /// create event. The sequence depends only on <see cref="OpenCtiSimOptions.Seed"/> and the clock at each call.
    /// </summary>
    public IReadOnlyList<SimIndicator> GenerateIndicators(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var created = new List<SimIndicator>(count);
        lock (_gate)
        {
            var anchor = SimTime.Truncate(Time.GetUtcNow());
            while (created.Count < count)
            {
                var draft = _generator.Next(anchor);
                var standardId = SimIds.IndicatorStandardId(draft.Pattern);
                if (_byStandardId.ContainsKey(standardId) || (draft.Id is { } id && _indicators.ContainsKey(id)))
                {
                    continue;
                }

                created.Add(AddLocked(draft, standardId));
            }
        }

        return created;
    }

    /// <summary>Every indicator and the last log id, taken together, for a consistent recovery.</summary>
    internal (SimIndicator[] Items, StreamEventId LastId, long Version) Snapshot()
    {
        lock (_gate)
        {
            return ([.. _indicators.Values], Log.LastId, DataVersion);
        }
    }

    private SimIndicator AddLocked(IndicatorDraft draft, string standardId)
    {
        if (_byStandardId.TryGetValue(standardId, out var existing))
        {
            throw new InvalidOperationException(
                $"indicator {existing} already has the pattern {draft.Pattern} (OpenCTI would upsert; use UpdateIndicator)");
        }

        var id = draft.Id ?? SimIds.NewInternalId();
        if (_indicators.ContainsKey(id))
        {
            throw new InvalidOperationException($"an indicator with id {id} exists");
        }

        var epoch = DateTimeOffset.UnixEpoch;
        var indicator = new SimIndicator
        {
            Id = id,
            StandardId = standardId,
            Name = string.IsNullOrEmpty(draft.Name) ? draft.Pattern : draft.Name,
            Description = draft.Description,
            Pattern = draft.Pattern,
            PatternType = draft.PatternType,
            MainObservableType = draft.MainObservableType,
            IndicatorTypes = draft.IndicatorTypes,
            Score = draft.Score,
            Confidence = draft.Confidence,
            Labels = draft.Labels,
            Platforms = draft.Platforms,
            KillChainPhases = draft.KillChainPhases,
            CreatedByRef = draft.CreatedByRef,
            MarkingRefs = draft.MarkingRefs,
            Revoked = draft.Revoked,
            Detection = draft.Detection,
            ValidFrom = epoch,
            ValidUntil = draft.ValidUntil is { } until ? SimTime.Truncate(until) : null,
            Created = epoch,
            Modified = epoch,
            CreatedAt = epoch,
            UpdatedAt = epoch,
        };
        References.Validate(indicator);
        Log.Append(eventId =>
        {
            var now = eventId.Timestamp;
            var created = SimTime.Truncate(draft.Created ?? now);
            indicator = indicator with
            {
                ValidFrom = SimTime.Truncate(draft.ValidFrom ?? created),
                Created = created,
                Modified = created > now ? created : now,
                CreatedAt = now,
                UpdatedAt = now,
            };
            return EventFactory.Create(eventId, indicator);
        });
        Store(indicator);
        return indicator;
    }

    private SimIndicator? Find(string id)
    {
        if (_indicators.TryGetValue(id, out var byInternal))
        {
            return byInternal;
        }

        return _byStandardId.TryGetValue(id, out var internalId) ? _indicators.GetValueOrDefault(internalId) : null;
    }

    private void Store(SimIndicator indicator)
    {
        _indicators[indicator.Id] = indicator;
        _byStandardId[indicator.StandardId] = indicator.Id;
        foreach (var former in indicator.StixIds)
        {
            _byStandardId[former] = indicator.Id;
        }

        Interlocked.Increment(ref _dataVersion);
    }

    private void Remove(SimIndicator indicator)
    {
        _indicators.Remove(indicator.Id);
        foreach (var standardId in indicator.StixIds.Append(indicator.StandardId))
        {
            if (_byStandardId.TryGetValue(standardId, out var owner) && string.Equals(owner, indicator.Id, StringComparison.Ordinal))
            {
                _byStandardId.Remove(standardId);
            }
        }

        Interlocked.Increment(ref _dataVersion);
    }

    private static string[] Union(IEnumerable<string> first, IEnumerable<string> second) =>
        [.. first.Concat(second).Distinct(StringComparer.Ordinal)];
}
