namespace Connector.Domain.Falcon;

/// <summary>How actions relate: the mobile action that follows from an action, and which action protects more.</summary>
public static class ActionRules
{
    private static readonly IReadOnlyList<string> ProtectionOrder =
        [FalconActions.NoAction, FalconActions.Allow, FalconActions.Detect, FalconActions.PreventNoUi, FalconActions.Prevent];

    private static readonly IReadOnlyList<string> MobileProtectionOrder =
        [FalconMobileActions.NoAction, FalconMobileActions.Allow, FalconMobileActions.Detect, FalconMobileActions.Prevent];

    /// <summary>
    /// The <c>mobile_action</c> for an <c>action</c>: the same value when Falcon for Mobile knows it (the Python
    /// connector sent <c>mobile_action = action</c>); <c>prevent_no_ui</c>, which mobile lacks, becomes <c>prevent</c>
    /// (both block; mobile simply has no silent variant); anything unknown becomes <c>no_action</c>.
    /// </summary>
    public static string MobileActionFor(string action) => action switch
    {
        FalconActions.PreventNoUi => FalconMobileActions.Prevent,
        FalconActions.NoAction or FalconActions.Allow or FalconActions.Detect or FalconActions.Prevent => action,
        _ => FalconMobileActions.NoAction,
    };

    /// <summary>
    /// How strongly an action protects, for choosing between claimants: <c>no_action</c> &lt; <c>allow</c> &lt;
    /// <c>detect</c> &lt; <c>prevent_no_ui</c> &lt; <c>prevent</c> (blocking with a notice beats blocking silently,
    /// since the user learns why). Unknown values rank below everything (-1).
    /// </summary>
    public static int ProtectionRank(string? action) =>
        action is null ? -1 : OrdinalLists.IndexOf(ProtectionOrder, action);

    /// <summary>The same order for mobile actions: <c>no_action</c> &lt; <c>allow</c> &lt; <c>detect</c> &lt; <c>prevent</c>.</summary>
    public static int MobileProtectionRank(string? mobileAction) =>
        mobileAction is null ? -1 : OrdinalLists.IndexOf(MobileProtectionOrder, mobileAction);
}
