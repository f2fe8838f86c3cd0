using Connector.OpenCti.GraphQl;
using Connector.OpenCti.LiveStream;
using Connector.OpenCti.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.OpenCti.Tests.Unit;

public sealed class OpenCtiConfigurationTests
{
    private static readonly Dictionary<string, string?> Complete = new()
    {
        ["opencti:url"] = "http://opencti:8080",
        ["opencti:token"] = "token-value-123",
        ["connector:id"] = "8f3c2f4e-6a39-4cde-9f4b-0a8c2b1e7d55",
        ["connector:live_stream_id"] = "live-1",
    };

    [Fact]
    public void Reads_the_python_connectors_settings_with_its_defaults()
    {
        var configuration = Build(Complete);

        var connection = OpenCtiConfiguration.ReadConnection(configuration);
        var identity = OpenCtiConfiguration.ReadIdentity(configuration);
        var stream = OpenCtiConfiguration.ReadLiveStream(configuration);

        Assert.Equal(new Uri("http://opencti:8080/"), connection.BaseAddress);
        Assert.Equal("token-value-123", connection.Token);
        Assert.Equal("8f3c2f4e-6a39-4cde-9f4b-0a8c2b1e7d55", identity.Id);
        Assert.Equal("CrowdStrike Endpoint Security", identity.Name);
        Assert.Equal(["crowdstrike"], identity.ScopeList);
        Assert.Equal("live-1", stream.StreamId);
        Assert.True(stream.ListenDelete);
        Assert.True(stream.NoDependencies);
        Assert.False(stream.WithInferences);
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("no", false)]
    [InlineData("true", true)]
    [InlineData("yes", true)]
    public void Reads_flags_in_the_python_spellings(string value, bool expected)
    {
        var configuration = Build(new(Complete) { ["connector:live_stream_listen_delete"] = value, ["connector:live_stream_no_dependencies"] = value });

        var stream = OpenCtiConfiguration.ReadLiveStream(configuration);

        Assert.Equal(expected, stream.ListenDelete);
        Assert.Equal(expected, stream.NoDependencies);
    }

    [Theory]
    [InlineData("opencti:url", "OPENCTI_URL")]
    [InlineData("opencti:token", "OPENCTI_TOKEN")]
    public void A_missing_connection_setting_names_the_variable(string key, string variable)
    {
        var configuration = Build(new(Complete) { [key] = null });

        var exception = Assert.Throws<InvalidOperationException>(() => OpenCtiConfiguration.ReadConnection(configuration));

        Assert.Contains(variable, exception.Message, StringComparison.Ordinal);
        Assert.Contains(key, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("connector:id", "CONNECTOR_ID")]
    [InlineData("connector:live_stream_id", "CONNECTOR_LIVE_STREAM_ID")]
    public void A_missing_connector_setting_names_the_variable(string key, string variable)
    {
        var configuration = Build(new(Complete) { [key] = "  " });

        var exception = Assert.Throws<InvalidOperationException>(() =>
        {
            OpenCtiConfiguration.ReadIdentity(configuration);
            OpenCtiConfiguration.ReadLiveStream(configuration);
        });

        Assert.Contains(variable, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("opencti:8080")]
    [InlineData("ftp://opencti")]
    [InlineData("not a url")]
    public void An_unusable_url_is_refused_with_an_example(string url)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => OpenCtiConfiguration.ReadConnection(Build(new(Complete) { ["opencti:url"] = url })));

        Assert.Contains("OPENCTI_URL", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flag_that_is_not_a_boolean_is_refused()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => OpenCtiConfiguration.ReadLiveStream(Build(new(Complete) { ["connector:live_stream_listen_delete"] = "maybe" })));

        Assert.Contains("CONNECTOR_LIVE_STREAM_LISTEN_DELETE", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_token_never_shows_in_the_connections_text()
    {
        var connection = new OpenCtiConnection(new Uri("http://opencti:8080"), "token-value-123");

        Assert.DoesNotContain("token-value-123", connection.ToString(), StringComparison.Ordinal);
        Assert.Contains("http://opencti:8080", connection.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://opencti:8080", "http://opencti:8080/graphql")]
    [InlineData("http://host/opencti", "http://host/opencti/graphql")]
    [InlineData("http://host/opencti/", "http://host/opencti/graphql")]
    public void A_path_prefix_in_the_url_is_kept(string url, string graphQl)
    {
        var connection = new OpenCtiConnection(new Uri(url), "t");

        Assert.Equal(new Uri(graphQl), new Uri(connection.BaseAddress, "graphql"));
    }

    [Theory]
    [InlineData("crowdstrike", new[] { "crowdstrike" })]
    [InlineData("crowdstrike, falcon ,", new[] { "crowdstrike", "falcon" })]
    [InlineData("", new string[0])]
    public void The_scope_is_split_on_commas(string scope, string[] expected)
    {
        Assert.Equal(expected, new ConnectorIdentity("id", "name", scope).ScopeList);
    }

    [Fact]
    public void AddOpenCti_wires_every_piece_from_configuration()
    {
        var services = new ServiceCollection().AddLogging();

        services.AddOpenCti(Build(Complete));
        using var provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<OpenCtiGraphQlClient>());
        Assert.Equal("live-1", provider.GetRequiredService<LiveStreamClient>().Settings.StreamId);
        Assert.Same(provider.GetRequiredService<ConnectorStateKeeper>(), provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ConnectorStateKeeper>().Single());
        var streamHttp = provider.GetRequiredService<IHttpClientFactory>().CreateClient(LiveStreamClient.HttpClientName);
        Assert.Equal(Timeout.InfiniteTimeSpan, streamHttp.Timeout);
    }

    private static IConfiguration Build(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
