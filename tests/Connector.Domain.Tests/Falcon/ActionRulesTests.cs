using Connector.Domain.Falcon;

namespace Connector.Domain.Tests.Falcon;

public sealed class ActionRulesTests
{
    [Theory]
    [InlineData("no_action", "no_action")]
    [InlineData("allow", "allow")]
    [InlineData("detect", "detect")]
    [InlineData("prevent", "prevent")]
    [InlineData("prevent_no_ui", "prevent")]
    [InlineData("block", "no_action")]
    [InlineData("Detect", "no_action")]
    [InlineData("", "no_action")]
    public void The_mobile_action_follows_the_action(string action, string mobileAction)
    {
        Assert.Equal(mobileAction, ActionRules.MobileActionFor(action));
    }

    [Fact]
    public void Every_mobile_action_produced_is_a_falcon_mobile_action()
    {
        Assert.All(FalconActions.All, a => Assert.Contains(ActionRules.MobileActionFor(a), FalconMobileActions.All));
    }

    [Theory]
    [InlineData("no_action", "allow")]
    [InlineData("allow", "detect")]
    [InlineData("detect", "prevent_no_ui")]
    [InlineData("prevent_no_ui", "prevent")]
    [InlineData("unknown", "no_action")]
    [InlineData(null, "no_action")]
    public void Actions_are_ordered_by_protection(string? weaker, string stronger)
    {
        Assert.True(ActionRules.ProtectionRank(weaker) < ActionRules.ProtectionRank(stronger));
    }

    [Theory]
    [InlineData("no_action", "allow")]
    [InlineData("allow", "detect")]
    [InlineData("detect", "prevent")]
    [InlineData("prevent_no_ui", "no_action")]
    public void Mobile_actions_are_ordered_by_protection(string weaker, string stronger)
    {
        Assert.True(ActionRules.MobileProtectionRank(weaker) < ActionRules.MobileProtectionRank(stronger));
    }
}
