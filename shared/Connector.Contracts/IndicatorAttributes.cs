namespace Connector.Contracts;

/// <summary>
/// The parts of an OpenCTI indicator that decide the fields of its Falcon IOC. They travel raw (as OpenCTI
/// has them) so the Falcon field rules are applied in one place, by ioc-sync, with its settings.
/// </summary>
public sealed record IndicatorAttributes
{
    /// <summary>The indicator's name in OpenCTI (for descriptions and logs).</summary>
    public string? Name { get; init; }

    /// <summary>The STIX description; cut to Falcon's limit when the IOC is written.</summary>
    public string? Description { get; init; }

    /// <summary>OpenCTI score 0–100 (<c>x_opencti_score</c>); null when the indicator has none.</summary>
    public int? Score { get; init; }

    /// <summary>MITRE platforms as OpenCTI has them (<c>windows</c>, <c>macos</c>, <c>linux</c>, <c>android</c>, <c>ios</c>, any case).</summary>
    public IReadOnlyList<string> Platforms { get; init; } = [];

    /// <summary>STIX labels; they become Falcon tags.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>STIX <c>valid_until</c>; becomes the IOC's <c>expiration</c>.</summary>
    public DateTimeOffset? ValidUntil { get; init; }
}
