using OpenCtiSim.Stix;

namespace OpenCtiSim.Filters;

/// <summary>Turns platform references (standard ids) into internal ids, which OpenCTI filters use.</summary>
internal interface IReferenceLookup
{
    string? MarkingInternalId(string standardId);

    string? IdentityInternalId(string standardId);
}

internal enum FieldKind
{
    Text,
    Number,
    Date,
    Boolean,
}

/// <summary>The filter keys an indicator answers to, and the values each key reads.</summary>
internal static class IndicatorFields
{
    // What entity_type matches for an indicator: its own type and its parent types.
    private static readonly string[] EntityTypes =
        ["Indicator", "Stix-Domain-Object", "Stix-Core-Object", "Stix-Object", "Basic-Object"];

    private static readonly Dictionary<string, FieldKind> Kinds = new(StringComparer.Ordinal)
    {
        ["entity_type"] = FieldKind.Text,
        ["id"] = FieldKind.Text,
        ["ids"] = FieldKind.Text,
        ["standard_id"] = FieldKind.Text,
        ["name"] = FieldKind.Text,
        ["description"] = FieldKind.Text,
        ["pattern"] = FieldKind.Text,
        ["pattern_type"] = FieldKind.Text,
        ["x_opencti_main_observable_type"] = FieldKind.Text,
        ["indicator_types"] = FieldKind.Text,
        ["x_mitre_platforms"] = FieldKind.Text,
        ["objectLabel"] = FieldKind.Text,
        ["objectMarking"] = FieldKind.Text,
        ["createdBy"] = FieldKind.Text,
        ["created_by_ref"] = FieldKind.Text,
        ["x_opencti_score"] = FieldKind.Number,
        ["confidence"] = FieldKind.Number,
        ["revoked"] = FieldKind.Boolean,
        ["x_opencti_detection"] = FieldKind.Boolean,
        ["created_at"] = FieldKind.Date,
        ["updated_at"] = FieldKind.Date,
        ["created"] = FieldKind.Date,
        ["modified"] = FieldKind.Date,
        ["valid_from"] = FieldKind.Date,
        ["valid_until"] = FieldKind.Date,
    };

    public static IEnumerable<string> Known => Kinds.Keys;

    public static bool IsKnown(string key) => Kinds.ContainsKey(key);

    public static FieldKind KindOf(string key) => Kinds[key];

    /// <summary>The text atoms of a key (several for lists and for references, which match by id or value).</summary>
    public static void CollectTexts(string key, SimIndicator i, IReferenceLookup refs, List<string> atoms)
    {
        switch (key)
        {
            case "entity_type":
                atoms.AddRange(EntityTypes);
                break;
            case "id" or "ids":
                atoms.Add(i.Id);
                atoms.Add(i.StandardId);
                atoms.AddRange(i.StixIds);
                break;
            case "standard_id":
                atoms.Add(i.StandardId);
                break;
            case "name":
                atoms.Add(i.Name);
                break;
            case "description":
                AddIfPresent(atoms, i.Description);
                break;
            case "pattern":
                atoms.Add(i.Pattern);
                break;
            case "pattern_type":
                atoms.Add(i.PatternType);
                break;
            case "x_opencti_main_observable_type":
                AddIfPresent(atoms, i.MainObservableType);
                break;
            case "indicator_types":
                atoms.AddRange(i.IndicatorTypes);
                break;
            case "x_mitre_platforms":
                atoms.AddRange(i.Platforms);
                break;
            case "objectLabel":
                foreach (var label in i.Labels)
                {
                    atoms.Add(SimIds.LabelId(label));
                    atoms.Add(label);
                }

                break;
            case "objectMarking":
                foreach (var marking in i.MarkingRefs)
                {
                    atoms.Add(marking);
                    AddIfPresent(atoms, refs.MarkingInternalId(marking));
                }

                break;
            case "createdBy" or "created_by_ref":
                if (i.CreatedByRef is { } identity)
                {
                    atoms.Add(identity);
                    AddIfPresent(atoms, refs.IdentityInternalId(identity));
                }

                break;
            default:
                throw new FilterException($"filter key '{key}' is not a text field");
        }
    }

    public static double? Number(string key, SimIndicator i) => key switch
    {
        "x_opencti_score" => i.Score,
        "confidence" => i.Confidence,
        _ => throw new FilterException($"filter key '{key}' is not a number field"),
    };

    public static DateTimeOffset? Date(string key, SimIndicator i) => key switch
    {
        "created_at" => i.CreatedAt,
        "updated_at" => i.UpdatedAt,
        "created" => i.Created,
        "modified" => i.Modified,
        "valid_from" => i.ValidFrom,
        "valid_until" => i.ValidUntil,
        _ => throw new FilterException($"filter key '{key}' is not a date field"),
    };

    public static bool? Boolean(string key, SimIndicator i) => key switch
    {
        "revoked" => i.Revoked,
        "x_opencti_detection" => i.Detection,
        _ => throw new FilterException($"filter key '{key}' is not a boolean field"),
    };

    private static void AddIfPresent(List<string> atoms, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            atoms.Add(value);
        }
    }
}
