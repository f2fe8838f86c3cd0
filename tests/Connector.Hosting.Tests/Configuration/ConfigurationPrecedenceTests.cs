using System.Collections;
using Connector.Hosting.Configuration;
using Connector.Hosting.Settings;
using Connector.Hosting.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Connector.Hosting.Tests.Configuration;

public sealed class ConfigurationPrecedenceTests
{
    private const string Yaml =
        """
        metrics:
          enable: true
          port: 9200
        rabbitmq:
          host: broker-from-yaml
        """;

    [Fact]
    public void Environment_wins_over_yaml_which_wins_over_defaults()
    {
        var metrics = SettingsProbe.Bind<MetricsOptions>(
            new Dictionary<string, string?> { ["METRICS_PORT"] = "9300" },
            (services, configuration) => services.AddMetricsOptions(configuration),
            Yaml);

        Assert.Equal(9300, metrics.Port);        // environment
        Assert.True(metrics.Enable);             // config.yml
        Assert.Equal("0.0.0.0", metrics.Addr);   // default
    }

    [Fact]
    public void Without_environment_the_yaml_value_is_used()
    {
        var rabbit = SettingsProbe.Bind<RabbitMqOptions>(
            new Dictionary<string, string?>(),
            (services, configuration) => services.AddRabbitMqOptions(configuration),
            Yaml);

        Assert.Equal("broker-from-yaml", rabbit.Host);
        Assert.Equal(5672, rabbit.Port);
    }

    [Fact]
    public void An_empty_environment_value_counts_as_unset()
    {
        var metrics = SettingsProbe.Bind<MetricsOptions>(
            new Dictionary<string, string?> { ["METRICS_PORT"] = "" },
            (services, configuration) => services.AddMetricsOptions(configuration),
            Yaml);

        Assert.Equal(9200, metrics.Port);
    }

    [Fact]
    public void Command_line_still_wins_over_the_connector_sources()
    {
        using var directory = new TempDirectory();
        directory.Write("config.yml", Yaml);
        var builder = new ConfigurationBuilder().AddCommandLine(["--metrics:port=9400"]);

        var configuration = builder
            .AddConnectorConfiguration(new Hashtable { ["METRICS_PORT"] = "9300" }, directory.Path)
            .Build();

        Assert.Equal("9400", configuration["metrics:port"]);
        Assert.IsType<ConnectorYamlConfigurationSource>(builder.Sources[0]);
        Assert.IsType<ConnectorEnvironmentConfigurationSource>(builder.Sources[1]);
    }

    [Fact]
    public void Config_file_variable_names_another_file_relative_to_the_working_directory()
    {
        using var directory = new TempDirectory();
        directory.Write("config.yml", "metrics:\n  port: 1111\n");
        Directory.CreateDirectory(Path.Combine(directory.Path, "conf"));
        directory.Write(Path.Combine("conf", "other.yml"), "metrics:\n  port: 2222\n");

        var configuration = new ConfigurationBuilder()
            .AddConnectorConfiguration(new Hashtable { ["CONNECTOR_CONFIG_FILE"] = "conf/other.yml" }, directory.Path)
            .Build();

        Assert.Equal("2222", configuration["metrics:port"]);
    }

    [Fact]
    public void A_missing_default_file_is_fine()
    {
        using var directory = new TempDirectory();

        var builder = new ConfigurationBuilder().AddConnectorConfiguration(new Hashtable(), directory.Path);
        var configuration = builder.Build();

        var yaml = Assert.IsType<ConnectorYamlConfigurationSource>(builder.Sources[0]);
        Assert.False(yaml.Exists);
        Assert.Equal(Path.Combine(directory.Path, "config.yml"), yaml.Path);
        Assert.Null(configuration["metrics:port"]);
    }

    [Fact]
    public void A_missing_file_named_explicitly_is_an_error_that_says_so()
    {
        using var directory = new TempDirectory();
        var builder = new ConfigurationBuilder();

        var error = Assert.Throws<ConfigurationFileException>(
            () => builder.AddConnectorConfiguration(new Hashtable { ["CONNECTOR_CONFIG_FILE"] = "nowhere.yml" }, directory.Path));

        Assert.Contains("CONNECTOR_CONFIG_FILE", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(directory.Path, "nowhere.yml"), error.Message, StringComparison.Ordinal);
        Assert.Empty(builder.Sources);
    }

    [Fact]
    public void A_malformed_file_fails_before_any_source_is_added()
    {
        using var directory = new TempDirectory();
        var file = directory.Write("config.yml", "opencti:\n  url: [unclosed\n");
        var builder = new ConfigurationBuilder();

        var error = Assert.Throws<ConfigurationFileException>(() => builder.AddConnectorConfiguration(new Hashtable(), directory.Path));

        Assert.Equal(file, error.Path);
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.Empty(builder.Sources);
    }
}
