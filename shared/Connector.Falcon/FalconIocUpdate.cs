using Connector.Contracts;

namespace Connector.Falcon;

/// <summary>
/// A change to an existing IOC. Null fields are left out of the request and so stay unchanged in Falcon; the type
/// and value of an IOC cannot change.
/// </summary>
public sealed record FalconIocUpdate
{
    /// <summary>Falcon's id of the IOC.</summary>
    public required string Id { get; init; }

    /// <summary>New action, or null to keep it.</summary>
    public string? Action { get; init; }

    /// <summary>New Falcon for Mobile action, or null to keep it.</summary>
    public string? MobileAction { get; init; }

    /// <summary>New severity, or null to keep it.</summary>
    public string? Severity { get; init; }

    /// <summary>New platforms (replace the old list), or null to keep them.</summary>
    public IReadOnlyList<string>? Platforms { get; init; }

    /// <summary>New tags (replace the old list), or null to keep them.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>New description, or null to keep it.</summary>
    public string? Description { get; init; }

    /// <summary>New expiration, or null to keep it.</summary>
    public DateTimeOffset? Expiration { get; init; }

    /// <summary>New <c>source</c>, or null to keep it.</summary>
    public string? Source { get; init; }

    /// <summary>An update that sets every connector-decided field.</summary>
    public static FalconIocUpdate From(string id, FalconIocFields fields)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(fields);
        return new FalconIocUpdate
        {
            Id = id,
            Action = fields.Action,
            MobileAction = fields.MobileAction,
            Severity = fields.Severity,
            Platforms = fields.Platforms,
            Tags = fields.Tags,
            Description = fields.Description,
            Expiration = fields.Expiration,
            Source = fields.Source,
        };
    }
}
