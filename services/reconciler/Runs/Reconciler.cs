using System.Diagnostics;
using Connector.Domain.Falcon;
using Connector.Falcon;
using Connector.Falcon.Telemetry;
using Connector.Reconciler.Actual;
using Connector.Reconciler.Desired;
using Connector.Reconciler.Drift;
using Connector.Reconciler.Repair;
using Connector.Reconciler.Reports;
using Connector.Reconciler.Settings;
using Connector.Reconciler.Telemetry;
using Microsoft.Extensions.Options;

namespace Connector.Reconciler.Runs;

/// <summary>
/// One run: the desired set from OpenCTI, then Falcon's owned IOCs streamed through a <see cref="DriftAnalysis"/>,
/// a lookup of the missing values, and — unless a dry run — the repairs.
/// </summary>
internal sealed class Reconciler(
    IServiceScopeFactory scopes,
    FalconOwnership ownership,
    IocPolicy policy,
    RepairDispatcher dispatcher,
    ReportStore reports,
    ReconcilerMetrics metrics,
    IFalconClientStatistics falconStatistics,
    IOptions<ReconcilerSettings> settings,
    TimeProvider time,
    ILogger<Reconciler> logger) : IReconciler, IDisposable
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private long _runs;

    public async Task<ReconciliationReport> RunAsync(ReconciliationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            return await RunOnceAsync(request, cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public void Dispose() => _oneAtATime.Dispose();

    private async Task<ReconciliationReport> RunOnceAsync(ReconciliationRequest request, CancellationToken cancellationToken)
    {
        var run = Interlocked.Increment(ref _runs);
        using var activity = ReconcilerInstrumentation.ActivitySource.StartActivity("reconciler.run");
        activity?.SetTag("reconciler.run", run);
        activity?.SetTag("reconciler.trigger", request.Trigger);
        activity?.SetTag("reconciler.dry_run", request.DryRun);
        logger.RunStarting(run, request.Trigger, request.DryRun);

        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var falconRequestsBefore = falconStatistics.Snapshot().Requests;
        var tally = new RepairTally();
        var report = new ReconciliationReport
        {
            Run = run,
            Trigger = request.Trigger,
            DryRun = request.DryRun,
            Outcome = ReportOutcomes.Failed,
            StartedAt = startedAt,
            CompletedAt = startedAt,
            DurationSeconds = 0,
        };
        try
        {
            // A scope per run: the typed HTTP clients of OpenCTI and Falcon are fresh for each run, never held for days.
            await using var scope = scopes.CreateAsyncScope();
            var desiredReader = scope.ServiceProvider.GetRequiredService<DesiredStateReader>();
            var inventory = scope.ServiceProvider.GetRequiredService<FalconInventory>();
            var desired = await desiredReader.ReadAsync(startedAt, cancellationToken);
            var listedOpenCti = time.GetTimestamp();
            report = report with { OpenCti = Summary(desired), Timings = new RunTimings { OpenCtiSeconds = Seconds(started, listedOpenCti) } };

            var analysis = new DriftAnalysis(desired, policy, settings.Value.ToDeleteRetention, startedAt);
            await foreach (var ioc in inventory.ListOwnedAsync(cancellationToken))
            {
                analysis.Observe(ioc);
            }

            var missing = analysis.EndListing();
            IReadOnlyList<FalconIoc> heldForMissing = missing.Count > 0 ? await inventory.FindLiveAsync(missing, cancellationToken) : [];
            var drift = analysis.Complete(heldForMissing, ownership);
            var compared = time.GetTimestamp();
            var listed = request.ReportItems ?? settings.Value.ReportItems;
            report = report with
            {
                Timings = report.Timings with { FalconSeconds = Seconds(listedOpenCti, compared) },
                OpenCti = report.OpenCti with { UnwritableIocs = analysis.UnwritableIocs },
                Falcon = new FalconSummary
                {
                    OwnedIocs = analysis.OwnedIocs,
                    DisarmedIocs = analysis.DisarmedIocs,
                    UnmanagedIocs = analysis.UnmanagedIocs,
                    DuplicateIocs = analysis.DuplicateIocs,
                },
                Drift = drift.Counts,
                Items = [.. drift.Items.Take(listed).Select(ReportItem.Of)],
                ItemsNotListed = Math.Max(0, drift.Items.Count - listed),
            };

            if (!request.DryRun)
            {
                await dispatcher.RepairAsync(drift, startedAt, tally, cancellationToken);
                report = report with { Timings = report.Timings with { RepairSeconds = Seconds(compared, time.GetTimestamp()) } };
            }

            report = Finish(report, ReportOutcomes.Completed, null, started, falconRequestsBefore, tally);
            activity?.SetTag("reconciler.drift.total", drift.Counts.Total);
            activity?.SetTag("reconciler.repairs.sent", report.Repairs.Total);
            logger.RunCompleted(
                run, report.DurationSeconds, drift.Counts.Missing, drift.Counts.Stale, drift.Counts.Orphan, drift.Counts.DisarmedDesired,
                drift.Counts.ExpiredToDelete, drift.Counts.OwnedElsewhere, report.Repairs.Total);
            return report;
        }
        catch (Exception e)
        {
            report = Finish(report, ReportOutcomes.Failed, e is OperationCanceledException ? "cancelled" : e.Message, started, falconRequestsBefore, tally);
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            if (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.RunFailed(run, report.DurationSeconds, request.Trigger, e);
            }

            throw;
        }
        finally
        {
            reports.Record(report);
            metrics.RunFinished(report);
        }
    }

    private ReconciliationReport Finish(
        ReconciliationReport report, string outcome, string? error, long started, long falconRequestsBefore, RepairTally tally) =>
        report with
        {
            Outcome = outcome,
            Error = error,
            CompletedAt = time.GetUtcNow(),
            DurationSeconds = time.GetElapsedTime(started).TotalSeconds,
            Falcon = report.Falcon with { Requests = falconStatistics.Snapshot().Requests - falconRequestsBefore },
            Repairs = tally.ToCounts(),
        };

    private double Seconds(long from, long to) => time.GetElapsedTime(from, to).TotalSeconds;

    private static OpenCtiSummary Summary(DesiredSet desired) => new()
    {
        Indicators = desired.Indicators,
        ReleasedIndicators = desired.ReleasedIndicators,
        IndicatorsWithoutIocs = desired.IndicatorsWithoutIocs,
        SkippedValues = desired.SkippedValues,
        DesiredIocs = desired.Iocs.Count,
        Pages = desired.Pages,
    };
}
