namespace Connector.Domain.Falcon;

/// <summary>Falcon's size limits on IOC fields.</summary>
public static class FalconLimits
{
    /// <summary>Longest <c>description</c>.</summary>
    public const int MaxDescriptionLength = 200;

    /// <summary>Longest <c>source</c>.</summary>
    public const int MaxSourceLength = 200;

    /// <summary>Longest <c>domain</c> value.</summary>
    public const int MaxDomainLength = 200;
}
