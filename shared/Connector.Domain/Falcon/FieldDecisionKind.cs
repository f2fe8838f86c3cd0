namespace Connector.Domain.Falcon;

/// <summary>What the field rules decided for one claimant of an IOC.</summary>
public enum FieldDecisionKind
{
    /// <summary>The claimant wants the IOC enforced with the decided fields.</summary>
    Enforce,

    /// <summary>The indicator's <c>valid_until</c> has passed: it no longer wants the IOC (release it, never write a past expiration).</summary>
    Expired,

    /// <summary>The indicator names platforms but none Falcon can use: the IOC cannot be written for it.</summary>
    NoUsablePlatform,
}
