namespace Connector.Domain.Indicators;

/// <summary>
/// The pieces of an OpenCTI indicator that decide its IOCs, as read from a live stream frame (STIX) or from
/// GraphQL (the reconciler). Both paths fill this record so one <see cref="IndicatorReader"/> serves them.
/// </summary>
public sealed record IndicatorSnapshot
{
    /// <summary>The STIX id (<c>indicator--uuid</c>).</summary>
    public required string Id { get; init; }

    /// <summary><c>pattern_type</c>; only <c>stix</c> is read.</summary>
    public string? PatternType { get; init; }

    /// <summary>The pattern.</summary>
    public string? Pattern { get; init; }

    /// <summary>STIX <c>revoked</c>.</summary>
    public bool Revoked { get; init; }

    /// <summary>STIX <c>valid_until</c>.</summary>
    public DateTimeOffset? ValidUntil { get; init; }

    /// <summary>OpenCTI score 0–100, when present.</summary>
    public int? Score { get; init; }

    /// <summary>MITRE platforms (<c>x_mitre_platforms</c>).</summary>
    public IReadOnlyList<string>? Platforms { get; init; }

    /// <summary>STIX labels.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>STIX description.</summary>
    public string? Description { get; init; }

    /// <summary>The indicator's name.</summary>
    public string? Name { get; init; }
}
