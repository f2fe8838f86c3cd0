namespace FalconSim;

/// <summary>One custom IOC as the simulator holds it; every field of Falcon's indicator object.</summary>
/// <remarks>
/// Immutable: a change replaces the record. <see cref="Action"/> and <see cref="Expired"/> are as stored; the API
/// (and <see cref="AsSeenAt"/>) shows an IOC whose expiration has passed as expired with <c>no_action</c>.
/// </remarks>
public sealed record SimIndicator
{
    /// <summary>64 lowercase hex characters.</summary>
    public required string Id { get; init; }

    /// <summary>Lowercase type: sha256, md5, domain, ipv4, ipv6.</summary>
    public required string Type { get; init; }

    /// <summary>The value as it was sent.</summary>
    public required string Value { get; init; }

    public string Action { get; init; } = "no_action";

    public string MobileAction { get; init; } = "no_action";

    /// <summary>Severity, or empty when none was given.</summary>
    public string Severity { get; init; } = "";

    public IReadOnlyList<string> Platforms { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<string> HostGroups { get; init; } = [];

    public bool AppliedGlobally { get; init; }

    public string Source { get; init; } = "";

    public string Description { get; init; } = "";

    public DateTimeOffset? Expiration { get; init; }

    public bool Expired { get; init; }

    public bool Deleted { get; init; }

    public bool FromParent { get; init; }

    public string MetadataFilename { get; init; } = "";

    /// <summary>The API client id whose token created the IOC.</summary>
    public required string CreatedBy { get; init; }

    public required DateTimeOffset CreatedOn { get; init; }

    public required string ModifiedBy { get; init; }

    public required DateTimeOffset ModifiedOn { get; init; }

    /// <summary>True when the expiration has passed at <paramref name="now"/> (or the IOC was stored expired).</summary>
    public bool IsExpiredAt(DateTimeOffset now) => Expired || (Expiration is { } expiration && expiration <= now);

    /// <summary>The IOC as Falcon shows it at <paramref name="now"/>: once expired, <c>expired:true</c> and <c>action:no_action</c>.</summary>
    public SimIndicator AsSeenAt(DateTimeOffset now) =>
        IsExpiredAt(now) && !(Expired && Action == "no_action")
            ? this with { Expired = true, Action = "no_action" }
            : this;
}
