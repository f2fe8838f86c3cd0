using Connector.Contracts;

namespace Connector.Falcon;

/// <summary>A custom IOC as Falcon holds it.</summary>
public sealed record FalconIoc
{
    /// <summary>Falcon's id (64 hex characters).</summary>
    public required string Id { get; init; }

    /// <summary>Falcon's type name (<c>sha256</c>, <c>md5</c>, <c>domain</c>, <c>ipv4</c>, <c>ipv6</c>, or another type this connector does not manage).</summary>
    public required string Type { get; init; }

    /// <summary>The value.</summary>
    public required string Value { get; init; }

    /// <summary>The action, e.g. <c>detect</c>.</summary>
    public string? Action { get; init; }

    /// <summary>The Falcon for Mobile action.</summary>
    public string? MobileAction { get; init; }

    /// <summary>The severity.</summary>
    public string? Severity { get; init; }

    /// <summary>The platforms, as Falcon lists them.</summary>
    public IReadOnlyList<string> Platforms { get; init; } = [];

    /// <summary>The tags, as Falcon lists them.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Host groups the IOC is scoped to, when not applied globally.</summary>
    public IReadOnlyList<string> HostGroups { get; init; } = [];

    /// <summary>Whether the IOC applies to every host.</summary>
    public bool AppliedGlobally { get; init; }

    /// <summary>The <c>source</c> field.</summary>
    public string? Source { get; init; }

    /// <summary>The description.</summary>
    public string? Description { get; init; }

    /// <summary>The expiration, when set.</summary>
    public DateTimeOffset? Expiration { get; init; }

    /// <summary>True once the expiration passed (Falcon then sets the action to <c>no_action</c>).</summary>
    public bool Expired { get; init; }

    /// <summary>True for a soft-deleted IOC; its value can be created again.</summary>
    public bool Deleted { get; init; }

    /// <summary>True when inherited from a parent CID.</summary>
    public bool FromParent { get; init; }

    /// <summary>The API client id (or user) that created the IOC.</summary>
    public string? CreatedBy { get; init; }

    /// <summary>When the IOC was created.</summary>
    public DateTimeOffset? CreatedOn { get; init; }

    /// <summary>Who last modified the IOC.</summary>
    public string? ModifiedBy { get; init; }

    /// <summary>When the IOC was last modified.</summary>
    public DateTimeOffset? ModifiedOn { get; init; }

    /// <summary>The connector's key of this IOC; false for types the connector does not manage.</summary>
    public bool TryGetKey(out IocKey key)
    {
        if (IocTypeExtensions.TryParseFalconType(Type, out var type))
        {
            key = new IocKey(type, Value);
            return true;
        }

        key = default;
        return false;
    }

    /// <summary>
    /// The connector-decided fields as Falcon holds them, in the canonical form of <see cref="FalconIocFields"/>
    /// (platforms and tags sorted ordinally and distinct), so they compare with a desired state.
    /// </summary>
    public FalconIocFields ToFields() => new()
    {
        Action = Action ?? "",
        MobileAction = MobileAction ?? "",
        Severity = Severity ?? "",
        Platforms = Canonical(Platforms),
        Tags = Canonical(Tags),
        Description = string.IsNullOrEmpty(Description) ? null : Description,
        Expiration = Expiration,
        Source = Source ?? "",
    };

    private static string[] Canonical(IReadOnlyList<string> values) =>
        [.. values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
