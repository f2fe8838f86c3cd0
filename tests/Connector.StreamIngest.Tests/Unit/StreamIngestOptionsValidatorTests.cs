using Connector.StreamIngest.Settings;

namespace Connector.StreamIngest.Tests.Unit;

public sealed class StreamIngestOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new StreamIngestOptionsValidator().Validate(null, new StreamIngestOptions()).Succeeded);
    }

    [Theory]
    [InlineData(0, "STREAM_INGEST_MAX_IN_FLIGHT")]
    [InlineData(-5, "STREAM_INGEST_MAX_IN_FLIGHT")]
    [InlineData(100_001, "STREAM_INGEST_MAX_IN_FLIGHT")]
    public void A_window_out_of_range_is_refused_naming_the_setting(int maxInFlight, string variable)
    {
        var result = new StreamIngestOptionsValidator().Validate(null, new StreamIngestOptions { MaxInFlight = maxInFlight });

        Assert.True(result.Failed);
        Assert.Contains(variable, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_publish_timeout_is_refused_naming_the_setting()
    {
        var result = new StreamIngestOptionsValidator().Validate(null, new StreamIngestOptions { PublishTimeout = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Contains("STREAM_INGEST_PUBLISH_TIMEOUT", result.FailureMessage, StringComparison.Ordinal);
    }
}
