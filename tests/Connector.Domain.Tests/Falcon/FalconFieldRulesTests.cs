using Connector.Contracts;
using Connector.Domain.Falcon;

namespace Connector.Domain.Tests.Falcon;

public sealed class FalconFieldRulesTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly IocPolicy DefaultPolicy = new();

    private static readonly IndicatorAttributes Attributes = new()
    {
        Name = "evil.example",
        Description = "C2 domain",
        Score = 85,
        Platforms = ["windows", "linux"],
        Labels = ["c2", "apt"],
        ValidUntil = Now.AddDays(30),
    };

    [Fact]
    public void An_indicator_becomes_the_reference_body()
    {
        var decision = FalconFieldRules.Decide(IocType.Domain, Attributes, DefaultPolicy, Now);

        Assert.True(decision.IsEnforced);
        Assert.Equal(FieldDecisionKind.Enforce, decision.Kind);
        Assert.Null(decision.Reason);
        Assert.Equal(
            new FalconIocFields
            {
                Action = "detect",
                MobileAction = "detect",
                Severity = "critical",
                Platforms = ["linux", "windows"],
                Tags = ["apt", "c2"],
                Description = "C2 domain",
                Expiration = Now.AddDays(30),
                Source = "OpenCTI IOC",
            },
            decision.Fields);
    }

    [Theory]
    [InlineData(IocType.Ipv4, "no_action", "no_action")]
    [InlineData(IocType.Ipv6, "no_action", "no_action")]
    [InlineData(IocType.Domain, "detect", "detect")]
    [InlineData(IocType.Sha256, "prevent", "prevent")]
    [InlineData(IocType.Md5, "prevent", "prevent")]
    public void The_action_comes_from_the_policy_for_the_type(IocType type, string action, string mobileAction)
    {
        var policy = new IocPolicy { ActionOnIp = "no_action", ActionOnDomain = "detect", ActionOnHash = "prevent" };

        var fields = FalconFieldRules.Decide(type, Attributes, policy, Now).Fields!;

        Assert.Equal(action, fields.Action);
        Assert.Equal(mobileAction, fields.MobileAction);
    }

    [Theory]
    [InlineData("allow", "allow")]
    [InlineData("detect", "detect")]
    [InlineData("no_action", "no_action")]
    [InlineData("prevent_no_ui", "prevent")]
    public void The_mobile_action_maps_the_hash_action(string action, string mobileAction)
    {
        var fields = FalconFieldRules.Decide(IocType.Sha256, Attributes, new IocPolicy { ActionOnHash = action }, Now).Fields!;

        Assert.Equal(action, fields.Action);
        Assert.Equal(mobileAction, fields.MobileAction);
    }

    [Theory]
    [InlineData(0, "informational")]
    [InlineData(25, "low")]
    [InlineData(50, "medium")]
    [InlineData(75, "high")]
    [InlineData(100, "critical")]
    [InlineData(150, "critical")]
    public void The_severity_comes_from_the_score(int score, string severity)
    {
        var fields = FalconFieldRules.Decide(IocType.Domain, Attributes with { Score = score }, DefaultPolicy, Now).Fields!;

        Assert.Equal(severity, fields.Severity);
    }

    [Theory]
    [InlineData("medium")]
    [InlineData("high")]
    public void Fix_8_a_missing_score_gives_the_default_severity_never_null(string defaultSeverity)
    {
        var policy = new IocPolicy { DefaultSeverity = defaultSeverity };

        var fields = FalconFieldRules.Decide(IocType.Domain, Attributes with { Score = null }, policy, Now).Fields!;

        Assert.Equal(defaultSeverity, fields.Severity);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(-365 * 24 * 60)]
    public void Fix_8_a_valid_until_not_in_the_future_is_not_enforced(int minutesFromNow)
    {
        var decision = FalconFieldRules.Decide(IocType.Domain, Attributes with { ValidUntil = Now.AddMinutes(minutesFromNow) }, DefaultPolicy, Now);

        Assert.False(decision.IsEnforced);
        Assert.Equal(FieldDecisionKind.Expired, decision.Kind);
        Assert.Equal("expired", decision.Reason);
        Assert.Null(decision.Fields);
    }

    [Fact]
    public void The_expiration_is_valid_until_in_utc()
    {
        var validUntil = new DateTimeOffset(2025, 7, 1, 14, 30, 0, TimeSpan.FromHours(2));

        var fields = FalconFieldRules.Decide(IocType.Domain, Attributes with { ValidUntil = validUntil }, DefaultPolicy, Now).Fields!;

        Assert.Equal(validUntil, fields.Expiration);
        Assert.Equal(TimeSpan.Zero, fields.Expiration!.Value.Offset);
        Assert.Equal(12, fields.Expiration.Value.Hour);
    }

    [Fact]
    public void No_valid_until_means_no_expiration()
    {
        var fields = FalconFieldRules.Decide(IocType.Domain, Attributes with { ValidUntil = null }, DefaultPolicy, Now).Fields!;

        Assert.Null(fields.Expiration);
    }

    [Fact]
    public void Fix_8_unmappable_platforms_skip_the_ioc_instead_of_sending_none()
    {
        var decision = FalconFieldRules.Decide(IocType.Domain, Attributes with { Platforms = ["android", "network"] }, DefaultPolicy, Now);

        Assert.False(decision.IsEnforced);
        Assert.Equal(FieldDecisionKind.NoUsablePlatform, decision.Kind);
        Assert.StartsWith("no platform Falcon can use", decision.Reason, StringComparison.Ordinal);
        Assert.Equal(["android", "network"], decision.IgnoredPlatforms);
    }

    [Fact]
    public void Mobile_platforms_are_sent_with_falcon_for_mobile()
    {
        var policy = new IocPolicy { FalconForMobileActive = true };

        var decision = FalconFieldRules.Decide(IocType.Domain, Attributes with { Platforms = ["android", "iOS", "macos"] }, policy, Now);

        Assert.Equal(["android", "ios", "mac"], decision.Fields!.Platforms);
    }

    [Fact]
    public void Left_out_platforms_are_reported_with_an_enforced_decision()
    {
        var decision = FalconFieldRules.Decide(IocType.Domain, Attributes with { Platforms = ["android", "windows"] }, DefaultPolicy, Now);

        Assert.Equal(["windows"], decision.Fields!.Platforms);
        Assert.Equal(["android"], decision.IgnoredPlatforms);
    }

    [Fact]
    public void No_platforms_give_windows_mac_and_linux()
    {
        var fields = FalconFieldRules.Decide(IocType.Domain, Attributes with { Platforms = [] }, DefaultPolicy, Now).Fields!;

        Assert.Equal(["linux", "mac", "windows"], fields.Platforms);
    }

    [Fact]
    public void A_label_spelled_like_the_soft_delete_tag_never_becomes_a_tag()
    {
        var fields = FalconFieldRules.Decide(IocType.Domain, Attributes with { Labels = ["TO_DELETE", "c2"] }, DefaultPolicy, Now).Fields!;

        Assert.Equal(["c2"], fields.Tags);
        Assert.False(FalconFieldRules.IsDisarmed(fields));
    }

    public static TheoryData<string?, string?, string?> Descriptions => new()
    {
        { "C2 domain", "name", "C2 domain" },
        { "  padded  ", "name", "padded" },
        { null, "evil.example", "evil.example" },
        { "   ", "evil.example", "evil.example" },
        { null, null, null },
        { new string('d', 250), "name", new string('d', 199) + "…" },
        { null, new string('n', 250), new string('n', 199) + "…" },
    };

    [Theory]
    [MemberData(nameof(Descriptions))]
    public void The_description_is_the_description_or_else_the_name_cut_to_200(string? description, string? name, string? expected)
    {
        var fields = FalconFieldRules.Decide(IocType.Domain, Attributes with { Description = description, Name = name }, DefaultPolicy, Now).Fields!;

        Assert.Equal(expected, fields.Description);
    }

    [Theory]
    [InlineData("OpenCTI IOC", "OpenCTI IOC")]
    [InlineData("My source", "My source")]
    [InlineData("", "OpenCTI IOC")]
    public void The_source_is_the_policys(string source, string expected)
    {
        var fields = FalconFieldRules.Decide(IocType.Domain, Attributes, new IocPolicy { Source = source }, Now).Fields!;

        Assert.Equal(expected, fields.Source);
    }

    [Fact]
    public void A_source_longer_than_falcon_allows_is_cut()
    {
        var fields = FalconFieldRules.Decide(IocType.Domain, Attributes, new IocPolicy { Source = new string('s', 300) }, Now).Fields!;

        Assert.Equal(200, fields.Source.Length);
    }

    [Fact]
    public void Equal_inputs_give_equal_fields_whatever_the_list_order()
    {
        var a = FalconFieldRules.Decide(IocType.Domain, Attributes, DefaultPolicy, Now).Fields;
        var b = FalconFieldRules.Decide(
            IocType.Domain,
            Attributes with { Labels = ["apt", "c2", "apt"], Platforms = ["Linux", "windows"] },
            DefaultPolicy,
            Now).Fields;

        Assert.Equal(a, b);
    }

    [Fact]
    public void Every_enforced_decision_passes_falcons_validation()
    {
        foreach (var type in Enum.GetValues<IocType>())
        {
            foreach (var score in new int?[] { null, 0, 50, 100 })
            {
                var fields = FalconFieldRules.Decide(type, Attributes with { Score = score, Description = new string('x', 500) }, DefaultPolicy, Now).Fields!;
                var value = type switch
                {
                    IocType.Sha256 => new string('a', 64),
                    IocType.Md5 => new string('b', 32),
                    IocType.Ipv4 => "1.2.3.4",
                    IocType.Ipv6 => "::1",
                    _ => "a.example",
                };

                Assert.Empty(FalconRules.Validate(new IocKey(type, value), fields, falconForMobileActive: false));
            }
        }
    }

    [Fact]
    public void Fix_6_the_soft_delete_disarms_and_tags()
    {
        var fields = FalconFieldRules.Decide(IocType.Sha256, Attributes, new IocPolicy { ActionOnHash = "prevent" }, Now).Fields!;

        var disarmed = FalconFieldRules.Disarm(fields, DefaultPolicy);

        Assert.Equal(
            fields with { Action = "no_action", MobileAction = "no_action", Tags = ["TO_DELETE", "apt", "c2"] },
            disarmed);
        Assert.True(FalconFieldRules.IsDisarmed(disarmed));
    }

    [Fact]
    public void The_soft_delete_only_tags_when_the_policy_keeps_the_old_behaviour()
    {
        var fields = FalconFieldRules.Decide(IocType.Sha256, Attributes, new IocPolicy { ActionOnHash = "prevent" }, Now).Fields!;

        var disarmed = FalconFieldRules.Disarm(fields, new IocPolicy { SoftDeleteDisarms = false });

        Assert.Equal(fields with { Tags = ["TO_DELETE", "apt", "c2"] }, disarmed);
        Assert.Equal("prevent", disarmed.Action);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Disarming_twice_is_disarming_once(bool disarms)
    {
        var policy = new IocPolicy { SoftDeleteDisarms = disarms };
        var once = FalconFieldRules.Disarm(FalconFieldRules.Decide(IocType.Domain, Attributes, policy, Now).Fields!, policy);

        Assert.Equal(once, FalconFieldRules.Disarm(once, policy));
    }

    [Fact]
    public void A_new_claim_on_a_disarmed_ioc_yields_the_normal_fields_without_the_tag()
    {
        var wanted = FalconFieldRules.Decide(IocType.Domain, Attributes, DefaultPolicy, Now).Fields!;
        var disarmed = FalconFieldRules.Disarm(wanted, DefaultPolicy);

        var restored = FalconFieldRules.Decide(IocType.Domain, Attributes, DefaultPolicy, Now).Fields!;

        Assert.NotEqual(disarmed, restored);
        Assert.Equal(wanted, restored);
        Assert.False(FalconFieldRules.IsDisarmed(restored));
        Assert.DoesNotContain("TO_DELETE", restored.Tags);
        Assert.Equal("detect", restored.Action);
    }
}
