using System.Collections.Frozen;
using OpenCtiSim.Platform;
using OpenCtiSim.Stix;

namespace OpenCtiSim.GraphQl.Resolvers;

/// <summary>
/// An indicator as the GraphQL type <c>Indicator</c>. Fields are computed only when selected, so listing
/// thousands per page costs what the query asks for. Empty lists of scalars read as null, as on the platform.
/// </summary>
internal sealed class IndicatorNode(SimIndicator indicator, ReferenceRegistry references) : IGqlObject
{
    private static readonly string[] ParentTypes = ["Basic-Object", "Stix-Object", "Stix-Core-Object", "Stix-Domain-Object"];

    private static readonly FrozenDictionary<string, Func<SimIndicator, ReferenceRegistry, object?>> Fields =
        new Dictionary<string, Func<SimIndicator, ReferenceRegistry, object?>>(StringComparer.Ordinal)
        {
            ["id"] = (i, _) => i.Id,
            ["standard_id"] = (i, _) => i.StandardId,
            ["entity_type"] = (_, _) => "Indicator",
            ["parent_types"] = (_, _) => ParentTypes,
            ["x_opencti_stix_ids"] = (i, _) => i.StixIds,
            ["name"] = (i, _) => i.Name,
            ["description"] = (i, _) => i.Description,
            ["pattern"] = (i, _) => i.Pattern,
            ["pattern_type"] = (i, _) => i.PatternType,
            ["pattern_version"] = (_, _) => null,
            ["indicator_types"] = (i, _) => NullIfEmpty(i.IndicatorTypes),
            ["revoked"] = (i, _) => i.Revoked,
            ["confidence"] = (i, _) => i.Confidence,
            ["valid_from"] = (i, _) => SimTime.Format(i.ValidFrom),
            ["valid_until"] = (i, _) => i.ValidUntil is { } until ? SimTime.Format(until) : null,
            ["x_opencti_score"] = (i, _) => i.Score,
            ["x_opencti_detection"] = (i, _) => i.Detection,
            ["x_mitre_platforms"] = (i, _) => NullIfEmpty(i.Platforms),
            ["x_opencti_main_observable_type"] = (i, _) => i.MainObservableType,
            ["created"] = (i, _) => SimTime.Format(i.Created),
            ["modified"] = (i, _) => SimTime.Format(i.Modified),
            ["created_at"] = (i, _) => SimTime.Format(i.CreatedAt),
            ["updated_at"] = (i, _) => SimTime.Format(i.UpdatedAt),
            ["objectLabel"] = (i, refs) => i.Labels.Select(value => Label(refs.Label(value))).ToList(),
            ["objectMarking"] = (i, refs) => i.MarkingRefs.Select(refs.Marking).OfType<SimMarking>().Select(Marking).ToList(),
            ["createdBy"] = (i, refs) => i.CreatedByRef is { } author && refs.Identity(author) is { } identity ? Author(identity) : null,
            ["killChainPhases"] = (i, _) => i.KillChainPhases.Select(KillChainPhase).ToList(),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    public string TypeName => "Indicator";

    public bool TryGetField(string name, out object? value)
    {
        if (Fields.TryGetValue(name, out var read))
        {
            value = read(indicator, references);
            return true;
        }

        value = null;
        return false;
    }

    private static IReadOnlyList<string>? NullIfEmpty(IReadOnlyList<string> values) => values.Count > 0 ? values : null;

    private static GqlMap Label(SimLabel label) => new("Label", new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["id"] = label.Id,
        ["value"] = label.Value,
        ["color"] = label.Color,
    });

    private static GqlMap Marking(SimMarking m) => new("MarkingDefinition", new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["id"] = m.Id,
        ["standard_id"] = m.StandardId,
        ["entity_type"] = "Marking-Definition",
        ["definition_type"] = m.DefinitionType,
        ["definition"] = m.Definition,
        ["x_opencti_color"] = m.Color,
        ["x_opencti_order"] = m.Order,
    });

    private static GqlMap Author(SimIdentity identity) => new("Organization", new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["id"] = identity.Id,
        ["standard_id"] = identity.StandardId,
        ["entity_type"] = "Organization",
        ["name"] = identity.Name,
    });

    private static GqlMap KillChainPhase(SimKillChainPhase phase) => new("KillChainPhase", new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["kill_chain_name"] = phase.KillChainName,
        ["phase_name"] = phase.PhaseName,
    });
}
