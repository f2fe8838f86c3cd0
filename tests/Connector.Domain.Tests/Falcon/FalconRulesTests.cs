using Connector.Contracts;
using Connector.Domain.Falcon;

namespace Connector.Domain.Tests.Falcon;

public sealed class FalconRulesTests
{
    [Theory]
    [InlineData(IocType.Sha256, "no_action", true)]
    [InlineData(IocType.Sha256, "allow", true)]
    [InlineData(IocType.Sha256, "prevent_no_ui", true)]
    [InlineData(IocType.Sha256, "prevent", true)]
    [InlineData(IocType.Sha256, "detect", true)]
    [InlineData(IocType.Md5, "allow", true)]
    [InlineData(IocType.Md5, "prevent_no_ui", true)]
    [InlineData(IocType.Md5, "prevent", true)]
    [InlineData(IocType.Domain, "no_action", true)]
    [InlineData(IocType.Domain, "detect", true)]
    [InlineData(IocType.Domain, "allow", false)]
    [InlineData(IocType.Domain, "prevent", false)]
    [InlineData(IocType.Domain, "prevent_no_ui", false)]
    [InlineData(IocType.Ipv4, "detect", true)]
    [InlineData(IocType.Ipv4, "allow", false)]
    [InlineData(IocType.Ipv4, "prevent", false)]
    [InlineData(IocType.Ipv6, "no_action", true)]
    [InlineData(IocType.Ipv6, "prevent_no_ui", false)]
    [InlineData(IocType.Sha256, "Detect", false)]
    [InlineData(IocType.Sha256, "block", false)]
    [InlineData(IocType.Sha256, "", false)]
    [InlineData(IocType.Sha256, null, false)]
    public void Falcon_allows_allow_and_prevent_only_on_hashes(IocType type, string? action, bool allowed)
    {
        Assert.Equal(allowed, FalconRules.IsActionAllowed(type, action));
    }

    [Theory]
    [InlineData(IocType.Ipv4, "no_action", true)]
    [InlineData(IocType.Ipv4, "detect", true)]
    [InlineData(IocType.Ipv4, "allow", false)]
    [InlineData(IocType.Ipv6, "detect", true)]
    [InlineData(IocType.Ipv6, "prevent", false)]
    [InlineData(IocType.Domain, "no_action", true)]
    [InlineData(IocType.Domain, "detect", true)]
    [InlineData(IocType.Domain, "prevent", false)]
    [InlineData(IocType.Sha256, "no_action", true)]
    [InlineData(IocType.Sha256, "allow", true)]
    [InlineData(IocType.Sha256, "detect", true)]
    [InlineData(IocType.Sha256, "prevent", true)]
    [InlineData(IocType.Sha256, "prevent_no_ui", false)]
    [InlineData(IocType.Md5, "prevent", true)]
    [InlineData(IocType.Md5, "prevent_no_ui", false)]
    [InlineData(IocType.Md5, null, false)]
    public void The_settings_accept_the_reference_connectors_narrower_lists(IocType type, string? action, bool allowed)
    {
        Assert.Equal(allowed, FalconRules.IsSettingActionAllowed(type, action));
    }

    [Theory]
    [InlineData("no_action", true)]
    [InlineData("allow", true)]
    [InlineData("detect", true)]
    [InlineData("prevent", true)]
    [InlineData("prevent_no_ui", false)]
    [InlineData("PREVENT", false)]
    [InlineData(null, false)]
    public void Mobile_actions_are_falcons_four(string? mobileAction, bool allowed)
    {
        Assert.Equal(allowed, FalconRules.IsMobileActionAllowed(mobileAction));
    }

    [Theory]
    [InlineData("informational", true)]
    [InlineData("low", true)]
    [InlineData("medium", true)]
    [InlineData("high", true)]
    [InlineData("critical", true)]
    [InlineData("info", false)]
    [InlineData("High", false)]
    [InlineData(null, false)]
    public void Severities_are_falcons_five(string? severity, bool valid)
    {
        Assert.Equal(valid, FalconRules.IsSeverity(severity));
    }

    [Theory]
    [InlineData("windows", false, true)]
    [InlineData("mac", false, true)]
    [InlineData("linux", false, true)]
    [InlineData("android", false, false)]
    [InlineData("ios", false, false)]
    [InlineData("android", true, true)]
    [InlineData("ios", true, true)]
    [InlineData("macos", true, false)]
    [InlineData("Windows", true, false)]
    [InlineData(null, true, false)]
    public void Platforms_are_falcons_and_mobile_needs_falcon_for_mobile(string? platform, bool mobile, bool allowed)
    {
        Assert.Equal(allowed, FalconRules.IsPlatformAllowed(platform, mobile));
    }

    [Fact]
    public void The_default_policy_is_valid()
    {
        Assert.Empty(FalconRules.ValidatePolicy(new IocPolicy()));
    }

    public static TheoryData<IocPolicy, string> InvalidPolicies => new()
    {
        { new IocPolicy { ActionOnIp = "allow" }, "CROWDSTRIKE_ACTION_ON_IP must be one of: no_action, detect; got 'allow'." },
        { new IocPolicy { ActionOnIp = "Detect" }, "CROWDSTRIKE_ACTION_ON_IP must be one of: no_action, detect; got 'Detect'." },
        { new IocPolicy { ActionOnDomain = "prevent" }, "CROWDSTRIKE_ACTION_ON_DOMAIN must be one of: no_action, detect; got 'prevent'." },
        { new IocPolicy { ActionOnHash = "prevent_no_ui" }, "CROWDSTRIKE_ACTION_ON_HASH must be one of: no_action, allow, detect, prevent; got 'prevent_no_ui'." },
        { new IocPolicy { ActionOnHash = "" }, "CROWDSTRIKE_ACTION_ON_HASH must be one of: no_action, allow, detect, prevent; got ''." },
        { new IocPolicy { DefaultSeverity = "urgent" }, "DefaultSeverity must be one of: informational, low, medium, high, critical; got 'urgent'." },
        { new IocPolicy { Source = " " }, "Source must not be empty (default 'OpenCTI IOC')." },
        { new IocPolicy { Source = new string('s', 201) }, "Source must be at most 200 characters, got 201." },
    };

    [Theory]
    [MemberData(nameof(InvalidPolicies))]
    public void An_invalid_policy_is_reported_by_setting_name(IocPolicy policy, string error)
    {
        Assert.Equal([error], FalconRules.ValidatePolicy(policy));
    }

    [Fact]
    public void Every_problem_of_a_policy_is_reported()
    {
        var policy = new IocPolicy { ActionOnIp = "x", ActionOnDomain = "y", ActionOnHash = "z", DefaultSeverity = "w" };

        Assert.Equal(4, FalconRules.ValidatePolicy(policy).Count);
    }

    public static TheoryData<string, string, string> AllowedSettingCombinations()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var ip in FalconRules.SettingActionsFor(IocType.Ipv4))
        {
            foreach (var domain in FalconRules.SettingActionsFor(IocType.Domain))
            {
                foreach (var hash in FalconRules.SettingActionsFor(IocType.Md5))
                {
                    data.Add(ip, domain, hash);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllowedSettingCombinations))]
    public void Every_policy_the_settings_allow_is_valid(string ip, string domain, string hash)
    {
        Assert.Empty(FalconRules.ValidatePolicy(new IocPolicy { ActionOnIp = ip, ActionOnDomain = domain, ActionOnHash = hash }));
    }

    [Fact]
    public void Every_setting_action_is_an_action_falcon_allows_for_the_type()
    {
        foreach (var type in Enum.GetValues<IocType>())
        {
            Assert.All(FalconRules.SettingActionsFor(type), action => Assert.True(FalconRules.IsActionAllowed(type, action)));
        }
    }

    private static readonly FalconIocFields ValidFields = new()
    {
        Action = "detect",
        MobileAction = "detect",
        Severity = "high",
        Platforms = ["linux", "mac", "windows"],
        Tags = ["c2"],
        Description = "d",
        Source = "OpenCTI IOC",
    };

    private const string Sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Theory]
    [InlineData(IocType.Domain, "evil.example")]
    [InlineData(IocType.Ipv4, "1.2.3.4")]
    [InlineData(IocType.Ipv6, "2001:db8::1")]
    [InlineData(IocType.Sha256, Sha256)]
    [InlineData(IocType.Md5, "d41d8cd98f00b204e9800998ecf8427e")]
    public void A_valid_ioc_passes_validation(IocType type, string value)
    {
        Assert.Empty(FalconRules.Validate(new IocKey(type, value), ValidFields, falconForMobileActive: false));
    }

    public static TheoryData<string, FalconIocFields, string> InvalidIocs => new()
    {
        { "evil.example", ValidFields with { Action = "prevent" }, "action 'prevent' is allowed for hashes only" },
        { "evil.example", ValidFields with { Action = "block" }, "action 'block' is not one of: no_action, allow, prevent_no_ui, prevent, detect" },
        { "evil.example", ValidFields with { MobileAction = "prevent_no_ui" }, "mobile_action 'prevent_no_ui' is not one of: no_action, allow, detect, prevent" },
        { "evil.example", ValidFields with { Severity = "" }, "severity is required" },
        { "evil.example", ValidFields with { Severity = "severe" }, "severity 'severe' is not one of: informational, low, medium, high, critical" },
        { "evil.example", ValidFields with { Platforms = [] }, "platforms must not be empty" },
        { "evil.example", ValidFields with { Platforms = ["android"] }, "platform 'android' needs Falcon for Mobile" },
        { "evil.example", ValidFields with { Platforms = ["macos"] }, "platform 'macos' is not one of: android, ios, linux, mac, windows" },
        { "evil.example", ValidFields with { Description = new string('d', 201) }, "description is longer than 200 characters (201)" },
        { "evil.example", ValidFields with { Source = new string('s', 201) }, "source is longer than 200 characters (201)" },
        { "Evil.Example", ValidFields, "value is not in normalised form (expected 'evil.example')" },
        { "evil example", ValidFields, "value is not a valid domain: domain contains a character that is not allowed: U+0020" },
    };

    [Theory]
    [MemberData(nameof(InvalidIocs))]
    public void Each_broken_rule_is_reported(string domain, FalconIocFields fields, string error)
    {
        Assert.Equal([error], FalconRules.Validate(new IocKey(IocType.Domain, domain), fields, falconForMobileActive: false));
    }

    [Fact]
    public void Mobile_platforms_pass_with_falcon_for_mobile()
    {
        var fields = ValidFields with { Platforms = ["android", "ios"] };

        Assert.Empty(FalconRules.Validate(new IocKey(IocType.Domain, "a.example"), fields, falconForMobileActive: true));
    }

    [Fact]
    public void A_hash_may_be_prevented()
    {
        var fields = ValidFields with { Action = "prevent_no_ui", MobileAction = "prevent" };

        Assert.Empty(FalconRules.Validate(new IocKey(IocType.Sha256, Sha256), fields, falconForMobileActive: false));
    }

    [Fact]
    public void An_uppercase_hash_is_not_normalised()
    {
        var errors = FalconRules.Validate(new IocKey(IocType.Sha256, Sha256.ToUpperInvariant()), ValidFields, false);

        Assert.Equal([$"value is not in normalised form (expected '{Sha256}')"], errors);
    }
}
