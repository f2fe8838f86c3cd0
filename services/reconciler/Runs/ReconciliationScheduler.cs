using Connector.Reconciler.Settings;
using Connector.Reconciler.Telemetry;
using Microsoft.Extensions.Options;

namespace Connector.Reconciler.Runs;

/// <summary>
/// Runs the reconciler in the service: shortly after start, then every <c>RECONCILER_INTERVAL_MINUTES</c> (measured from the
/// end of a run), and whenever <see cref="ReconciliationTrigger"/> holds a request. Runs never overlap.
/// </summary>
internal sealed class ReconciliationScheduler(
    IReconciler reconciler,
    ReconciliationTrigger trigger,
    IOptions<ReconcilerSettings> settings,
    TimeProvider time,
    ILogger<ReconciliationScheduler> logger) : BackgroundService
{
    internal const string IntervalTrigger = "interval";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = settings.Value;
        if (options.Interval is null)
        {
            logger.OnRequestOnly();
        }
        else
        {
            logger.Scheduled(options.IntervalMinutes, options.FirstRunDelaySeconds);
        }

        TimeSpan? wait = options.Interval is null ? null : options.FirstRunDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            string cause;
            try
            {
                cause = await NextAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await reconciler.RunAsync(new ReconciliationRequest(cause, options.DryRun), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // The reconciler logged and recorded the failure; the next interval or request tries again.
            }

            wait = options.Interval;
        }
    }

    /// <summary>Waits for the interval (none: only requests) or a request, whichever comes first; returns the cause.</summary>
    private async Task<string> NextAsync(TimeSpan? wait, CancellationToken stoppingToken)
    {
        if (trigger.Pending.TryRead(out var reason))
        {
            return Requested(reason);
        }

        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var requested = trigger.Pending.WaitToReadAsync(waiting.Token).AsTask();
        var elapsed = Task.Delay(wait ?? Timeout.InfiniteTimeSpan, time, waiting.Token);
        await Task.WhenAny(requested, elapsed);
        await waiting.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
        return trigger.Pending.TryRead(out reason) ? Requested(reason) : IntervalTrigger;
    }

    private static string Requested(string reason) => "requested: " + reason;
}
