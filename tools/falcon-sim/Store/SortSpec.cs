namespace FalconSim;

/// <summary>A search's <c>sort</c>: a property and a direction, and the ordering key it gives each indicator.</summary>
internal sealed record SortSpec(string Property, bool Descending)
{
    private static readonly Dictionary<string, Func<SimIndicator, SortKey>> Keys = new(StringComparer.Ordinal)
    {
        ["created_on"] = i => SortKey.Of(i.CreatedOn),
        ["modified_on"] = i => SortKey.Of(i.ModifiedOn),
        ["expiration"] = i => i.Expiration is { } e ? SortKey.Of(e) : new SortKey(long.MinValue, ""),
        ["value"] = i => SortKey.Of(i.Value.ToLowerInvariant()),
        ["type"] = i => SortKey.Of(i.Type),
        ["action"] = i => SortKey.Of(i.Action),
        ["severity"] = i => SortKey.Of(i.Severity),
        ["source"] = i => SortKey.Of(i.Source.ToLowerInvariant()),
        ["created_by"] = i => SortKey.Of(i.CreatedBy),
        ["modified_by"] = i => SortKey.Of(i.ModifiedBy),
    };

    public static SortSpec Default { get; } = new("created_on", Descending: false);

    /// <summary>The canonical text, <c>property|asc</c> or <c>property|desc</c>.</summary>
    public string Text => $"{Property}|{(Descending ? "desc" : "asc")}";

    /// <summary>Parses <c>property|asc</c>, <c>property.desc</c> or a bare property (ascending).</summary>
    public static bool TryParse(string? text, out SortSpec sort, out string error)
    {
        sort = Default;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var property = text.Trim();
        var descending = false;
        var separator = property.IndexOfAny(['|', '.']);
        if (separator >= 0)
        {
            var direction = property[(separator + 1)..];
            property = property[..separator];
            if (direction is not ("asc" or "desc"))
            {
                error = $"Invalid sort direction '{direction}': use asc or desc.";
                return false;
            }

            descending = direction == "desc";
        }

        if (!Keys.ContainsKey(property))
        {
            error = $"Invalid sort field '{property}'. Sortable fields: {string.Join(", ", Keys.Keys)}.";
            return false;
        }

        sort = new SortSpec(property, descending);
        return true;
    }

    public SortKey KeyOf(SimIndicator indicator) => Keys[Property](indicator);

    /// <summary>Orders (key, id) pairs in this sort's direction; the id breaks ties so paging is stable.</summary>
    public int Compare(SortKey keyA, string idA, SortKey keyB, string idB)
    {
        var order = keyA.Number.CompareTo(keyB.Number);
        if (order == 0)
        {
            order = string.CompareOrdinal(keyA.Text, keyB.Text);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(idA, idB);
        }

        return Descending ? -order : order;
    }
}

/// <summary>A sort position: times compare as ticks, text as ordinal lowercase strings.</summary>
internal readonly record struct SortKey(long Number, string Text)
{
    public static SortKey Of(DateTimeOffset time) => new(time.UtcTicks, "");

    public static SortKey Of(string text) => new(0, text);
}
