using System.Text.Json;

namespace Connector.OpenCti;

/// <summary>Reads an <see cref="IndicatorSnapshot"/> from a node of the GraphQL <c>indicators</c> listing.</summary>
internal static class GraphQlIndicatorReader
{
    /// <summary>Reads the snapshot; null when the node has no <c>standard_id</c> (it could not be matched with stream events).</summary>
    public static IndicatorSnapshot? Read(JsonElement node)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? internalId = null, standardId = null, name = null, description = null, pattern = null, patternType = null, mainObservableType = null;
        bool revoked = false;
        DateTimeOffset? validFrom = null, validUntil = null, updatedAt = null;
        int? score = null;
        IReadOnlyList<string> platforms = [], labels = [];

        foreach (var property in node.EnumerateObject())
        {
            var value = property.Value;
            if (property.NameEquals("id"u8)) { internalId = JsonRead.String(value); }
            else if (property.NameEquals("standard_id"u8)) { standardId = JsonRead.String(value); }
            else if (property.NameEquals("name"u8)) { name = JsonRead.String(value); }
            else if (property.NameEquals("description"u8)) { description = JsonRead.String(value); }
            else if (property.NameEquals("pattern"u8)) { pattern = JsonRead.String(value); }
            else if (property.NameEquals("pattern_type"u8)) { patternType = JsonRead.String(value); }
            else if (property.NameEquals("revoked"u8)) { revoked = JsonRead.Boolean(value); }
            else if (property.NameEquals("valid_from"u8)) { validFrom = JsonRead.Date(value); }
            else if (property.NameEquals("valid_until"u8)) { validUntil = JsonRead.Date(value); }
            else if (property.NameEquals("x_opencti_score"u8)) { score = JsonRead.Int32(value); }
            else if (property.NameEquals("x_mitre_platforms"u8)) { platforms = JsonRead.StringList(value); }
            else if (property.NameEquals("x_opencti_main_observable_type"u8)) { mainObservableType = JsonRead.String(value); }
            else if (property.NameEquals("updated_at"u8)) { updatedAt = JsonRead.Date(value); }
            else if (property.NameEquals("objectLabel"u8)) { labels = value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 ? ReadLabelArray(value) : Array.Empty<string>(); }
        }

        if (string.IsNullOrEmpty(standardId))
        {
            return null;
        }

        return new IndicatorSnapshot
        {
            Id = standardId,
            InternalId = internalId,
            Name = name,
            Description = description,
            Pattern = pattern,
            PatternType = patternType,
            Revoked = revoked,
            ValidFrom = validFrom,
            ValidUntil = validUntil,
            Score = score,
            Platforms = platforms,
            Labels = labels,
            UpdatedAt = updatedAt,
            MainObservableType = mainObservableType,
        };
    }

    private static List<string> ReadLabelArray(JsonElement objectLabel)
    {
        var labels = new List<string>(objectLabel.GetArrayLength());
        foreach (var label in objectLabel.EnumerateArray())
        {
            if (label.ValueKind == JsonValueKind.Object
                && label.TryGetProperty("value"u8, out var value)
                && JsonRead.String(value) is { } text)
            {
                labels.Add(text);
            }
        }

        return labels;
    }
}
