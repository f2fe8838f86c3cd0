namespace Connector.Domain.Falcon;

/// <summary>Falcon for Mobile's <c>mobile_action</c> values.</summary>
public static class FalconMobileActions
{
    public const string NoAction = "no_action";
    public const string Allow = "allow";
    public const string Detect = "detect";
    public const string Prevent = "prevent";

    /// <summary>Every mobile action Falcon knows.</summary>
    public static IReadOnlyList<string> All { get; } = [NoAction, Allow, Detect, Prevent];
}
