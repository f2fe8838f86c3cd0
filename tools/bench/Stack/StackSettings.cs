namespace Bench.Stack;

/// <summary>How one run's stack is set up.</summary>
internal sealed record StackSettings
{
    /// <summary>The token opencti-sim accepts (its default).</summary>
    public const string OpenCtiToken = "opencti-sim-token";

    /// <summary>The live stream opencti-sim starts with (its default).</summary>
    public const string LiveStreamId = "live-stream-indicators";

    /// <summary>The API client falcon-sim accepts (its default).</summary>
    public const string FalconClientId = "falcon-sim-client";

    /// <summary>Its secret.</summary>
    public const string FalconClientSecret = "falcon-sim-secret";

    /// <summary>A name for the run's directories (<c>quickstart</c>, <c>initial-sync</c>, ...).</summary>
    public required string RunName { get; init; }

    /// <summary>Indicators opencti-sim generates at start (<c>OPENCTI_SIM_SEED_INDICATORS</c>).</summary>
    public int SeedIndicators { get; init; }

    /// <summary>Seed of opencti-sim's generator, so runs compare.</summary>
    public int GeneratorSeed { get; init; } = 42;

    /// <summary>falcon-sim's delay before every API answer, in milliseconds.</summary>
    public int FalconLatencyMs { get; init; } = 150;

    /// <summary>falcon-sim's sliding-minute request limit (Falcon's: 6000).</summary>
    public int FalconRateLimitPerMinute { get; init; } = 6000;

    /// <summary>Seconds before the reconciler's first run; null: it runs only when asked (nothing asks during a bench).</summary>
    public int? ReconcilerFirstRunDelaySeconds { get; init; }

    /// <summary>Where the process logs go (kept after the run).</summary>
    public required string LogDirectory { get; init; }

    /// <summary>Extra environment variables for the three services (tuning, e.g. <c>IOC_SYNC_BATCH_SIZE=1000</c>).</summary>
    public IReadOnlyDictionary<string, string> ServiceOverrides { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
