using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenCtiSim.Stix;

/// <summary>
/// Writes platform objects as the STIX 2.1 JSON that OpenCTI puts in stream events: the fields of the object, the
/// OpenCTI extension and (for indicators with platforms) the MITRE extension. Empty fields are omitted.
/// </summary>
internal static class StixWriter
{
    public const string OpenCtiExtension = "extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba";
    public const string MitreExtension = "extension-definition--322b8f77-262a-4cb8-a915-1e441e00329b";

    public static void WriteIndicator(Utf8JsonWriter w, SimIndicator i, bool observableValues)
    {
        w.WriteStartObject();
        w.WriteString("id", i.StandardId);
        w.WriteString("spec_version", "2.1");
        w.WriteBoolean("revoked", i.Revoked);
        if (i.Confidence is { } confidence)
        {
            w.WriteNumber("confidence", confidence);
        }

        WriteStrings(w, "labels", i.Labels);
        WriteDate(w, "created", i.Created);
        WriteDate(w, "modified", i.Modified);
        w.WriteString("name", i.Name);
        if (!string.IsNullOrEmpty(i.Description))
        {
            w.WriteString("description", i.Description);
        }

        WriteStrings(w, "indicator_types", i.IndicatorTypes);
        w.WriteString("pattern", i.Pattern);
        w.WriteString("pattern_type", i.PatternType);
        WriteDate(w, "valid_from", i.ValidFrom);
        if (i.ValidUntil is { } validUntil)
        {
            WriteDate(w, "valid_until", validUntil);
        }

        if (i.KillChainPhases.Count > 0)
        {
            w.WriteStartArray("kill_chain_phases");
            foreach (var phase in i.KillChainPhases)
            {
                w.WriteStartObject();
                w.WriteString("kill_chain_name", phase.KillChainName);
                w.WriteString("phase_name", phase.PhaseName);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (i.CreatedByRef is { } createdBy)
        {
            w.WriteString("created_by_ref", createdBy);
        }

        WriteStrings(w, "object_marking_refs", i.MarkingRefs);
        w.WriteString("type", "indicator");

        w.WriteStartObject("extensions");
        w.WriteStartObject(OpenCtiExtension);
        w.WriteString("extension_type", "property-extension");
        w.WriteString("id", i.Id);
        w.WriteString("type", "Indicator");
        WriteDate(w, "created_at", i.CreatedAt);
        WriteDate(w, "updated_at", i.UpdatedAt);
        WriteStrings(w, "stix_ids", i.StixIds);
        w.WriteBoolean("is_inferred", false);
        if (i.Score is { } score)
        {
            w.WriteNumber("score", score);
        }

        w.WriteBoolean("detection", i.Detection);
        if (i.MainObservableType is { } mainType)
        {
            w.WriteString("main_observable_type", mainType);
        }

        if (observableValues)
        {
            WriteObservableValues(w, ObservableValues.Of(i));
        }

        w.WriteEndObject();
        if (i.Platforms.Count > 0)
        {
            w.WriteStartObject(MitreExtension);
            w.WriteString("extension_type", "property-extension");
            WriteStrings(w, "platforms", i.Platforms);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static void WriteMarking(Utf8JsonWriter w, SimMarking m)
    {
        w.WriteStartObject();
        w.WriteString("id", m.StandardId);
        w.WriteString("spec_version", "2.1");
        WriteDate(w, "created", m.Created);
        WriteDate(w, "modified", m.Created);
        w.WriteString("name", m.Definition);
        w.WriteString("definition_type", m.DefinitionType);
        w.WriteStartObject("definition");
        w.WriteString(m.DefinitionType.ToLowerInvariant(), m.Definition[(m.Definition.IndexOf(':', StringComparison.Ordinal) + 1)..].ToLowerInvariant());
        w.WriteEndObject();
        w.WriteNumber("x_opencti_order", m.Order);
        w.WriteString("x_opencti_color", m.Color);
        w.WriteString("type", "marking-definition");
        w.WriteStartObject("extensions");
        w.WriteStartObject(OpenCtiExtension);
        w.WriteString("extension_type", "property-extension");
        w.WriteString("id", m.Id);
        w.WriteString("type", "Marking-Definition");
        WriteDate(w, "created_at", m.Created);
        WriteDate(w, "updated_at", m.Created);
        w.WriteBoolean("is_inferred", false);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static void WriteIdentity(Utf8JsonWriter w, SimIdentity identity)
    {
        w.WriteStartObject();
        w.WriteString("id", identity.StandardId);
        w.WriteString("spec_version", "2.1");
        WriteDate(w, "created", identity.Created);
        WriteDate(w, "modified", identity.Created);
        w.WriteString("name", identity.Name);
        w.WriteString("identity_class", identity.IdentityClass);
        w.WriteString("type", "identity");
        w.WriteStartObject("extensions");
        w.WriteStartObject(OpenCtiExtension);
        w.WriteString("extension_type", "property-extension");
        w.WriteString("id", identity.Id);
        w.WriteString("type", identity.IdentityClass == "organization" ? "Organization" : "Individual");
        WriteDate(w, "created_at", identity.Created);
        WriteDate(w, "updated_at", identity.Created);
        w.WriteBoolean("is_inferred", false);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>The indicator as a JSON tree, for computing patches.</summary>
    public static JsonObject IndicatorNode(SimIndicator indicator, bool observableValues)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer, SimJson.Writer))
        {
            WriteIndicator(writer, indicator, observableValues);
        }

        return JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
    }

    private static void WriteObservableValues(Utf8JsonWriter w, IReadOnlyList<ObservableValue> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        w.WriteStartArray("observable_values");
        foreach (var value in values)
        {
            w.WriteStartObject();
            w.WriteString("type", value.Type);
            if (value.Value is { } text)
            {
                w.WriteString("value", text);
            }

            if (value.HashAlgorithm is { } algorithm)
            {
                w.WriteStartObject("hashes");
                w.WriteString(algorithm, value.Value);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteDate(Utf8JsonWriter w, string name, DateTimeOffset instant)
    {
        Span<char> text = stackalloc char[32];
        instant.UtcDateTime.TryFormat(text, out var length, SimTime.IsoFormat, CultureInfo.InvariantCulture);
        w.WriteString(name, text[..length]);
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }
}
