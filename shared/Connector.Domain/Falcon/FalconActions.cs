namespace Connector.Domain.Falcon;

/// <summary>Falcon's IOC <c>action</c> values, spelled as the API wants them.</summary>
public static class FalconActions
{
    public const string NoAction = "no_action";
    public const string Allow = "allow";
    public const string PreventNoUi = "prevent_no_ui";
    public const string Prevent = "prevent";
    public const string Detect = "detect";

    /// <summary>Every action Falcon knows.</summary>
    public static IReadOnlyList<string> All { get; } = [NoAction, Allow, PreventNoUi, Prevent, Detect];

    /// <summary>The actions Falcon accepts on every IOC type; the others (<c>allow</c>, <c>prevent</c>, <c>prevent_no_ui</c>) are for hashes only.</summary>
    public static IReadOnlyList<string> ForEveryType { get; } = [NoAction, Detect];
}
