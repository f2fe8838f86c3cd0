using OpenCtiSim.Hosting;

namespace OpenCtiSim.Tests;

public sealed class SimEnvironmentTests
{
    [Fact]
    public void Defaults_apply_when_nothing_is_set()
    {
        var options = SimEnvironment.Read(_ => null);

        Assert.Equal("opencti-sim-token", options.Token);
        Assert.Equal("live-stream-indicators", options.LiveStreamId);
        Assert.Equal(TimeSpan.FromSeconds(5), options.HeartbeatInterval);
        Assert.Equal(0, options.SeedIndicators);
        Assert.Equal(OpenCtiSimOptions.IndicatorOnlyFilters, options.LiveStreamFilters);
    }

    [Fact]
    public void Environment_variables_override_the_defaults()
    {
        var env = new Dictionary<string, string>
        {
            ["OPENCTI_SIM_TOKEN"] = "t0k",
            ["OPENCTI_SIM_STREAM_ID"] = "s-1",
            ["OPENCTI_SIM_SEED_INDICATORS"] = "12",
            ["OPENCTI_SIM_HEARTBEAT_SECONDS"] = "0.5",
            ["OPENCTI_SIM_SEED"] = "9",
        };

        var options = SimEnvironment.Read(env.GetValueOrDefault);

        Assert.Equal("t0k", options.Token);
        Assert.Equal("s-1", options.LiveStreamId);
        Assert.Equal(12, options.SeedIndicators);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.HeartbeatInterval);
        Assert.Equal(9, options.Seed);
    }

    [Theory]
    [InlineData("OPENCTI_SIM_SEED_INDICATORS", "many")]
    [InlineData("OPENCTI_SIM_HEARTBEAT_SECONDS", "0")]
    public void Invalid_numbers_name_the_setting(string name, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => SimEnvironment.Read(n => n == name ? value : null));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }
}
