using System.Text.Json;
using Connector.Contracts;

namespace Connector.OpenCti;

/// <summary>
/// The fields of an OpenCTI indicator that the connector uses, read from a live stream frame (STIX 2.1 with
/// OpenCTI's extensions) or from a GraphQL listing. Every field but <see cref="Id"/> may be missing. The pattern is
/// delivered as text: parsing it is the domain layer's job.
/// </summary>
public sealed record IndicatorSnapshot
{
    /// <summary>The STIX id, <c>indicator--&lt;uuid&gt;</c> (GraphQL: <c>standard_id</c>).</summary>
    public required string Id { get; init; }

    /// <summary>OpenCTI's internal id (STIX: the OpenCTI extension's <c>id</c>; GraphQL: <c>id</c>).</summary>
    public string? InternalId { get; init; }

    /// <summary>The indicator's name.</summary>
    public string? Name { get; init; }

    /// <summary>The description.</summary>
    public string? Description { get; init; }

    /// <summary>The pattern, as written in OpenCTI.</summary>
    public string? Pattern { get; init; }

    /// <summary>The pattern language, e.g. <c>stix</c>, <c>sigma</c>, <c>yara</c>.</summary>
    public string? PatternType { get; init; }

    /// <summary>Whether the indicator is revoked.</summary>
    public bool Revoked { get; init; }

    /// <summary>STIX <c>valid_from</c>.</summary>
    public DateTimeOffset? ValidFrom { get; init; }

    /// <summary>STIX <c>valid_until</c>.</summary>
    public DateTimeOffset? ValidUntil { get; init; }

    /// <summary>The OpenCTI score 0–100 (the OpenCTI extension's <c>score</c>, or <c>x_opencti_score</c>).</summary>
    public int? Score { get; init; }

    /// <summary>MITRE platforms (the MITRE extension's <c>platforms</c>, or <c>x_mitre_platforms</c>), as OpenCTI has them.</summary>
    public IReadOnlyList<string> Platforms { get; init; } = [];

    /// <summary>Label values (STIX <c>labels</c>; GraphQL <c>objectLabel.value</c>).</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>When OpenCTI last updated the indicator (the OpenCTI extension's <c>updated_at</c>, else STIX <c>modified</c>).</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>The STIX id of the author identity (<c>created_by_ref</c>); not in GraphQL listings.</summary>
    public string? CreatedByRef { get; init; }

    /// <summary>The main observable type OpenCTI derived from the pattern (e.g. <c>IPv4-Addr</c>, <c>StixFile</c>).</summary>
    public string? MainObservableType { get; init; }

    /// <summary>The object as received, when the reader was asked to keep it (see <c>LiveStreamSettings.KeepRawData</c>).</summary>
    public JsonElement? Raw { get; init; }

    /// <summary>True when the pattern is a STIX pattern, the only kind this connector turns into IOCs.</summary>
    public bool IsStixPattern => string.Equals(PatternType, "stix", StringComparison.OrdinalIgnoreCase);

    /// <summary>The attributes that travel in <see cref="IndicatorChanged"/> messages.</summary>
    public IndicatorAttributes ToAttributes() => new()
    {
        Name = Name,
        Description = Description,
        Score = Score,
        Platforms = Platforms,
        Labels = Labels,
        ValidUntil = ValidUntil,
    };
}
