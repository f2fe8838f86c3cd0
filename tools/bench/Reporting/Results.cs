using System.Text.Json.Serialization;

namespace Bench.Reporting;

/// <summary>Everything one bench run measured: what the JSON file holds.</summary>
internal sealed record BenchReport(
    DateTimeOffset StartedAt,
    MachineInfo Machine,
    BenchSettings Settings,
    InitialSyncResult? InitialSync,
    LiveChurnResult? LiveChurn,
    BaselineResult? Baseline,
    ComparisonResult? Comparison);

/// <summary>Where the run happened.</summary>
internal sealed record MachineInfo(int ProcessorCount, string Os, string Runtime, double LoadAverageAtStart);

/// <summary>The run's options.</summary>
internal sealed record BenchSettings(
    IReadOnlyList<string> Scenarios,
    int Indicators,
    int LatencyMs,
    int RateLimitPerMinute,
    int ChurnRate,
    int ChurnDurationSeconds,
    int BaselineIndicators,
    IReadOnlyDictionary<string, string> ServiceOverrides);

// LoadAverage: the machine's 1-minute load average when the scenario ended (the bench shares its cores with everything else).

/// <summary>Memory and CPU of one process over a scenario.</summary>
internal sealed record ProcessUsage(string Name, double PeakRssMb, double CpuSeconds, double CpuSecondsTotal);

/// <summary>initial-sync: N indicators recovered from the stream into Falcon.</summary>
internal sealed record InitialSyncResult(
    int Indicators,
    int ExpectedIocs,
    int PresentIocs,
    int MissingIocs,
    int MismatchedIocs,
    int UnexpectedIocs,
    bool Verified,
    double WallSeconds,
    double IocsPerSecond,
    long FalconRequests,
    double RequestsPerIoc,
    long TooManyRequests,
    IReadOnlyDictionary<string, long> RequestsByCall,
    IReadOnlyDictionary<string, double> SkippedByReason,
    IReadOnlyList<ProcessUsage> Processes,
    IReadOnlyList<string> Differences,
    double LoadAverage);

/// <summary>live-churn: a steady rate of creates, updates and deletes.</summary>
internal sealed record LiveChurnResult(
    int TargetRate,
    int DurationSeconds,
    int Events,
    IReadOnlyDictionary<string, int> EventsByKind,
    double AchievedRate,
    int HookFailures,
    int Resolved,
    int Unresolved,
    LatencySummary LatencyMs,
    long FalconRequests,
    double RequestsPerEvent,
    long TooManyRequests,
    IReadOnlyDictionary<string, long> RequestsByCall,
    IReadOnlyList<ProcessUsage> Processes,
    double LoadAverage);

/// <summary>Latency percentiles in milliseconds.</summary>
internal sealed record LatencySummary(double P50, double P95, double P99, double Max, double Mean);

/// <summary>baseline: the reference connector's way, one search and one write per IOC, one at a time.</summary>
internal sealed record BaselineResult(
    int Indicators,
    int ExpectedIocs,
    int PresentIocs,
    int MissingIocs,
    bool Verified,
    double WallSeconds,
    double IocsPerSecond,
    long FalconRequests,
    double RequestsPerIoc,
    long TooManyRequests,
    double LoadAverage);

/// <summary>Ours against the baseline, measured in the same run.</summary>
internal sealed record ComparisonResult(double ThroughputRatio, double RequestsPerIocRatio);

/// <summary>Source-generated JSON of the report (snake_case, indented).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(BenchReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
