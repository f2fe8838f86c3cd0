using System.Diagnostics.Metrics;
using Connector.Reconciler.Drift;
using Connector.Reconciler.Reports;

namespace Connector.Reconciler.Telemetry;

/// <summary>
/// The reconciler's metrics (Meter <see cref="ReconcilerInstrumentation.SourceName"/>): drift by kind and the sizes of
/// both sides from the last completed run, the time of the last completed run, run durations, runs and repairs sent.
/// </summary>
public sealed class ReconcilerMetrics
{
    /// <summary>Gauge: differences of the last completed run, tag <c>kind</c>.</summary>
    public const string Drift = "reconciler.drift";

    /// <summary>Gauge: end of the last completed run, Unix seconds.</summary>
    public const string LastRunTime = "reconciler.last_run.time";

    /// <summary>Histogram: run duration in seconds, tags <c>outcome</c> and <c>dry_run</c>.</summary>
    public const string RunDuration = "reconciler.run.duration";

    /// <summary>Counter: runs, tags <c>outcome</c> and <c>dry_run</c>.</summary>
    public const string Runs = "reconciler.runs";

    /// <summary>Counter: repair messages confirmed by the broker, tag <c>message</c>.</summary>
    public const string RepairsSent = "reconciler.repairs.sent";

    /// <summary>Gauge: IOCs the live stream wants, from the last completed run.</summary>
    public const string DesiredIocs = "reconciler.desired.iocs";

    /// <summary>Gauge: live IOCs Falcon holds for this connector, from the last completed run.</summary>
    public const string OwnedIocs = "reconciler.falcon.owned_iocs";

    private readonly Histogram<double> _duration;
    private readonly Counter<long> _runs;
    private readonly Counter<long> _repairs;

    public ReconcilerMetrics(IMeterFactory meterFactory, ReportStore reports)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(reports);
        var meter = meterFactory.Create(ReconcilerInstrumentation.SourceName);
        meter.CreateObservableGauge(Drift, () => DriftOf(reports.LastCompleted), "{ioc}", "IOCs that differ between OpenCTI and Falcon, by kind, at the last completed run.");
        meter.CreateObservableGauge(
            LastRunTime,
            () => reports.LastCompleted is { } last ? [new Measurement<double>(last.CompletedAt.ToUnixTimeMilliseconds() / 1000.0)] : Array.Empty<Measurement<double>>(),
            "s",
            "When the last completed run ended (Unix time).");
        meter.CreateObservableGauge(
            DesiredIocs,
            () => reports.LastCompleted is { } last ? [new Measurement<long>(last.OpenCti.DesiredIocs)] : Array.Empty<Measurement<long>>(),
            "{ioc}",
            "IOCs the live stream wants, at the last completed run.");
        meter.CreateObservableGauge(
            OwnedIocs,
            () => reports.LastCompleted is { } last ? [new Measurement<long>(last.Falcon.OwnedIocs)] : Array.Empty<Measurement<long>>(),
            "{ioc}",
            "Live IOCs Falcon holds for this connector, at the last completed run.");
        _duration = meter.CreateHistogram(
            RunDuration,
            "s",
            "How long a run took, listing and repair.",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600] });
        _runs = meter.CreateCounter<long>(Runs, "{run}", "Runs, by outcome.");
        _repairs = meter.CreateCounter<long>(RepairsSent, "{message}", "Repair messages confirmed by the broker, by message type.");
    }

    internal void RunFinished(ReconciliationReport report)
    {
        var outcome = new KeyValuePair<string, object?>("outcome", report.Outcome);
        var dryRun = new KeyValuePair<string, object?>("dry_run", report.DryRun);
        _duration.Record(report.DurationSeconds, outcome, dryRun);
        _runs.Add(1, outcome, dryRun);
    }

    internal void RepairSent(string messageType) => _repairs.Add(1, new KeyValuePair<string, object?>("message", messageType));

    private static IEnumerable<Measurement<long>> DriftOf(ReconciliationReport? report) =>
        report is null
            ? []
            : DriftKinds.All.Select(kind => new Measurement<long>(report.Drift.Of(kind), new KeyValuePair<string, object?>("kind", kind.Name())));
}
