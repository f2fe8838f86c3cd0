namespace OpenCtiSim;

/// <summary>
/// The current state of one OpenCTI indicator, as the platform stores it. Immutable: every change produces a new
/// record (and an event in the log). Empty lists and nulls are omitted from the STIX representation.
/// </summary>
public sealed record SimIndicator
{
    /// <summary>The OpenCTI internal id (a uuid): stable for the indicator's whole life.</summary>
    public required string Id { get; init; }

    /// <summary>
    /// The STIX id (<c>indicator--&lt;uuid&gt;</c>). As in OpenCTI it is derived from the pattern, so it changes when the
    /// pattern changes (the previous one moves to <see cref="StixIds"/>).
    /// </summary>
    public required string StandardId { get; init; }

    /// <summary>Standard ids the indicator had before (OpenCTI's <c>x_opencti_stix_ids</c>).</summary>
    public IReadOnlyList<string> StixIds { get; init; } = [];

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required string Pattern { get; init; }

    /// <summary><c>stix</c>, <c>yara</c>, <c>sigma</c>, <c>snort</c>, ...</summary>
    public string PatternType { get; init; } = "stix";

    /// <summary>OpenCTI's <c>x_opencti_main_observable_type</c>, e.g. <c>IPv4-Addr</c>, <c>StixFile</c>.</summary>
    public string? MainObservableType { get; init; }

    public IReadOnlyList<string> IndicatorTypes { get; init; } = [];

    /// <summary><c>x_opencti_score</c> (0–100), null when unset.</summary>
    public int? Score { get; init; }

    public int? Confidence { get; init; }

    /// <summary>Label values (the STIX <c>labels</c>).</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>MITRE platforms (<c>x_mitre_platforms</c>): windows, macos, linux, android, ios, ...</summary>
    public IReadOnlyList<string> Platforms { get; init; } = [];

    public IReadOnlyList<SimKillChainPhase> KillChainPhases { get; init; } = [];

    /// <summary>The standard id of the identity in <c>created_by_ref</c>.</summary>
    public string? CreatedByRef { get; init; }

    /// <summary>Standard ids of the marking definitions (<c>object_marking_refs</c>).</summary>
    public IReadOnlyList<string> MarkingRefs { get; init; } = [];

    public bool Revoked { get; init; }

    /// <summary>OpenCTI's <c>x_opencti_detection</c>.</summary>
    public bool Detection { get; init; }

    public required DateTimeOffset ValidFrom { get; init; }

    public DateTimeOffset? ValidUntil { get; init; }

    /// <summary>STIX <c>created</c> (the source's date).</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>STIX <c>modified</c>.</summary>
    public required DateTimeOffset Modified { get; init; }

    /// <summary>When the platform created it (OpenCTI extension <c>created_at</c>).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the platform last changed it (OpenCTI extension <c>updated_at</c>); recovery orders and ids by it.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>A STIX kill chain phase.</summary>
public sealed record SimKillChainPhase(string KillChainName, string PhaseName);
