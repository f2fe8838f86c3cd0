using System.Collections.Concurrent;
using OpenCtiSim.Filters;
using OpenCtiSim.Stix;

namespace OpenCtiSim.Platform;

/// <summary>The objects indicators reference: marking definitions, author identities and labels.</summary>
internal sealed class ReferenceRegistry : IReferenceLookup
{
    private static readonly DateTimeOffset TlpCreated = new(2017, 1, 20, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset IdentitiesCreated = new(2020, 2, 23, 0, 0, 0, TimeSpan.Zero);
    private static readonly Guid InternalNamespace = Guid.Parse("6ba7b811-9dad-11d1-80b4-00c04fd430c8");

    private readonly ConcurrentDictionary<string, SimMarking> _markings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SimIdentity> _identities = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SimLabel> _labels = new(StringComparer.OrdinalIgnoreCase);

    public ReferenceRegistry()
    {
        // The standard TLP markings keep their well-known STIX ids, as on every OpenCTI platform.
        AddMarking("marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", "TLP:CLEAR", "#ffffff", 1);
        AddMarking("marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da", "TLP:GREEN", "#2e7d32", 2);
        AddMarking("marking-definition--f88d31f6-486f-44da-b317-01333bde0b82", "TLP:AMBER", "#d84315", 3);
        AddMarking("marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed", "TLP:RED", "#c62828", 4);
        foreach (var name in new[] { "OpenCTI Sim Feed", "AlienVault", "CIRCL", "abuse.ch" })
        {
            AddIdentity(name);
        }
    }

    public IReadOnlyList<SimMarking> Markings => [.. _markings.Values.OrderBy(m => m.Order)];

    public IReadOnlyList<SimIdentity> Identities => [.. _identities.Values.OrderBy(i => i.Name, StringComparer.Ordinal)];

    public IReadOnlyList<SimLabel> Labels => [.. _labels.Values.OrderBy(l => l.Value, StringComparer.Ordinal)];

    public SimIdentity AddIdentity(string name)
    {
        var standardId = SimIds.IdentityStandardId(name, "organization");
        return _identities.GetOrAdd(
            standardId,
            id => new SimIdentity(SimIds.UuidV5(InternalNamespace, id), id, name, "organization", IdentitiesCreated));
    }

    public SimMarking? Marking(string standardId) => _markings.GetValueOrDefault(standardId);

    public SimIdentity? Identity(string standardId) => _identities.GetValueOrDefault(standardId);

    public SimLabel Label(string value) =>
        _labels.GetOrAdd(value, v => new SimLabel(SimIds.LabelId(v), v, "#" + SimIds.LabelId(v)[..6]));

    public string? MarkingInternalId(string standardId) => Marking(standardId)?.Id;

    public string? IdentityInternalId(string standardId) => Identity(standardId)?.Id;

    /// <summary>Rejects references to objects the platform does not have (the real one would refuse them too).</summary>
    public void Validate(SimIndicator indicator)
    {
        foreach (var marking in indicator.MarkingRefs)
        {
            if (Marking(marking) is null)
            {
                throw new ArgumentException($"unknown marking definition '{marking}'; use one of OpenCtiSimPlatform.Markings");
            }
        }

        if (indicator.CreatedByRef is { } author && Identity(author) is null)
        {
            throw new ArgumentException($"unknown identity '{author}'; add it with OpenCtiSimPlatform.AddIdentity first");
        }

        foreach (var label in indicator.Labels)
        {
            Label(label);
        }
    }

    private void AddMarking(string standardId, string definition, string color, int order) =>
        _markings[standardId] = new SimMarking(
            SimIds.UuidV5(InternalNamespace, standardId), standardId, "TLP", definition, color, order, TlpCreated);
}
