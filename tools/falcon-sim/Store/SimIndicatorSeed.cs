namespace FalconSim;

/// <summary>
/// An IOC to put into the store directly (test seeding), bypassing validation: any creator, source, dates or
/// deleted state. Only <see cref="Type"/> and <see cref="Value"/> are required; the rest defaults sensibly.
/// </summary>
public sealed record SimIndicatorSeed
{
    public required string Type { get; init; }

    public required string Value { get; init; }

    /// <summary>Null: a new random id.</summary>
    public string? Id { get; init; }

    public string Action { get; init; } = "detect";

    public string MobileAction { get; init; } = "no_action";

    public string Severity { get; init; } = "medium";

    public IReadOnlyList<string> Platforms { get; init; } = ["windows", "mac", "linux"];

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<string> HostGroups { get; init; } = [];

    public bool AppliedGlobally { get; init; } = true;

    public string Source { get; init; } = "";

    public string Description { get; init; } = "";

    public DateTimeOffset? Expiration { get; init; }

    public bool Expired { get; init; }

    public bool Deleted { get; init; }

    public string MetadataFilename { get; init; } = "";

    /// <summary>Null: the simulator's main client id.</summary>
    public string? CreatedBy { get; init; }

    /// <summary>Null: now.</summary>
    public DateTimeOffset? CreatedOn { get; init; }

    /// <summary>Null: <see cref="CreatedBy"/>.</summary>
    public string? ModifiedBy { get; init; }

    /// <summary>Null: <see cref="CreatedOn"/>.</summary>
    public DateTimeOffset? ModifiedOn { get; init; }
}
