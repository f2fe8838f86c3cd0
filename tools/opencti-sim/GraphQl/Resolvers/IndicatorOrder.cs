using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OpenCtiSim.GraphQl.Resolvers;

/// <summary>The sort value of one indicator; missing values sort last in both directions (as Elasticsearch does).</summary>
internal readonly record struct SortKey(bool Missing, long Number, string? Text, string Id);

/// <summary>
/// An <c>orderBy</c>/<c>orderMode</c> pair: the sort key of an indicator, the comparison, and the opaque cursor
/// (the sort key of the last row, so a page boundary survives changes to other rows).
/// </summary>
internal sealed class IndicatorOrder
{
    private static readonly Dictionary<string, Func<SimIndicator, SortKey>> Keys = new(StringComparer.Ordinal)
    {
        ["created_at"] = i => Date(i.CreatedAt, i),
        ["updated_at"] = i => Date(i.UpdatedAt, i),
        ["created"] = i => Date(i.Created, i),
        ["modified"] = i => Date(i.Modified, i),
        ["valid_from"] = i => Date(i.ValidFrom, i),
        ["valid_until"] = i => i.ValidUntil is { } d ? Date(d, i) : new SortKey(true, 0, null, i.Id),
        ["x_opencti_score"] = i => i.Score is { } s ? new SortKey(false, s, null, i.Id) : new SortKey(true, 0, null, i.Id),
        ["confidence"] = i => i.Confidence is { } c ? new SortKey(false, c, null, i.Id) : new SortKey(true, 0, null, i.Id),
        ["name"] = i => new SortKey(false, 0, i.Name, i.Id),
        ["pattern_type"] = i => new SortKey(false, 0, i.PatternType, i.Id),
    };

    private readonly Func<SimIndicator, SortKey> _key;
    private readonly int _direction;

    public IndicatorOrder(string? orderBy, string? orderMode)
    {
        OrderBy = string.IsNullOrEmpty(orderBy) ? "created_at" : orderBy;
        _key = Keys.GetValueOrDefault(OrderBy)
            ?? throw new GraphQlException($"Value \"{OrderBy}\" does not exist in \"IndicatorsOrdering\" enum.", "BAD_USER_INPUT");
        _direction = (orderMode ?? "asc") switch
        {
            "asc" => 1,
            "desc" => -1,
            var other => throw new GraphQlException($"Value \"{other}\" does not exist in \"OrderingMode\" enum.", "BAD_USER_INPUT"),
        };
        OrderMode = _direction > 0 ? "asc" : "desc";
    }

    public string OrderBy { get; }

    public string OrderMode { get; }

    public SortKey KeyOf(SimIndicator indicator) => _key(indicator);

    public int Compare(SortKey a, SortKey b)
    {
        if (a.Missing != b.Missing)
        {
            return a.Missing ? 1 : -1;
        }

        var byValue = a.Text is not null || b.Text is not null
            ? string.CompareOrdinal(a.Text, b.Text)
            : a.Number.CompareTo(b.Number);
        return byValue != 0 ? byValue * _direction : string.CompareOrdinal(a.Id, b.Id) * _direction;
    }

    public static string Cursor(SortKey key)
    {
        var json = JsonSerializer.Serialize(new object?[] { key.Missing, key.Number, key.Text, key.Id });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }

    public static SortKey ReadCursor(string cursor)
    {
        try
        {
            var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(cursor.Length)];
            if (!Convert.TryFromBase64String(cursor, bytes, out var written))
            {
                throw new FormatException();
            }

            using var doc = JsonDocument.Parse(bytes.AsMemory(0, written));
            var items = doc.RootElement;
            return new SortKey(
                items[0].GetBoolean(),
                items[1].GetInt64(),
                items[2].ValueKind == JsonValueKind.Null ? null : items[2].GetString(),
                items[3].GetString() ?? throw new FormatException());
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new GraphQlException(string.Create(CultureInfo.InvariantCulture, $"Invalid cursor \"{cursor}\"."), "BAD_USER_INPUT");
        }
    }

    private static SortKey Date(DateTimeOffset date, SimIndicator i) => new(false, date.UtcTicks, null, i.Id);
}
