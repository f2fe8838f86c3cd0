namespace Connector.Domain.Falcon;

/// <summary>The Falcon platforms of an indicator, or why it has none Falcon can use.</summary>
/// <param name="Platforms">Falcon platforms, sorted and distinct; empty when <see cref="SkipReason"/> is set.</param>
/// <param name="Ignored">Input values left out (unknown, or mobile without Falcon for Mobile), as given, for logs.</param>
/// <param name="SkipReason">Set when the input named platforms but none is usable: the IOC must not be written.</param>
public sealed record PlatformMapping(IReadOnlyList<string> Platforms, IReadOnlyList<string> Ignored, string? SkipReason)
{
    /// <summary>True when <see cref="Platforms"/> can be sent.</summary>
    public bool IsUsable => SkipReason is null;
}
