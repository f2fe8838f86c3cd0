using System.Globalization;

namespace OpenCtiSim.Hosting;

/// <summary>The standalone simulator's settings from <c>OPENCTI_SIM_*</c> environment variables (defaults in README.md).</summary>
internal static class SimEnvironment
{
    public static OpenCtiSimOptions Read(Func<string, string?> get)
    {
        var defaults = new OpenCtiSimOptions();
        return new OpenCtiSimOptions
        {
            Token = NonEmpty(get("OPENCTI_SIM_TOKEN")) ?? defaults.Token,
            LiveStreamId = NonEmpty(get("OPENCTI_SIM_STREAM_ID")) ?? defaults.LiveStreamId,
            LiveStreamFilters = NonEmpty(get("OPENCTI_SIM_STREAM_FILTERS")) ?? defaults.LiveStreamFilters,
            HeartbeatInterval = Number(get, "OPENCTI_SIM_HEARTBEAT_SECONDS", 0.01) is { } seconds
                ? TimeSpan.FromSeconds(seconds)
                : defaults.HeartbeatInterval,
            Seed = (int?)Number(get, "OPENCTI_SIM_SEED", int.MinValue) ?? defaults.Seed,
            SeedIndicators = (int?)Number(get, "OPENCTI_SIM_SEED_INDICATORS", 0) ?? 0,
        };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static double? Number(Func<string, string?> get, string name, double minimum)
    {
        var text = NonEmpty(get(name));
        if (text is null)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < minimum)
        {
            throw new InvalidOperationException($"{name}='{text}' is not a number of at least {minimum.ToString(CultureInfo.InvariantCulture)}; fix or unset it.");
        }

        return value;
    }
}
