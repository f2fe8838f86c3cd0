using Connector.Reconciler.Drift;
using Connector.Reconciler.Repair;

namespace Connector.Reconciler.Reports;

/// <summary>What one run found and did: served as JSON at <c>/report</c>, printed by the <c>reconcile</c> command.</summary>
public sealed record ReconciliationReport
{
    /// <summary>The run's number in this process, from 1.</summary>
    public required long Run { get; init; }

    /// <summary>What started it: <c>interval</c>, <c>requested: &lt;reason&gt;</c>, <c>command</c>.</summary>
    public required string Trigger { get; init; }

    /// <summary>True when the run only reported.</summary>
    public required bool DryRun { get; init; }

    /// <summary><c>completed</c> or <c>failed</c>.</summary>
    public required string Outcome { get; init; }

    /// <summary>Why it failed; never holds secrets.</summary>
    public string? Error { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset CompletedAt { get; init; }

    public required double DurationSeconds { get; init; }

    /// <summary>Where the time went.</summary>
    public RunTimings Timings { get; init; } = new();

    /// <summary>The desired side.</summary>
    public OpenCtiSummary OpenCti { get; init; } = new();

    /// <summary>The actual side.</summary>
    public FalconSummary Falcon { get; init; } = new();

    /// <summary>Differences by kind (all of them, whatever <see cref="Items"/> lists).</summary>
    public DriftCounts Drift { get; init; } = new();

    /// <summary>Repair messages sent (none in a dry run).</summary>
    public RepairCounts Repairs { get; init; } = RepairCounts.None;

    /// <summary>The first differences, sorted by kind, type and value.</summary>
    public IReadOnlyList<ReportItem> Items { get; init; } = [];

    /// <summary>Differences not listed in <see cref="Items"/>.</summary>
    public int ItemsNotListed { get; init; }

    /// <summary>True when the run completed.</summary>
    public bool Completed => string.Equals(Outcome, ReportOutcomes.Completed, StringComparison.Ordinal);
}

/// <summary>Values of <see cref="ReconciliationReport.Outcome"/>.</summary>
public static class ReportOutcomes
{
    public const string Completed = "completed";
    public const string Failed = "failed";
}

/// <summary>Seconds spent in each phase of a run.</summary>
public sealed record RunTimings
{
    /// <summary>Listing OpenCTI and reading the indicators.</summary>
    public double OpenCtiSeconds { get; init; }

    /// <summary>Listing Falcon, comparing, and looking up the missing values.</summary>
    public double FalconSeconds { get; init; }

    /// <summary>Sending the repairs (at the configured rate).</summary>
    public double RepairSeconds { get; init; }
}

/// <summary>The indicators the live stream would send.</summary>
public sealed record OpenCtiSummary
{
    public int Indicators { get; init; }

    /// <summary>Revoked or past <c>valid_until</c>: they want no IOC.</summary>
    public int ReleasedIndicators { get; init; }

    /// <summary>Wanted, but their pattern yields no IOC.</summary>
    public int IndicatorsWithoutIocs { get; init; }

    /// <summary>Pattern terms or values that yield no IOC.</summary>
    public int SkippedValues { get; init; }

    /// <summary>Distinct IOCs claimed.</summary>
    public int DesiredIocs { get; init; }

    /// <summary>Claimed IOCs no claim can be written for (no usable platform).</summary>
    public int UnwritableIocs { get; init; }

    public int Pages { get; init; }
}

/// <summary>What Falcon holds for this connector.</summary>
public sealed record FalconSummary
{
    /// <summary>Live IOCs created by this connector's API client or carrying its source.</summary>
    public int OwnedIocs { get; init; }

    /// <summary>Of those, soft-deleted (<c>TO_DELETE</c>).</summary>
    public int DisarmedIocs { get; init; }

    /// <summary>Of those, of a type the connector does not manage.</summary>
    public int UnmanagedIocs { get; init; }

    /// <summary>Of those, a second spelling of a value already seen.</summary>
    public int DuplicateIocs { get; init; }

    /// <summary>Falcon API requests the run made (listing, lookups, token).</summary>
    public long Requests { get; init; }
}

/// <summary>One difference, for people.</summary>
public sealed record ReportItem(string Kind, string Type, string Value, string? FalconId, string Detail)
{
    /// <summary>The item as reported.</summary>
    public static ReportItem Of(DriftItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new(item.Kind.Name(), item.Key.FalconType, item.Key.Value, item.FalconId, item.Detail);
    }
}
