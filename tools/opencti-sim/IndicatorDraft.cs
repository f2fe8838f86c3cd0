namespace OpenCtiSim;

/// <summary>
/// What a test (or the generator) gives to create an indicator; the platform fills in ids and platform dates.
/// Only <see cref="Pattern"/> is required.
/// </summary>
public sealed record IndicatorDraft
{
    public required string Pattern { get; init; }

    /// <summary>The internal id to use; a new uuid when null.</summary>
    public string? Id { get; init; }

    /// <summary>Defaults to the pattern.</summary>
    public string? Name { get; init; }

    public string? Description { get; init; }

    public string PatternType { get; init; } = "stix";

    public string? MainObservableType { get; init; }

    public IReadOnlyList<string> IndicatorTypes { get; init; } = [];

    public int? Score { get; init; }

    public int? Confidence { get; init; }

    public IReadOnlyList<string> Labels { get; init; } = [];

    public IReadOnlyList<string> Platforms { get; init; } = [];

    public IReadOnlyList<SimKillChainPhase> KillChainPhases { get; init; } = [];

    /// <summary>Standard id of an identity known to the platform (see <see cref="OpenCtiSimPlatform.Identities"/>).</summary>
    public string? CreatedByRef { get; init; }

    /// <summary>Standard ids of marking definitions known to the platform (see <see cref="OpenCtiSimPlatform.Markings"/>).</summary>
    public IReadOnlyList<string> MarkingRefs { get; init; } = [];

    public bool Revoked { get; init; }

    public bool Detection { get; init; }

    /// <summary>Defaults to the platform's now.</summary>
    public DateTimeOffset? ValidFrom { get; init; }

    public DateTimeOffset? ValidUntil { get; init; }

    /// <summary>STIX <c>created</c>; defaults to the platform's now.</summary>
    public DateTimeOffset? Created { get; init; }
}
