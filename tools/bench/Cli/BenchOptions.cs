namespace Bench.Cli;

/// <summary>What the bench should do.</summary>
internal enum BenchMode
{
    Help,
    QuickStart,
    Bench,
}

/// <summary>The scenarios of <c>bench</c>.</summary>
internal static class ScenarioNames
{
    public const string InitialSync = "initial-sync";
    public const string LiveChurn = "live-churn";
    public const string Baseline = "baseline";

    public static readonly IReadOnlyList<string> All = [InitialSync, LiveChurn, Baseline];
}

/// <summary>The parsed command line.</summary>
internal sealed record BenchOptions
{
    public BenchMode Mode { get; init; } = BenchMode.Help;

    /// <summary>Scenarios to run (bench).</summary>
    public IReadOnlyList<string> Scenarios { get; init; } = ScenarioNames.All;

    /// <summary>Indicators in opencti-sim: the initial sync's N (bench default 100,000; quick start 10,000).</summary>
    public int? Indicators { get; init; }

    /// <summary>falcon-sim's latency per request, in milliseconds.</summary>
    public int LatencyMs { get; init; } = 150;

    /// <summary>falcon-sim's requests per sliding minute.</summary>
    public int RateLimitPerMinute { get; init; } = 6000;

    /// <summary>live-churn: changes per second.</summary>
    public int Rate { get; init; } = 200;

    /// <summary>live-churn: seconds of changes.</summary>
    public int DurationSeconds { get; init; } = 60;

    /// <summary>baseline: indicators.</summary>
    public int BaselineIndicators { get; init; } = 1000;

    /// <summary>Where the JSON report goes.</summary>
    public string OutputPath { get; init; } = "bench.json";

    /// <summary>Where the process logs go; a fresh directory under the temp folder by default.</summary>
    public string? LogDirectory { get; init; }

    /// <summary>Seconds without progress after which the initial sync counts as stalled.</summary>
    public int StallTimeoutSeconds { get; init; } = 120;

    /// <summary>quick start: live changes per second made in opencti-sim after the initial sync (0: none).</summary>
    public double LiveRate { get; init; } = 2;

    /// <summary>Extra environment variables for the three services (<c>--set KEY=VALUE</c>).</summary>
    public IReadOnlyDictionary<string, string> ServiceOverrides { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>A message for a command line that could not be read.</summary>
    public string? Error { get; init; }

    public int InitialIndicators => Indicators ?? (Mode == BenchMode.QuickStart ? 10_000 : 100_000);

    public bool Runs(string scenario) => Scenarios.Contains(scenario, StringComparer.Ordinal);
}
