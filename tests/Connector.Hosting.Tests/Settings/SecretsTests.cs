using Connector.Hosting.Tests.Support;

namespace Connector.Hosting.Tests.Settings;

public sealed class SecretsTests
{
    private const string Token = "opencti-token-7d1e0c5b9a";
    private const string Password = "rabbit-password-4f8a2e";

    [Fact]
    public void Secrets_never_appear_in_validation_messages_even_when_every_other_setting_is_bad()
    {
        var environment = new Dictionary<string, string?>
        {
            ["OPENCTI_URL"] = $"not a url {Token}",
            ["OPENCTI_TOKEN"] = Token,
            ["CONNECTOR_ID"] = "x",
            ["CONNECTOR_LOG_LEVEL"] = "loud",
            ["RABBITMQ_HOST"] = "bad host",
            ["RABBITMQ_PORT"] = "0",
            ["RABBITMQ_USE_SSL"] = "perhaps",
            ["RABBITMQ_PASSWORD"] = Password,
            ["CROWDSTRIKE_ACTION_ON_IP"] = "prevent",
            ["METRICS_PORT"] = "x",
        };

        var failures = SettingsProbe.StartupFailures(environment, (services, configuration) =>
        {
            services.AddOpenCtiOptions(configuration);
            services.AddConnectorOptions(configuration);
            services.AddRabbitMqOptions(configuration);
            services.AddIocPolicyOptions(configuration);
            services.AddMetricsOptions(configuration);
        });

        Assert.True(failures.Count >= 8, string.Join(Environment.NewLine, failures));
        Assert.All(failures, failure =>
        {
            Assert.DoesNotContain(Token, failure, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, failure, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_url_with_credentials_is_not_echoed()
    {
        var failures = SettingsProbe.StartupFailures(
            new Dictionary<string, string?> { ["OPENCTI_URL"] = "ftp://admin:hunter2@opencti", ["OPENCTI_TOKEN"] = Token },
            (services, configuration) => services.AddOpenCtiOptions(configuration));

        var failure = Assert.Single(failures);
        Assert.DoesNotContain("hunter2", failure, StringComparison.Ordinal);
    }
}
