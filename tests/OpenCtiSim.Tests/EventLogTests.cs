using Microsoft.Extensions.Time.Testing;
using OpenCtiSim.Events;
using OpenCtiSim.Tests.Support;

namespace OpenCtiSim.Tests;

public sealed class EventLogTests
{
    [Theory]
    [InlineData("0-0", 0, 0)]
    [InlineData("1717236930123-0", 1717236930123, 0)]
    [InlineData("1717236930123-17", 1717236930123, 17)]
    [InlineData("1717236930123", 1717236930123, 0)]
    public void Stream_ids_parse_and_print_as_redis_ids(string text, long ms, long seq)
    {
        var id = StreamEventId.Parse(text);

        Assert.Equal(new StreamEventId(ms, seq), id);
        Assert.Equal(text.Contains('-', StringComparison.Ordinal) ? text : $"{text}-0", id.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1-")]
    [InlineData("-1")]
    [InlineData("2024-06-01T10:15:30Z")]
    public void Non_ids_do_not_parse(string text) => Assert.False(StreamEventId.TryParse(text, out _));

    [Fact]
    public void Ids_order_by_millisecond_then_sequence()
    {
        Assert.True(new StreamEventId(5, 9) < new StreamEventId(6, 0));
        Assert.True(new StreamEventId(6, 1) > new StreamEventId(6, 0));
    }

    [Fact]
    public void Events_in_the_same_millisecond_get_increasing_sequences_and_a_new_millisecond_restarts_at_zero()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 6, 1, 10, 15, 30, 123, TimeSpan.Zero));
        var platform = new OpenCtiSimPlatform(new OpenCtiSimOptions { TimeProvider = time });

        platform.AddIndicator(Sim.Ipv4("198.51.100.1"));
        var first = platform.LastEventId;
        platform.AddIndicator(Sim.Ipv4("198.51.100.2"));
        var second = platform.LastEventId;
        time.Advance(TimeSpan.FromMilliseconds(1));
        platform.AddIndicator(Sim.Ipv4("198.51.100.3"));

        Assert.Equal(new StreamEventId(1717236930123, 0), first);
        Assert.Equal(new StreamEventId(1717236930123, 1), second);
        Assert.Equal(new StreamEventId(1717236930124, 0), platform.LastEventId);
    }

    [Fact]
    public void An_idle_id_handed_out_makes_the_next_event_in_that_millisecond_sort_after_it()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 6, 1, 10, 15, 30, 123, TimeSpan.Zero));
        var platform = new OpenCtiSimPlatform(new OpenCtiSimOptions { TimeProvider = time });
        platform.AddIndicator(Sim.Ipv4("198.51.100.1"));
        time.Advance(TimeSpan.FromMilliseconds(5));

        var idle = platform.Log.IdleId();
        platform.AddIndicator(Sim.Ipv4("198.51.100.2"));

        Assert.Equal(new StreamEventId(1717236930128, 0), idle);
        Assert.True(platform.LastEventId > idle);
    }

    [Fact]
    public void Internal_and_legacy_events_are_logged_but_not_streamable()
    {
        var platform = new OpenCtiSimPlatform();
        platform.RegisterTestConnector();
        var legacy = platform.AppendLegacyEvent("create");
        var events = new List<StreamEvent>();

        platform.Log.ReadAfter(StreamEventId.Zero, 100, events);

        Assert.Contains(legacy, events);
        Assert.All(events, e => Assert.False(e.IsStreamable));
    }

    [Fact]
    public void Trimming_by_count_keeps_the_newest_events()
    {
        var platform = new OpenCtiSimPlatform();
        platform.GenerateIndicators(10);
        var last = platform.LastEventId;

        var removed = platform.TrimHistoryToCount(3);

        Assert.Equal(7, removed);
        Assert.Equal(3, platform.EventCount);
        Assert.Equal(last, platform.LastEventId);
    }
}

internal static class PlatformTestExtensions
{
    // Registers a connector through the internal API, which logs an internal-scope event.
    public static void RegisterTestConnector(this OpenCtiSimPlatform platform) =>
        platform.RegisterConnector("c-1", "Connector", "STREAM", ["crowdstrike"]);
}
