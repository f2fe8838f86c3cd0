using System.Collections.Concurrent;
using System.Globalization;
using FalconSim.Validation;

namespace FalconSim;

/// <summary>
/// The simulated customer's IOCs. Safe for concurrent requests: writes take one lock; searches work on sorted
/// snapshots that are cached until the store changes or an expiration passes, and exact <c>value</c>/<c>id</c>
/// filters go through indexes, so paging 100k+ IOCs or looking up hundreds of values does not scan per request.
/// </summary>
public sealed class FalconSimStore
{
    private const int MaxCachedQueries = 32;

    private readonly Lock gate = new();
    private readonly Dictionary<string, SimIndicator> byId = new(StringComparer.Ordinal);
    // Keys are lowercased once so lookups can use the much cheaper ordinal comparer.
    private readonly Dictionary<string, List<string>> idsByValue = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> activeIdByKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Filter, string Sort, bool IncludeDeleted), SortedResult> queryCache = new();
    private readonly FalconSimOptions options;
    private readonly TimeProvider time;
    private readonly SimRandom random;
    private long version;
    private SimIndicator[]? all;

    internal FalconSimStore(FalconSimOptions options, SimRandom random)
    {
        this.options = options;
        time = options.TimeProvider;
        this.random = random;
    }

    /// <summary>All IOCs, deleted ones included.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return byId.Count;
            }
        }
    }

    /// <summary>Non-deleted IOCs: what counts against <see cref="FalconSimOptions.Capacity"/>.</summary>
    public int ActiveCount
    {
        get
        {
            lock (gate)
            {
                return activeIdByKey.Count;
            }
        }
    }

    /// <summary>Every IOC (deleted ones included) as the API would show it now, oldest first.</summary>
    public IReadOnlyList<SimIndicator> Snapshot()
    {
        var now = time.GetUtcNow();
        return [.. AllRecords().Select(i => i.AsSeenAt(now)).OrderBy(i => i.CreatedOn).ThenBy(i => i.Id, StringComparer.Ordinal)];
    }

    /// <summary>The IOC with this id (deleted or not) as the API would show it now.</summary>
    public SimIndicator? Find(string id)
    {
        lock (gate)
        {
            return byId.TryGetValue(id, out var indicator) ? indicator.AsSeenAt(time.GetUtcNow()) : null;
        }
    }

    /// <summary>The non-deleted IOC of this type and value (value compared case-insensitively), if any.</summary>
    public SimIndicator? FindActive(string type, string value)
    {
        ArgumentNullException.ThrowIfNull(type);
        lock (gate)
        {
            return activeIdByKey.TryGetValue(Key(type.ToLowerInvariant(), value), out var id) ? byId[id].AsSeenAt(time.GetUtcNow()) : null;
        }
    }

    /// <summary>Puts one IOC in directly, without API validation.</summary>
    public SimIndicator Seed(SimIndicatorSeed seed) => Seed([seed])[0];

    /// <summary>
    /// Puts IOCs in directly, without API validation (any creator, source, dates, deleted state). All or none:
    /// a taken id, or a second non-deleted IOC with the same type and value, throws and adds nothing.
    /// </summary>
    public IReadOnlyList<SimIndicator> Seed(IEnumerable<SimIndicatorSeed> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        var now = time.GetUtcNow();
        lock (gate)
        {
            var records = new List<SimIndicator>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var seed in seeds)
            {
                var id = seed.Id ?? NewId(ids);
                if (seed.Id is not null && (byId.ContainsKey(id) || !ids.Add(id)))
                {
                    throw new ArgumentException($"An indicator with id '{id}' already exists.", nameof(seeds));
                }

                var type = seed.Type.ToLowerInvariant();
                var key = Key(type, seed.Value);
                if (!seed.Deleted && (activeIdByKey.ContainsKey(key) || !keys.Add(key)))
                {
                    throw new ArgumentException(DuplicateMessage(type, seed.Value), nameof(seeds));
                }

                var createdBy = seed.CreatedBy ?? options.ClientId;
                var createdOn = seed.CreatedOn ?? now;
                records.Add(new SimIndicator
                {
                    Id = id,
                    Type = type,
                    Value = seed.Value,
                    Action = seed.Action,
                    MobileAction = seed.MobileAction,
                    Severity = seed.Severity,
                    Platforms = seed.Platforms,
                    Tags = seed.Tags,
                    HostGroups = seed.HostGroups,
                    AppliedGlobally = seed.AppliedGlobally,
                    Source = seed.Source,
                    Description = seed.Description,
                    Expiration = seed.Expiration,
                    Expired = seed.Expired,
                    Deleted = seed.Deleted,
                    MetadataFilename = seed.MetadataFilename,
                    CreatedBy = createdBy,
                    CreatedOn = createdOn,
                    ModifiedBy = seed.ModifiedBy ?? createdBy,
                    ModifiedOn = seed.ModifiedOn ?? createdOn,
                });
            }

            records.ForEach(Insert);
            Changed();
            return records;
        }
    }

    /// <summary>Removes every IOC.</summary>
    public void Reset()
    {
        lock (gate)
        {
            byId.Clear();
            idsByValue.Clear();
            activeIdByKey.Clear();
            Changed();
        }
    }

    /// <summary>
    /// Commits validated create items: checks uniqueness (against the store and within the batch) and capacity,
    /// then writes all, or with <see cref="BatchFailureMode.PartialCommit"/> the valid ones.
    /// </summary>
    internal WriteOutcome<SimIndicator> Create(IReadOnlyList<ValidationResult> items, BatchFailureMode mode)
    {
        var errors = new List<ApiError>();
        lock (gate)
        {
            var accepted = new List<SimIndicator>();
            var batchKeys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                if (item.Indicator is not { } draft)
                {
                    errors.AddRange(item.Errors.Select(e => new ApiError(400, e)));
                    continue;
                }

                var key = Key(draft.Type, draft.Value);
                if (activeIdByKey.ContainsKey(key) || batchKeys.Contains(key))
                {
                    errors.Add(new ApiError(400, DuplicateMessage(draft.Type, draft.Value)));
                }
                else if (activeIdByKey.Count + accepted.Count >= options.Capacity)
                {
                    errors.Add(new ApiError(400, $"{CapacityMessage(options.Capacity)} Indicator '{draft.Value}' was not created."));
                }
                else
                {
                    batchKeys.Add(key);
                    accepted.Add(draft);
                }
            }

            if (errors.Count > 0 && mode == BatchFailureMode.AllOrNothing)
            {
                return new([], errors);
            }

            var ids = new HashSet<string>(StringComparer.Ordinal);
            var created = accepted.Select(d => d with { Id = NewId(ids) }).ToList();
            created.ForEach(Insert);
            Changed();
            return new(created, errors);
        }
    }

    /// <summary>
    /// Applies update items in order (an id given twice is updated twice). Unknown or deleted ids fail with 404;
    /// <paramref name="validate"/> merges and checks each item against the current record.
    /// </summary>
    internal WriteOutcome<SimIndicator> Update(IReadOnlyList<IndicatorInput> inputs, Func<SimIndicator, IndicatorInput, ValidationResult> validate, BatchFailureMode mode)
    {
        var errors = new List<ApiError>();
        lock (gate)
        {
            var working = new Dictionary<string, SimIndicator>(StringComparer.Ordinal);
            var updated = new List<SimIndicator>();
            foreach (var input in inputs)
            {
                if (string.IsNullOrEmpty(input.Id))
                {
                    errors.Add(new ApiError(400, $"Id is required to update an indicator (value: '{input.Value}')."));
                    continue;
                }

                if (!working.TryGetValue(input.Id, out var current) && (!byId.TryGetValue(input.Id, out current) || current.Deleted))
                {
                    errors.Add(new ApiError(404, $"Indicator not found: '{input.Id}'."));
                    continue;
                }

                var result = validate(current, input);
                if (result.Indicator is { } next)
                {
                    working[next.Id] = next;
                    updated.Add(next);
                }
                else
                {
                    errors.AddRange(result.Errors.Select(e => new ApiError(400, e)));
                }
            }

            if (errors.Count > 0 && mode == BatchFailureMode.AllOrNothing)
            {
                return new([], errors);
            }

            foreach (var record in working.Values)
            {
                byId[record.Id] = record;
            }

            Changed();
            return new(updated, errors);
        }
    }

    /// <summary>Soft-deletes: the records stay with <c>deleted:true</c> and their values may be created again.</summary>
    internal WriteOutcome<string> Delete(IReadOnlyList<string> ids, string clientId)
    {
        var now = time.GetUtcNow();
        var errors = new List<ApiError>();
        var deleted = new List<string>();
        lock (gate)
        {
            foreach (var id in ids.Distinct(StringComparer.Ordinal))
            {
                if (!byId.TryGetValue(id, out var record) || record.Deleted)
                {
                    errors.Add(new ApiError(404, $"Indicator not found: '{id}'."));
                    continue;
                }

                byId[id] = record with { Deleted = true, ModifiedBy = clientId, ModifiedOn = now };
                activeIdByKey.Remove(Key(record.Type, record.Value));
                deleted.Add(id);
            }

            Changed();
        }

        return new(deleted, errors);
    }

    /// <summary>The ids that a filter matches, for delete-by-filter.</summary>
    internal IReadOnlyList<string> MatchingIds(Fql.FqlFilter filter, string filterText)
    {
        var sorted = Sorted(filter, filterText, SortSpec.Default, time.GetUtcNow());
        return [.. sorted.Entries.Select(e => e.Indicator.Id)];
    }

    /// <summary>The requested IOCs (deleted ones too) in request order, and the ids not found.</summary>
    internal (IReadOnlyList<SimIndicator> Found, IReadOnlyList<string> Missing) Get(IReadOnlyList<string> ids)
    {
        var now = time.GetUtcNow();
        var found = new List<SimIndicator>();
        var missing = new List<string>();
        lock (gate)
        {
            foreach (var id in ids.Distinct(StringComparer.Ordinal))
            {
                if (byId.TryGetValue(id, out var record))
                {
                    found.Add(record.AsSeenAt(now));
                }
                else
                {
                    missing.Add(id);
                }
            }
        }

        return (found, missing);
    }

    /// <summary>One page of a search.</summary>
    internal SearchPage Search(SearchRequest request)
    {
        var sorted = Sorted(request.Filter, request.FilterText, request.Sort, time.GetUtcNow());
        var entries = sorted.Entries;
        var start = request.After is { } after ? FirstAfter(entries, request.Sort, after) : Math.Min(request.Offset, entries.Length);
        var count = Math.Min(request.Limit, entries.Length - start);
        var items = new SimIndicator[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = entries[start + i].Indicator;
        }

        string? next = null;
        if (start + count < entries.Length && count > 0)
        {
            var last = entries[start + count - 1];
            next = new AfterToken(request.Sort.Text, last.Key, last.Indicator.Id).Encode();
        }

        return new SearchPage(items, entries.Length, start, next);
    }

    private static int FirstAfter(SortedEntry[] entries, SortSpec sort, AfterToken after)
    {
        int low = 0, high = entries.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (sort.Compare(entries[middle].Key, entries[middle].Indicator.Id, after.Key, after.Id) <= 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private SortedResult Sorted(Fql.FqlFilter? filter, string filterText, SortSpec sort, DateTimeOffset now)
    {
        var includeDeleted = options.SearchIncludesDeletedByDefault || (filter?.Mentions("deleted") ?? false);
        var lookup = filter?.RequiredIds is { } ids ? LookupIds(ids) : filter?.RequiredValues is { } values ? LookupValues(values) : null;
        if (lookup is not null)
        {
            return Evaluate(lookup.Value.Records, filter, includeDeleted, sort, now, lookup.Value.Version);
        }

        var cacheKey = (filterText, sort.Text, includeDeleted);
        var currentVersion = Interlocked.Read(ref version);
        if (queryCache.TryGetValue(cacheKey, out var cached) && cached.Version == currentVersion && now < cached.ValidUntil)
        {
            return cached;
        }

        var (records, snapshotVersion) = AllWithVersion();
        var result = Evaluate(records, filter, includeDeleted, sort, now, snapshotVersion);
        if (queryCache.Count >= MaxCachedQueries)
        {
            queryCache.Clear();
        }

        queryCache[cacheKey] = result;
        return result;
    }

    private static SortedResult Evaluate(IReadOnlyList<SimIndicator> records, Fql.FqlFilter? filter, bool includeDeleted, SortSpec sort, DateTimeOffset now, long version)
    {
        var matches = new List<SortedEntry>();
        var validUntil = DateTimeOffset.MaxValue;
        foreach (var record in records)
        {
            // The result stays right only until the next expiration passes, which changes expired and action.
            if (record.Expiration is { } expiration && expiration > now && expiration < validUntil)
            {
                validUntil = expiration;
            }

            if (record.Deleted && !includeDeleted)
            {
                continue;
            }

            var seen = record.AsSeenAt(now);
            if (filter is null || filter.Matches(seen))
            {
                matches.Add(new SortedEntry(sort.KeyOf(seen), seen));
            }
        }

        var entries = matches.ToArray();
        Array.Sort(entries, (a, b) => sort.Compare(a.Key, a.Indicator.Id, b.Key, b.Indicator.Id));
        return new SortedResult(entries, version, validUntil);
    }

    private (IReadOnlyList<SimIndicator> Records, long Version)? LookupIds(IReadOnlyList<string> ids)
    {
        lock (gate)
        {
            var records = ids.Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(id => byId.TryGetValue(id.ToLowerInvariant(), out var r) ? r : null)
                .OfType<SimIndicator>()
                .ToList();
            return (records, version);
        }
    }

    private (IReadOnlyList<SimIndicator> Records, long Version)? LookupValues(IReadOnlyList<string> values)
    {
        lock (gate)
        {
            var records = new List<SimIndicator>();
            foreach (var value in values.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (idsByValue.TryGetValue(value.ToLowerInvariant(), out var ids))
                {
                    records.AddRange(ids.Select(id => byId[id]));
                }
            }

            return (records, version);
        }
    }

    private SimIndicator[] AllRecords() => AllWithVersion().Records;

    private (SimIndicator[] Records, long Version) AllWithVersion()
    {
        lock (gate)
        {
            all ??= [.. byId.Values];
            return (all, version);
        }
    }

    private void Insert(SimIndicator record)
    {
        byId[record.Id] = record;
        var value = record.Value.ToLowerInvariant();
        if (!idsByValue.TryGetValue(value, out var ids))
        {
            idsByValue[value] = ids = [];
        }

        ids.Add(record.Id);
        if (!record.Deleted)
        {
            activeIdByKey[Key(record.Type, record.Value)] = record.Id;
        }
    }

    // Called under the lock after every change: invalidates snapshots and cached searches.
    private void Changed()
    {
        Interlocked.Increment(ref version);
        all = null;
    }

    private string NewId(HashSet<string> taken)
    {
        while (true)
        {
            var id = random.NewIndicatorId();
            if (!byId.ContainsKey(id) && taken.Add(id))
            {
                return id;
            }
        }
    }

    private static string Key(string type, string value) => string.Concat(type, "\0", value.ToLowerInvariant());

    private static string DuplicateMessage(string type, string value) => $"Duplicate type: '{type}' and value: '{value}' combination.";

    internal static string CapacityMessage(int capacity) =>
        capacity >= 1_000_000 && capacity % 1_000_000 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"Limit of {capacity / 1_000_000} million indicators reached.")
            : string.Create(CultureInfo.InvariantCulture, $"Limit of {capacity} indicators reached.");

    private sealed record SortedResult(SortedEntry[] Entries, long Version, DateTimeOffset ValidUntil);

    private readonly record struct SortedEntry(SortKey Key, SimIndicator Indicator);
}
