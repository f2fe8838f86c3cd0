using Connector.Hosting.Settings;
using Connector.StreamIngest.Settings;

namespace Connector.StreamIngest.Tests.Unit;

public sealed class OpenCtiClientSettingsTests
{
    [Theory]
    [InlineData(true, true, false)]
    [InlineData(false, false, true)]
    public void The_live_stream_flags_come_from_the_connector_settings(bool listenDelete, bool noDependencies, bool withInferences)
    {
        var settings = OpenCtiClientSettings.LiveStream(new ConnectorOptions
        {
            LiveStreamId = " live-1 ",
            LiveStreamListenDelete = listenDelete,
            LiveStreamNoDependencies = noDependencies,
            LiveStreamWithInferences = withInferences,
        });

        Assert.Equal("live-1", settings.StreamId);
        Assert.Equal(listenDelete, settings.ListenDelete);
        Assert.Equal(noDependencies, settings.NoDependencies);
        Assert.Equal(withInferences, settings.WithInferences);
    }

    [Fact]
    public void The_identity_and_connection_come_from_the_validated_settings()
    {
        var identity = OpenCtiClientSettings.Identity(new ConnectorOptions { Id = "5b0f4f0e-3c1d-4a8e-9a55-2f1f6c7d8e90", Name = "Mine", Scope = "crowdstrike,other" });
        var connection = OpenCtiClientSettings.Connection(new OpenCtiOptions { Url = "https://cti.example/platform", Token = "secret-token" });

        Assert.Equal("5b0f4f0e-3c1d-4a8e-9a55-2f1f6c7d8e90", identity.Id);
        Assert.Equal("Mine", identity.Name);
        Assert.Equal(["crowdstrike", "other"], identity.ScopeList);
        Assert.Equal(new Uri("https://cti.example/platform/"), connection.BaseAddress);
        Assert.Equal("secret-token", connection.Token);
    }
}
