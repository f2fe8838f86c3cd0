using Connector.Hosting.Settings;
using Connector.Hosting.Tests.Support;

namespace Connector.Hosting.Tests.Settings;

public sealed class SettingsBindingTests
{
    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("TRUE", true)]
    [InlineData(" true ", true)]
    [InlineData("yes", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("no", false)]
    [InlineData("0", false)]
    public void Booleans_are_read_as_python_and_people_write_them(string text, bool expected)
    {
        var metrics = SettingsProbe.Bind<MetricsOptions>(
            new Dictionary<string, string?> { ["METRICS_ENABLE"] = text },
            (services, configuration) => services.AddMetricsOptions(configuration));

        Assert.Equal(expected, metrics.Enable);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("2")]
    [InlineData("enabled")]
    public void An_unreadable_boolean_fails_the_start_naming_the_setting_and_the_accepted_values(string text)
    {
        var failures = SettingsProbe.StartupFailures(
            new Dictionary<string, string?> { ["METRICS_ENABLE"] = text },
            (services, configuration) => services.AddMetricsOptions(configuration));

        var failure = Assert.Single(failures);
        Assert.Equal($"METRICS_ENABLE (metrics.enable) must be {FlexibleBoolean.Accepted}, got '{text}'.", failure);
    }

    [Fact]
    public void A_yaml_boolean_in_python_spelling_is_read()
    {
        var policy = SettingsProbe.Bind<IocPolicyOptions>(
            new Dictionary<string, string?>(),
            (services, configuration) => services.AddIocPolicyOptions(configuration),
            "crowdstrike:\n  permanent_delete: True\n  falcon_for_mobile_active: yes\n");

        Assert.True(policy.PermanentDelete);
        Assert.True(policy.FalconForMobileActive);
    }

    [Fact]
    public void Every_unreadable_value_is_reported_not_only_the_first()
    {
        var failures = SettingsProbe.StartupFailures(
            new Dictionary<string, string?>
            {
                ["RABBITMQ_PORT"] = "amqp",
                ["RABBITMQ_USE_SSL"] = "sometimes",
                ["RABBITMQ_PREFETCH_COUNT"] = "1.5",
            },
            (services, configuration) => services.AddRabbitMqOptions(configuration));

        Assert.Equal(
            [
                "RABBITMQ_PORT (rabbitmq.port) must be a whole number, got 'amqp'.",
                $"RABBITMQ_USE_SSL (rabbitmq.use_ssl) must be {FlexibleBoolean.Accepted}, got 'sometimes'.",
                "RABBITMQ_PREFETCH_COUNT (rabbitmq.prefetch_count) must be a whole number, got '1.5'.",
            ],
            failures);
    }

    [Fact]
    public void Defaults_apply_when_nothing_is_set()
    {
        var connector = SettingsProbe.Bind<ConnectorOptions>(
            new Dictionary<string, string?>(),
            (services, configuration) => services.AddConnectorLoggingOptions(configuration));

        Assert.Equal("CrowdStrike Endpoint Security", connector.Name);
        Assert.Equal("crowdstrike", connector.Scope);
        Assert.Equal("info", connector.LogLevel);
        Assert.Equal("json", connector.LogFormat);
        Assert.True(connector.LiveStreamListenDelete);
        Assert.True(connector.LiveStreamNoDependencies);
        Assert.False(connector.LiveStreamWithInferences);
        Assert.Null(connector.Id);
        Assert.Null(connector.LiveStreamId);
        Assert.Null(connector.LiveStreamStartTimestamp);
    }
}
