using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenCtiSim.Stix;

namespace OpenCtiSim.Filters;

/// <summary>OpenCTI's FilterGroup: <c>{mode, filters[], filterGroups[]}</c>, nested to any depth.</summary>
internal sealed record FilterGroup(FilterMode Mode, IReadOnlyList<Filter> Filters, IReadOnlyList<FilterGroup> FilterGroups)
{
    public static readonly FilterGroup Empty = new(FilterMode.And, [], []);

    /// <summary>Reads a FilterGroup from its JSON string (as stored on a stream); null or empty means no filter.</summary>
    public static FilterGroup Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Empty;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FilterException($"filters is not valid JSON: {e.Message}");
        }

        return FromNode(node);
    }

    /// <summary>Reads a FilterGroup from a GraphQL variable or literal; null means no filter.</summary>
    public static FilterGroup FromNode(JsonNode? node)
    {
        if (node is null)
        {
            return Empty;
        }

        if (node is not JsonObject group)
        {
            throw new FilterException("a FilterGroup must be an object {mode, filters, filterGroups}");
        }

        var mode = ReadMode(group["mode"], FilterMode.And, "FilterGroup.mode");
        var filters = new List<Filter>();
        if (group["filters"] is JsonArray filterArray)
        {
            foreach (var item in filterArray)
            {
                filters.Add(ReadFilter(item));
            }
        }
        else if (group["filters"] is not null)
        {
            throw new FilterException("FilterGroup.filters must be a list");
        }

        var groups = new List<FilterGroup>();
        if (group["filterGroups"] is JsonArray groupArray)
        {
            foreach (var item in groupArray)
            {
                groups.Add(FromNode(item));
            }
        }
        else if (group["filterGroups"] is not null)
        {
            throw new FilterException("FilterGroup.filterGroups must be a list");
        }

        foreach (var key in group.Select(p => p.Key))
        {
            if (key is not ("mode" or "filters" or "filterGroups"))
            {
                throw new FilterException($"unknown FilterGroup field '{key}'");
            }
        }

        return new FilterGroup(mode, filters, groups);
    }

    private static Filter ReadFilter(JsonNode? node)
    {
        if (node is not JsonObject filter)
        {
            throw new FilterException("a filter must be an object {key, values, operator, mode}");
        }

        var keys = ReadStrings(filter["key"], "key");
        if (keys.Count == 0)
        {
            throw new FilterException("a filter needs a key");
        }

        foreach (var key in keys)
        {
            if (!IndicatorFields.IsKnown(key))
            {
                throw new FilterException($"filter key '{key}' is not available for Indicator");
            }
        }

        var values = ReadStrings(filter["values"], "values");
        var operatorText = filter["operator"] is null ? "eq" : ReadString(filter["operator"], "operator");
        var op = operatorText switch
        {
            "eq" => FilterOperator.Eq,
            "not_eq" => FilterOperator.NotEq,
            "gt" => FilterOperator.Gt,
            "gte" => FilterOperator.Gte,
            "lt" => FilterOperator.Lt,
            "lte" => FilterOperator.Lte,
            "nil" => FilterOperator.Nil,
            "not_nil" => FilterOperator.NotNil,
            _ => throw new FilterException($"filter operator '{operatorText}' is not supported by the simulator"),
        };
        var mode = ReadMode(filter["mode"], FilterMode.Or, "filter mode");
        foreach (var key in keys)
        {
            ValidateValues(key, op, values);
        }

        return new Filter(keys, values, op, mode);
    }

    // Rejects values the key cannot compare with now, so a bad stream filter fails when it is set, not mid-stream.
    private static void ValidateValues(string key, FilterOperator op, List<string> values)
    {
        var kind = IndicatorFields.KindOf(key);
        if (kind == FieldKind.Boolean && op is FilterOperator.Gt or FilterOperator.Gte or FilterOperator.Lt or FilterOperator.Lte)
        {
            throw new FilterException($"operator {op} does not apply to boolean key '{key}'");
        }

        foreach (var value in values)
        {
            var valid = kind switch
            {
                FieldKind.Number => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
                FieldKind.Date => SimTime.TryParse(value, out _),
                FieldKind.Boolean => bool.TryParse(value, out _),
                _ => true,
            };
            if (!valid)
            {
                throw new FilterException($"filter key '{key}' cannot compare with '{value}'");
            }
        }
    }

    private static FilterMode ReadMode(JsonNode? node, FilterMode fallback, string what) => node is null
        ? fallback
        : ReadString(node, what) switch
        {
            "and" => FilterMode.And,
            "or" => FilterMode.Or,
            var other => throw new FilterException($"{what} '{other}' must be 'and' or 'or'"),
        };

    private static List<string> ReadStrings(JsonNode? node, string what) => node switch
    {
        null => [],
        JsonArray array => [.. array.Select(item => ReadString(item, what))],
        _ => [ReadString(node, what)],
    };

    private static string ReadString(JsonNode? node, string what)
    {
        if (node is not JsonValue value)
        {
            throw new FilterException($"filter {what} must hold strings");
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.GetValue<JsonElement>().GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => throw new FilterException($"filter {what} must hold strings"),
        };
    }
}

/// <summary>One condition: any of <see cref="Keys"/> compared with the <see cref="Values"/>, joined by <see cref="Mode"/>.</summary>
internal sealed record Filter(IReadOnlyList<string> Keys, IReadOnlyList<string> Values, FilterOperator Operator, FilterMode Mode);

internal enum FilterMode
{
    And,
    Or,
}

internal enum FilterOperator
{
    Eq,
    NotEq,
    Gt,
    Gte,
    Lt,
    Lte,
    Nil,
    NotNil,
}

/// <summary>A FilterGroup the simulator cannot read or evaluate; GraphQL reports it as an error.</summary>
internal sealed class FilterException(string message) : Exception(message);

