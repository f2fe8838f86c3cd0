namespace Connector.Contracts;

/// <summary>
/// The Falcon fields of an IOC that this connector decides. Values use Falcon's own spelling
/// (<c>detect</c>, <c>high</c>, <c>windows</c>, …) so they can be sent and compared as they are.
/// </summary>
public sealed record FalconIocFields
{
    /// <summary>Falcon action: <c>no_action</c>, <c>allow</c>, <c>prevent_no_ui</c>, <c>prevent</c> or <c>detect</c>.</summary>
    public required string Action { get; init; }

    /// <summary>Falcon for Mobile action: <c>no_action</c>, <c>allow</c>, <c>detect</c> or <c>prevent</c>.</summary>
    public required string MobileAction { get; init; }

    /// <summary>Severity: <c>informational</c>, <c>low</c>, <c>medium</c>, <c>high</c> or <c>critical</c>.</summary>
    public required string Severity { get; init; }

    /// <summary>Falcon platforms, sorted, never empty.</summary>
    public required IReadOnlyList<string> Platforms { get; init; }

    /// <summary>Tags, sorted and distinct.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Description, at most Falcon's 200 characters.</summary>
    public string? Description { get; init; }

    /// <summary>Expiration (UTC), or null for none.</summary>
    public DateTimeOffset? Expiration { get; init; }

    /// <summary>The <c>source</c> field, at most 200 characters.</summary>
    public required string Source { get; init; }

    /// <summary>Value-equality over the lists too, so desired and applied fields compare as a whole.</summary>
    public bool Equals(FalconIocFields? other) =>
        other is not null
        && Action == other.Action
        && MobileAction == other.MobileAction
        && Severity == other.Severity
        && Platforms.SequenceEqual(other.Platforms)
        && Tags.SequenceEqual(other.Tags)
        && Description == other.Description
        && Expiration == other.Expiration
        && Source == other.Source;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Action, MobileAction, Severity, Description, Expiration, Source, Platforms.Count, Tags.Count);
}
