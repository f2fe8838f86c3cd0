using System.Text.Json;

namespace Connector.OpenCti;

/// <summary>Reads an <see cref="IndicatorSnapshot"/> from a STIX 2.1 indicator as OpenCTI streams it.</summary>
internal static class StixIndicatorReader
{
    /// <summary>The OpenCTI extension: internal id, score, updated_at, main observable type.</summary>
    public const string OpenCtiExtension = "extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba";

    /// <summary>The MITRE extension: platforms (<c>x_mitre_platforms</c>).</summary>
    public const string MitreExtension = "extension-definition--322b8f77-262a-4cb8-a915-1e441e00329b";

    /// <summary>True when the object's <c>type</c> is <c>indicator</c>; compares bytes, so skipping other objects allocates nothing.</summary>
    public static bool IsIndicator(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object
        && data.TryGetProperty("type"u8, out var type)
        && type.ValueKind == JsonValueKind.String
        && type.ValueEquals("indicator"u8);

    /// <summary>Reads the snapshot; null when the object is not a JSON object or has no <c>id</c>.</summary>
    public static IndicatorSnapshot? Read(JsonElement data, bool keepRaw)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? id = null, name = null, description = null, pattern = null, patternType = null, createdByRef = null;
        bool revoked = false;
        DateTimeOffset? validFrom = null, validUntil = null, modified = null;
        int? topScore = null;
        IReadOnlyList<string>? topPlatforms = null;
        IReadOnlyList<string> labels = [];
        var extension = default(ExtensionFields);

        // One pass over the properties: frames arrive by the hundred thousand during an initial sync.
        foreach (var property in data.EnumerateObject())
        {
            var value = property.Value;
            if (property.NameEquals("id"u8)) { id = JsonRead.String(value); }
            else if (property.NameEquals("name"u8)) { name = JsonRead.String(value); }
            else if (property.NameEquals("description"u8)) { description = JsonRead.String(value); }
            else if (property.NameEquals("pattern"u8)) { pattern = JsonRead.String(value); }
            else if (property.NameEquals("pattern_type"u8)) { patternType = JsonRead.String(value); }
            else if (property.NameEquals("revoked"u8)) { revoked = JsonRead.Boolean(value); }
            else if (property.NameEquals("valid_from"u8)) { validFrom = JsonRead.Date(value); }
            else if (property.NameEquals("valid_until"u8)) { validUntil = JsonRead.Date(value); }
            else if (property.NameEquals("modified"u8)) { modified = JsonRead.Date(value); }
            else if (property.NameEquals("labels"u8)) { labels = JsonRead.StringList(value); }
            else if (property.NameEquals("created_by_ref"u8)) { createdByRef = JsonRead.String(value); }
            else if (property.NameEquals("x_opencti_score"u8)) { topScore = JsonRead.Int32(value); }
            else if (property.NameEquals("x_mitre_platforms"u8)) { topPlatforms = JsonRead.StringList(value); }
            else if (property.NameEquals("extensions"u8)) { extension = ReadExtensions(value); }
        }

        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        return new IndicatorSnapshot
        {
            Id = id,
            InternalId = extension.InternalId,
            Name = name,
            Description = description,
            Pattern = pattern,
            PatternType = patternType,
            Revoked = revoked,
            ValidFrom = validFrom,
            ValidUntil = validUntil,
            Score = extension.Score ?? topScore,
            Platforms = extension.Platforms ?? topPlatforms ?? [],
            Labels = labels,
            UpdatedAt = extension.UpdatedAt ?? modified,
            CreatedByRef = createdByRef,
            MainObservableType = extension.MainObservableType,
            Raw = keepRaw ? data.Clone() : null,
        };
    }

    private static ExtensionFields ReadExtensions(JsonElement extensions)
    {
        var fields = default(ExtensionFields);
        if (extensions.ValueKind != JsonValueKind.Object)
        {
            return fields;
        }

        if (extensions.TryGetProperty(OpenCtiExtension, out var openCti) && openCti.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in openCti.EnumerateObject())
            {
                var value = property.Value;
                if (property.NameEquals("id"u8)) { fields.InternalId = JsonRead.String(value); }
                else if (property.NameEquals("score"u8)) { fields.Score = JsonRead.Int32(value); }
                else if (property.NameEquals("updated_at"u8)) { fields.UpdatedAt = JsonRead.Date(value); }
                else if (property.NameEquals("main_observable_type"u8)) { fields.MainObservableType = JsonRead.String(value); }
            }
        }

        if (extensions.TryGetProperty(MitreExtension, out var mitre)
            && mitre.ValueKind == JsonValueKind.Object
            && mitre.TryGetProperty("platforms"u8, out var platforms)
            && platforms.ValueKind != JsonValueKind.Null)
        {
            fields.Platforms = JsonRead.StringList(platforms);
        }

        return fields;
    }

    private struct ExtensionFields
    {
        public string? InternalId;
        public int? Score;
        public DateTimeOffset? UpdatedAt;
        public string? MainObservableType;
        public IReadOnlyList<string>? Platforms;
    }
}
