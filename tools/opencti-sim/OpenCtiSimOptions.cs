namespace OpenCtiSim;

/// <summary>How a simulator instance behaves. Set before start; <see cref="Faults"/> can change while it runs.</summary>
public sealed class OpenCtiSimOptions
{
    /// <summary>The "Indicator only" FilterGroup that a live stream has by default.</summary>
    public const string IndicatorOnlyFilters =
        """{"mode":"and","filters":[{"key":["entity_type"],"values":["Indicator"],"operator":"eq","mode":"or"}],"filterGroups":[]}""";

    /// <summary>The only accepted bearer token (<c>OPENCTI_SIM_TOKEN</c>).</summary>
    public string Token { get; init; } = "opencti-sim-token";

    /// <summary>The id of the live stream that exists at start (<c>OPENCTI_SIM_STREAM_ID</c>).</summary>
    public string LiveStreamId { get; init; } = "live-stream-indicators";

    /// <summary>The name of that live stream.</summary>
    public string LiveStreamName { get; init; } = "Indicators for CrowdStrike";

    /// <summary>The FilterGroup JSON of that live stream (<c>OPENCTI_SIM_STREAM_FILTERS</c>).</summary>
    public string LiveStreamFilters { get; init; } = IndicatorOnlyFilters;

    /// <summary>Interval between heartbeat frames (<c>OPENCTI_SIM_HEARTBEAT_SECONDS</c>); OpenCTI uses 5 s.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Seed of the indicator generator: the same seed and start time give the same indicators (<c>OPENCTI_SIM_SEED</c>).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Indicators generated at start (<c>OPENCTI_SIM_SEED_INDICATORS</c>).</summary>
    public int SeedIndicators { get; init; }

    /// <summary>The <c>about { version }</c> the platform reports.</summary>
    public string PlatformVersion { get; init; } = "6.8.0";

    /// <summary>
    /// Whether indicators carry the OpenCTI extension's <c>observable_values</c> (newer platforms do; older ones do not).
    /// </summary>
    public bool IncludeObservableValues { get; init; } = true;

    /// <summary>The clock of every timestamp and event id (a fake one in tests that move time).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Fault switches (500s, dropped connections, latency).</summary>
    public OpenCtiSimFaults Faults { get; } = new();
}
