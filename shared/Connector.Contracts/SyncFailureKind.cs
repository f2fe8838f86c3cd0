namespace Connector.Contracts;

/// <summary>Why a <see cref="SyncIoc"/> could not be completed.</summary>
public enum SyncFailureKind
{
    /// <summary>The item breaks a Falcon rule; sending it again cannot help.</summary>
    Invalid,

    /// <summary>The value exists in Falcon, created by someone else; left untouched by policy.</summary>
    OwnedElsewhere,

    /// <summary>Falcon refused the item for a reason of its own (capacity, warning, unknown error).</summary>
    Rejected,

    /// <summary>Network errors, 5xx or rate limiting outlasted the retries; a later attempt can succeed.</summary>
    Transient,
}
