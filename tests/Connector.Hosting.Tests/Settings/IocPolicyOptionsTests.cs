using Connector.Contracts;
using Connector.Domain.Falcon;
using Connector.Hosting.Settings;
using Connector.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Hosting.Tests.Settings;

public sealed class IocPolicyOptionsTests
{
    private static IReadOnlyList<string> Failures(Dictionary<string, string?> environment) =>
        SettingsProbe.StartupFailures(environment, (services, configuration) => services.AddIocPolicyOptions(configuration));

    [Fact]
    public void Defaults_match_the_python_connector_plus_the_safer_soft_delete()
    {
        var options = SettingsProbe.Bind<IocPolicyOptions>([], (services, configuration) => services.AddIocPolicyOptions(configuration));

        Assert.Equal("detect", options.ActionOnIp);
        Assert.Equal("detect", options.ActionOnDomain);
        Assert.Equal("detect", options.ActionOnHash);
        Assert.False(options.FalconForMobileActive);
        Assert.False(options.PermanentDelete);
        Assert.Equal("medium", options.DefaultSeverity);
        Assert.Equal("no_action", options.SoftDeleteAction);
        Assert.Empty(Failures([]));
    }

    public static TheoryData<string, string, string> BadValues => new()
    {
        {
            "CROWDSTRIKE_ACTION_ON_IP", "prevent",
            "CROWDSTRIKE_ACTION_ON_IP (crowdstrike.action_on_ip) is 'prevent', but Falcon allows only no_action or detect for IP addresses: set it to one of those (default detect)."
        },
        {
            "CROWDSTRIKE_ACTION_ON_DOMAIN", "allow",
            "CROWDSTRIKE_ACTION_ON_DOMAIN (crowdstrike.action_on_domain) is 'allow', but Falcon allows only no_action or detect for domains: set it to one of those (default detect)."
        },
        {
            "CROWDSTRIKE_ACTION_ON_HASH", "block",
            "CROWDSTRIKE_ACTION_ON_HASH (crowdstrike.action_on_hash) is 'block', but Falcon allows only no_action, allow, detect or prevent for hashes: set it to one of those (default detect)."
        },
        {
            "CROWDSTRIKE_DEFAULT_SEVERITY", "severe",
            "CROWDSTRIKE_DEFAULT_SEVERITY (crowdstrike.default_severity) is 'severe': set it to informational, low, medium (the default), high or critical."
        },
        {
            "CROWDSTRIKE_SOFT_DELETE_ACTION", "detect",
            "CROWDSTRIKE_SOFT_DELETE_ACTION (crowdstrike.soft_delete_action) is 'detect': set it to no_action (the default: a soft-deleted IOC stops detecting and is tagged TO_DELETE) or keep (the Python connector's behaviour: only the tag, the IOC keeps its action)."
        },
        {
            "CROWDSTRIKE_FALCON_FOR_MOBILE_ACTIVE", "perhaps",
            $"CROWDSTRIKE_FALCON_FOR_MOBILE_ACTIVE (crowdstrike.falcon_for_mobile_active) must be {FlexibleBoolean.Accepted}, got 'perhaps'."
        },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void A_bad_value_is_refused_with_a_message_naming_the_setting_and_the_fix(string variable, string value, string expected)
    {
        Assert.Equal([expected], Failures(new() { [variable] = value }));
    }

    [Theory]
    [InlineData("CROWDSTRIKE_ACTION_ON_IP", "no_action")]
    [InlineData("CROWDSTRIKE_ACTION_ON_DOMAIN", "Detect")]
    [InlineData("CROWDSTRIKE_ACTION_ON_HASH", "prevent")]
    [InlineData("CROWDSTRIKE_ACTION_ON_HASH", "allow")]
    [InlineData("CROWDSTRIKE_DEFAULT_SEVERITY", "critical")]
    [InlineData("CROWDSTRIKE_SOFT_DELETE_ACTION", "keep")]
    public void Values_falcon_accepts_pass(string variable, string value)
    {
        Assert.Empty(Failures(new() { [variable] = value }));
    }

    [Fact]
    public void Permanent_delete_without_listen_delete_is_refused_naming_both_settings()
    {
        var failures = Failures(new()
        {
            ["CROWDSTRIKE_PERMANENT_DELETE"] = "true",
            ["CONNECTOR_LIVE_STREAM_LISTEN_DELETE"] = "False",
        });

        Assert.Equal(
            [
                "CROWDSTRIKE_PERMANENT_DELETE (crowdstrike.permanent_delete) is true, which needs CONNECTOR_LIVE_STREAM_LISTEN_DELETE "
                + "(connector.live_stream_listen_delete) true as well: deletions reach the connector only as delete events. "
                + "Set CONNECTOR_LIVE_STREAM_LISTEN_DELETE=true, or CROWDSTRIKE_PERMANENT_DELETE=false.",
            ],
            failures);
    }

    [Theory]
    [InlineData("true", null)]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    public void Permanent_delete_with_listen_delete_or_soft_delete_pass(string permanentDelete, string? listenDelete)
    {
        var environment = new Dictionary<string, string?> { ["CROWDSTRIKE_PERMANENT_DELETE"] = permanentDelete };
        if (listenDelete is not null)
        {
            environment["CONNECTOR_LIVE_STREAM_LISTEN_DELETE"] = listenDelete;
        }

        Assert.Empty(Failures(environment));
    }

    [Fact]
    public void To_policy_carries_every_choice_lowercased()
    {
        var options = new IocPolicyOptions
        {
            ActionOnIp = "No_Action",
            ActionOnDomain = "detect",
            ActionOnHash = "PREVENT",
            FalconForMobileActive = true,
            PermanentDelete = true,
            DefaultSeverity = "High",
            SoftDeleteAction = "keep",
        };

        var policy = options.ToPolicy();

        Assert.Equal("no_action", policy.ActionFor(IocType.Ipv4));
        Assert.Equal("no_action", policy.ActionFor(IocType.Ipv6));
        Assert.Equal("detect", policy.ActionFor(IocType.Domain));
        Assert.Equal("prevent", policy.ActionFor(IocType.Sha256));
        Assert.True(policy.FalconForMobileActive);
        Assert.True(policy.PermanentDelete);
        Assert.Equal("high", policy.DefaultSeverity);
        Assert.False(policy.SoftDeleteDisarms);
        Assert.Equal(IocPolicy.DefaultSource, policy.Source);
    }

    [Theory]
    [InlineData("no_action", true)]
    [InlineData("keep", false)]
    public void Soft_delete_action_decides_whether_a_soft_delete_disarms(string softDeleteAction, bool disarms)
    {
        Assert.Equal(disarms, new IocPolicyOptions { SoftDeleteAction = softDeleteAction }.ToPolicy().SoftDeleteDisarms);
    }

    [Fact]
    public void The_policy_is_registered_from_the_settings()
    {
        var configuration = SettingsProbe.Configuration(new Dictionary<string, string?> { ["CROWDSTRIKE_ACTION_ON_HASH"] = "prevent" });
        var services = new ServiceCollection();
        services.AddIocPolicyOptions(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.Equal("prevent", provider.GetRequiredService<IocPolicy>().ActionOnHash);
    }
}
