using Connector.Falcon.Json;

namespace Connector.Falcon.Tests.Unit;

public sealed class FalconTimestampConverterTests
{
    private static readonly DateTimeOffset Second = new(2024, 11, 11, 9, 17, 3, TimeSpan.Zero);

    [Theory]
    [InlineData("2024-11-11T09:17:03.445826361Z", 4458263)]
    [InlineData("2024-11-11T09:17:03.4458263Z", 4458263)]
    [InlineData("2024-11-11T09:17:03.445Z", 4450000)]
    [InlineData("2024-11-11T09:17:03Z", 0)]
    [InlineData("2024-11-11T11:17:03.445826361+02:00", 4458263)]
    [InlineData("2024-11-11T09:17:03.000000001Z", 0)]
    public void Parses_up_to_nine_fractional_digits_as_utc(string text, long fractionTicks)
    {
        Assert.True(FalconTimestampConverter.TryParse(text, out var value));

        Assert.Equal(Second.AddTicks(fractionTicks), value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Theory]
    [InlineData("not a time")]
    [InlineData("2024-13-45T99:00:00Z")]
    public void Refuses_text_that_is_no_timestamp(string text) =>
        Assert.False(FalconTimestampConverter.TryParse(text, out _));

    [Theory]
    [InlineData("2025-01-01T00:00:00Z", "2025-01-01T00:00:00Z")]
    [InlineData("2025-01-01T02:00:00+02:00", "2025-01-01T00:00:00Z")]
    [InlineData("2025-01-01T00:00:00.5Z", "2025-01-01T00:00:00.5Z")]
    [InlineData("2025-01-01T00:00:00.1234567Z", "2025-01-01T00:00:00.1234567Z")]
    public void Formats_rfc3339_utc_with_only_the_needed_digits(string input, string expected) =>
        Assert.Equal(expected, FalconTimestampConverter.Format(DateTimeOffset.Parse(input, System.Globalization.CultureInfo.InvariantCulture)));
}
