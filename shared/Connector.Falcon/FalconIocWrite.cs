using Connector.Contracts;

namespace Connector.Falcon;

/// <summary>
/// An IOC to create. The client always sends <c>applied_globally: true</c>, the only scope this connector uses;
/// null fields are left out of the request.
/// </summary>
public sealed record FalconIocWrite
{
    /// <summary>The IOC type.</summary>
    public required IocType Type { get; init; }

    /// <summary>The normalised value.</summary>
    public required string Value { get; init; }

    /// <summary>The action, e.g. <c>detect</c>.</summary>
    public required string Action { get; init; }

    /// <summary>The Falcon for Mobile action.</summary>
    public string? MobileAction { get; init; }

    /// <summary>The severity (required by Falcon for <c>detect</c> and <c>prevent</c>).</summary>
    public string? Severity { get; init; }

    /// <summary>The platforms; Falcon requires at least one.</summary>
    public required IReadOnlyList<string> Platforms { get; init; }

    /// <summary>Tags, or null for none.</summary>
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>Description (at most 200 characters).</summary>
    public string? Description { get; init; }

    /// <summary>Expiration; sent as RFC 3339 UTC.</summary>
    public DateTimeOffset? Expiration { get; init; }

    /// <summary>The <c>source</c> field (at most 200 characters).</summary>
    public string? Source { get; init; }

    /// <summary>The IOC this write is about.</summary>
    public IocKey Key => new(Type, Value);

    /// <summary>A create carrying every connector-decided field.</summary>
    public static FalconIocWrite From(IocKey key, FalconIocFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new FalconIocWrite
        {
            Type = key.Type,
            Value = key.Value,
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
