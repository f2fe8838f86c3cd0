using Connector.OpenCti.State;
using Connector.OpenCti.LiveStream;

namespace Connector.OpenCti.Tests.Unit;

public sealed class ConnectorStateTests
{
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 10, 15, 30, 123, TimeSpan.Zero);

    [Fact]
    public void Serialises_exactly_as_the_python_client_keeps_it()
    {
        var state = new ConnectorState(StreamEventId.Parse("1717236930123-4"), Now);

        Assert.Equal("""{"start_from":"1717236930123-4","recover_until":"2024-06-01T10:15:30.123Z"}""", state.ToJson());
    }

    [Fact]
    public void Serialises_a_missing_recover_date_as_null()
    {
        var state = new ConnectorState(StreamEventId.Parse("5-0"), null);

        Assert.Equal("""{"start_from":"5-0","recover_until":null}""", state.ToJson());
    }

    [Fact]
    public void Round_trips_through_json()
    {
        var state = new ConnectorState(StreamEventId.Parse("1717236930123-4"), Now);

        Assert.True(ConnectorState.TryParse(state.ToJson(), out var parsed));
        Assert.Equal(state, parsed);
    }

    [Fact]
    public void A_first_run_starts_at_zero_and_recovers_until_now()
    {
        var state = ConnectorState.FirstRun(Now.AddTicks(1234));

        Assert.Equal(StreamEventId.Zero, state.StartFrom);
        Assert.Equal(Now, state.RecoverUntil);
        Assert.True(state.IsRecovering);
        Assert.Equal("""{"start_from":"0-0","recover_until":"2024-06-01T10:15:30.123Z"}""", state.ToJson());
    }

    [Theory]
    [InlineData("0-0", true)]
    [InlineData("1717000000000-0", true)]
    [InlineData("1717236930123-0", true)]
    [InlineData("1717236930123-9", true)]
    [InlineData("1717236930124-0", false)]
    [InlineData("1800000000000-0", false)]
    public void Recovery_lasts_until_the_position_passes_the_recover_date(string position, bool recovering)
    {
        var state = new ConnectorState(StreamEventId.Parse(position), Now);

        Assert.Equal(recovering, state.IsRecovering);
    }

    [Fact]
    public void Without_a_recover_date_there_is_no_recovery()
    {
        Assert.False(new ConnectorState(StreamEventId.Zero, null).IsRecovering);
    }

    [Fact]
    public void Advancing_keeps_the_recover_date()
    {
        var state = ConnectorState.FirstRun(Now).AdvanceTo(StreamEventId.Parse("7-0"));

        Assert.Equal(StreamEventId.Parse("7-0"), state.StartFrom);
        Assert.Equal(Now, state.RecoverUntil);
    }

    [Theory]
    [InlineData("""{"start_from":"1717236930123-4","recover_until":"2024-06-01T10:15:30.123Z"}""", "1717236930123-4", "2024-06-01T10:15:30.1230000+00:00")]
    [InlineData("""{"start_from":"1717236930123-4","recover_until":"2024-06-01T10:15:30Z"}""", "1717236930123-4", "2024-06-01T10:15:30.0000000+00:00")]
    [InlineData("""{"start_from":"1717236930123-4","recover_until":"2024-06-01T12:15:30+02:00"}""", "1717236930123-4", "2024-06-01T10:15:30.0000000+00:00")]
    [InlineData("""{"start_from":"0-0","recover_until":null}""", "0-0", null)]
    [InlineData("""{"start_from":"9-1"}""", "9-1", null)]
    [InlineData("""{"start_from":"9-1","recover_until":"no"}""", "9-1", null)]
    [InlineData("""{"start_from":"9-1","recover_until":false}""", "9-1", null)]
    [InlineData("""{"connectorLastEventId":"9-1","connectorStartTime":"2024-06-01T10:15:30Z"}""", "9-1", "2024-06-01T10:15:30.0000000+00:00")]
    [InlineData("""{"start_from":"2024-06-01T10:15:30.123Z","recover_until":null}""", "1717236930123-0", null)]
    public void Reads_saved_states_including_older_python_formats(string json, string startFrom, string? recoverUntil)
    {
        Assert.True(ConnectorState.TryParse(json, out var state));
        Assert.Equal(StreamEventId.Parse(startFrom), state.StartFrom);
        Assert.Equal(recoverUntil is null ? null : DateTimeOffset.Parse(recoverUntil, System.Globalization.CultureInfo.InvariantCulture), state.RecoverUntil);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("not json")]
    [InlineData("""{"start_from":"garbage"}""")]
    [InlineData("""{"start_from":12}""")]
    public void No_state_or_an_unreadable_one_is_not_a_state(string? json)
    {
        Assert.False(ConnectorState.TryParse(json, out var state));
        Assert.Null(state);
    }
}
