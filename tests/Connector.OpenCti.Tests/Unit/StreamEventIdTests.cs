using Connector.OpenCti.LiveStream;

namespace Connector.OpenCti.Tests.Unit;

public sealed class StreamEventIdTests
{
    [Theory]
    [InlineData("0-0", 0L, 0L)]
    [InlineData("0", 0L, 0L)]
    [InlineData("1717236930123-0", 1717236930123L, 0L)]
    [InlineData("1717236930123-17", 1717236930123L, 17L)]
    [InlineData("1717236930123", 1717236930123L, 0L)]
    public void Parses_redis_stream_ids(string text, long milliseconds, long sequence)
    {
        var id = StreamEventId.Parse(text);

        Assert.Equal(new StreamEventId(milliseconds, sequence), id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1-")]
    [InlineData("-1")]
    [InlineData("a-0")]
    [InlineData("1-b")]
    [InlineData(" 1-0")]
    [InlineData("+1-0")]
    [InlineData("1-0-0")]
    [InlineData("1.5-0")]
    [InlineData("2024-06-01T10:15:30Z")]
    [InlineData("99999999999999999999-0")]
    public void Rejects_text_that_is_not_a_stream_id(string text)
    {
        Assert.False(StreamEventId.TryParse(text, out _));
        Assert.Throws<FormatException>(() => StreamEventId.Parse(text));
    }

    [Fact]
    public void Null_is_not_a_stream_id()
    {
        Assert.False(StreamEventId.TryParse((string?)null, out _));
    }

    [Theory]
    [InlineData("999-0", "1000-0")]
    [InlineData("1000-9", "1000-10")]
    [InlineData("0-0", "1-0")]
    [InlineData("1717236930123-5", "1717236930124-0")]
    public void Orders_numerically_not_as_text(string earlier, string later)
    {
        var a = StreamEventId.Parse(earlier);
        var b = StreamEventId.Parse(later);

        Assert.True(a < b);
        Assert.True(b > a);
        Assert.True(a <= b);
        Assert.False(a >= b);
        Assert.True(a.CompareTo(b) < 0);
        Assert.True(b.CompareTo(a) > 0);
    }

    [Fact]
    public void Equal_ids_compare_equal_because_ids_repeat_on_the_wire()
    {
        var a = StreamEventId.Parse("1717236930123-0");
        var b = StreamEventId.Parse("1717236930123");

        Assert.Equal(a, b);
        Assert.Equal(0, a.CompareTo(b));
        Assert.True(a <= b && a >= b);
    }

    [Fact]
    public void Sorting_uses_numeric_order()
    {
        var ids = new[] { "10-0", "9-1", "9-0", "100-0", "0-0" }.Select(StreamEventId.Parse).Order().Select(id => id.ToString());

        Assert.Equal(["0-0", "9-0", "9-1", "10-0", "100-0"], ids);
    }

    [Fact]
    public void Timestamp_is_the_millisecond_part()
    {
        var id = StreamEventId.Parse("1717236930123-4");

        Assert.Equal(new DateTimeOffset(2024, 6, 1, 10, 15, 30, 123, TimeSpan.Zero), id.Timestamp);
    }

    [Fact]
    public void FromTimestamp_gives_the_first_id_of_that_millisecond()
    {
        var id = StreamEventId.FromTimestamp(new DateTimeOffset(2024, 6, 1, 10, 15, 30, 123, TimeSpan.Zero));

        Assert.Equal("1717236930123-0", id.ToString());
    }

    [Theory]
    [InlineData("0-0")]
    [InlineData("1717236930123-0")]
    [InlineData("1717236930123-42")]
    public void Round_trips_through_text(string text)
    {
        Assert.Equal(text, StreamEventId.Parse(text).ToString());
    }

    [Fact]
    public void Zero_is_the_start_of_the_stream()
    {
        Assert.True(StreamEventId.Zero.IsZero);
        Assert.Equal("0-0", StreamEventId.Zero.ToString());
        Assert.False(StreamEventId.Parse("0-1").IsZero);
    }
}
