using Connector.Hosting.Settings;
using Connector.OpenCti.LiveStream;
using Connector.OpenCti.State;
using Connector.StreamIngest.Ingest;

namespace Connector.StreamIngest.Tests.Unit;

public sealed class StartPositionTests
{
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly ConnectorState FirstRun = ConnectorState.FirstRun(Now);

    [Fact]
    public void Without_settings_a_first_run_reads_from_the_start_and_recovers_until_now()
    {
        var state = StartPosition.From(new ConnectorOptions()).Resolve(FirstRun);

        Assert.Equal(StreamEventId.Zero, state.StartFrom);
        Assert.Equal(Now, state.RecoverUntil);
    }

    [Theory]
    [InlineData("1717236930123-7", 1717236930123, 7)]
    [InlineData("1717236930123", 1717236930123, 0)]
    [InlineData("0", 0, 0)]
    [InlineData("2024-06-01T09:00:00Z", 1717232400000, 0)]
    [InlineData("2024-06-01T11:00:00+02:00", 1717232400000, 0)]
    public void The_start_timestamp_setting_replaces_the_start_of_a_first_run(string setting, long milliseconds, long sequence)
    {
        var state = StartPosition.From(new ConnectorOptions { LiveStreamStartTimestamp = setting }).Resolve(FirstRun);

        Assert.Equal(new StreamEventId(milliseconds, sequence), state.StartFrom);
        Assert.Equal(Now, state.RecoverUntil);
    }

    [Fact]
    public void The_recover_date_setting_replaces_the_recover_date_of_a_first_run()
    {
        var state = StartPosition.From(new ConnectorOptions { LiveStreamRecoverIsoDate = "2024-05-01T00:00:00Z" }).Resolve(FirstRun);

        Assert.Equal(StreamEventId.Zero, state.StartFrom);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero), state.RecoverUntil);
    }

    [Fact]
    public void A_saved_position_wins_over_both_settings()
    {
        var saved = new ConnectorState(new StreamEventId(1717236930123, 2), Now.AddDays(-3));
        var options = new ConnectorOptions { LiveStreamStartTimestamp = "0", LiveStreamRecoverIsoDate = "2024-05-01T00:00:00Z" };

        Assert.Same(saved, StartPosition.From(options).Resolve(saved));
    }
}
