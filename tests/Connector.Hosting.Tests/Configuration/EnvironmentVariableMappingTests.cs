using System.Collections;
using Connector.Hosting.Configuration;
using Microsoft.Extensions.Configuration;

namespace Connector.Hosting.Tests.Configuration;

public sealed class EnvironmentVariableMappingTests
{
    [Theory]
    [InlineData("OPENCTI_URL", "opencti:url")]
    [InlineData("OPENCTI_TOKEN", "opencti:token")]
    [InlineData("CONNECTOR_ID", "connector:id")]
    [InlineData("CONNECTOR_LIVE_STREAM_ID", "connector:live_stream_id")]
    [InlineData("CONNECTOR_LIVE_STREAM_LISTEN_DELETE", "connector:live_stream_listen_delete")]
    [InlineData("CROWDSTRIKE_CLIENT_ID", "crowdstrike:client_id")]
    [InlineData("CROWDSTRIKE_ACTION_ON_HASH", "crowdstrike:action_on_hash")]
    [InlineData("METRICS_ENABLE", "metrics:enable")]
    [InlineData("METRICS_PORT", "metrics:port")]
    [InlineData("RABBITMQ_USE_SSL", "rabbitmq:use_ssl")]
    [InlineData("RABBITMQ_HOST", "rabbitmq:host")]
    public void Connector_variables_map_to_section_and_lowercase_key(string variable, string expectedKey)
    {
        Assert.True(ConnectorEnvironmentVariables.TryMapToKey(variable, out var key));
        Assert.Equal(expectedKey, key);
    }

    [Theory]
    [InlineData("PATH")]
    [InlineData("HOME")]
    [InlineData("ASPNETCORE_URLS")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT")]
    [InlineData("OPENCTI")]
    [InlineData("METRICS_")]
    [InlineData("CONNECTORID")]
    public void Other_variables_are_not_mapped(string variable)
    {
        Assert.False(ConnectorEnvironmentVariables.TryMapToKey(variable, out _));
    }

    [Fact]
    public void Provider_reads_only_connector_variables_from_the_given_environment()
    {
        var environment = new Hashtable
        {
            ["OPENCTI_URL"] = "http://opencti:8080",
            ["CROWDSTRIKE_PERMANENT_DELETE"] = "True",
            ["HOME"] = "/root",
        };

        var configuration = new ConfigurationBuilder()
            .Add(new ConnectorEnvironmentConfigurationSource { Environment = environment })
            .Build();

        Assert.Equal("http://opencti:8080", configuration["opencti:url"]);
        Assert.Equal("True", configuration["crowdstrike:permanent_delete"]);
        Assert.Null(configuration["HOME"]);
        Assert.Equal(2, configuration.AsEnumerable().Count(pair => pair.Value is not null));
    }
}
