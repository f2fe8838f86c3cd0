using System.Text.Json.Nodes;
using OpenCtiSim.Filters;
using OpenCtiSim.Stix;

namespace OpenCtiSim.GraphQl.Resolvers;

/// <summary>
/// <c>indicators(filters, first, after, orderBy, orderMode, search)</c>: FilterGroup filtering with the same
/// evaluator as the live stream, cursor paging (<c>first</c> 500 by default, at most 5000), and the node fields of
/// the platform's Indicator type. The filtered, sorted list is cached until the data changes, so paging through
/// 100k indicators costs one sort.
/// </summary>
internal sealed class IndicatorsResolver(OpenCtiSimPlatform platform)
{
    public const int DefaultPageSize = 500;
    public const int MaxPageSize = 5000;

    private readonly Lock _cacheGate = new();
    private readonly Dictionary<string, (SortKey Key, SimIndicator Item)[]> _cache = new(StringComparer.Ordinal);
    private long _cacheVersion = -1;

    public RootField Field() => new(
        "Query",
        new HashSet<string>(["filters", "first", "after", "orderBy", "orderMode", "search"], StringComparer.Ordinal),
        Resolve);

    private GqlMap Resolve(JsonObject args)
    {
        FilterGroup filter;
        try
        {
            filter = FilterGroup.FromNode(args["filters"]);
        }
        catch (FilterException e)
        {
            throw new GraphQlException(e.Message, "UNSUPPORTED_ERROR");
        }

        var first = Args.OptionalInt(args, "first") ?? DefaultPageSize;
        if (first < 0)
        {
            throw new GraphQlException("Argument \"first\" must not be negative.", "BAD_USER_INPUT");
        }

        first = Math.Min(first, MaxPageSize);
        var order = new IndicatorOrder(Args.OptionalString(args, "orderBy"), Args.OptionalString(args, "orderMode"));
        var search = Args.OptionalString(args, "search");
        var after = Args.OptionalString(args, "after");

        var rows = Rows(filter, args["filters"], order, search);
        var start = 0;
        if (!string.IsNullOrEmpty(after))
        {
            start = FirstAfter(rows, IndicatorOrder.ReadCursor(after), order);
        }

        var end = Math.Min(rows.Length, start + first);
        var edges = new List<IndicatorEdge>(end - start);
        for (var i = start; i < end; i++)
        {
            edges.Add(new IndicatorEdge(rows[i].Key, new IndicatorNode(rows[i].Item, platform.References)));
        }

        return new GqlMap("IndicatorConnection", new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["edges"] = edges,
            ["pageInfo"] = new GqlMap("PageInfo", new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["startCursor"] = end > start ? IndicatorOrder.Cursor(rows[start].Key) : string.Empty,
                ["endCursor"] = end > start ? IndicatorOrder.Cursor(rows[end - 1].Key) : string.Empty,
                ["hasNextPage"] = end < rows.Length,
                ["hasPreviousPage"] = start > 0,
                ["globalCount"] = rows.Length,
            }),
        });
    }

    private (SortKey Key, SimIndicator Item)[] Rows(FilterGroup filter, JsonNode? filterJson, IndicatorOrder order, string? search)
    {
        var cacheKey = $"{filterJson?.ToJsonString() ?? "null"}|{order.OrderBy}|{order.OrderMode}|{search}";
        lock (_cacheGate)
        {
            if (_cacheVersion == platform.DataVersion && _cache.TryGetValue(cacheKey, out var cached))
            {
                return cached;
            }
        }

        var (items, _, version) = platform.Snapshot();
        lock (_cacheGate)
        {
            if (_cacheVersion != version)
            {
                _cache.Clear();
                _cacheVersion = version;
            }
        }

        var rows = items
            .Where(i => platform.Evaluator.Matches(filter, i) && MatchesSearch(i, search))
            .Select(i => (Key: order.KeyOf(i), Item: i))
            .ToArray();
        Array.Sort(rows, (a, b) => order.Compare(a.Key, b.Key));
        lock (_cacheGate)
        {
            if (_cacheVersion == version)
            {
                _cache[cacheKey] = rows;
            }
        }

        return rows;
    }

    private static int FirstAfter((SortKey Key, SimIndicator Item)[] rows, SortKey cursor, IndicatorOrder order)
    {
        int lo = 0, hi = rows.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (order.Compare(rows[mid].Key, cursor) <= 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static bool MatchesSearch(SimIndicator indicator, string? search) =>
        string.IsNullOrEmpty(search)
        || indicator.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
        || indicator.Pattern.Contains(search, StringComparison.OrdinalIgnoreCase)
        || (indicator.Description?.Contains(search, StringComparison.OrdinalIgnoreCase) ?? false);

}

/// <summary>An edge of the indicator connection; its cursor is encoded only when selected.</summary>
internal sealed class IndicatorEdge(SortKey key, IndicatorNode node) : IGqlObject
{
    public string TypeName => "IndicatorEdge";

    public bool TryGetField(string name, out object? value)
    {
        value = name switch
        {
            "cursor" => IndicatorOrder.Cursor(key),
            "node" => node,
            _ => null,
        };
        return name is "cursor" or "node";
    }
}
