using Connector.Contracts;
using Connector.Reconciler.Drift;
using Connector.Reconciler.Settings;
using Connector.Reconciler.Telemetry;
using Microsoft.Extensions.Options;

namespace Connector.Reconciler.Repair;

/// <summary>
/// Sends a run's repairs: the stuck-write re-drive first (every run), then each difference's messages at the
/// configured rate (<c>RECONCILER_REPAIR_RATE</c>), so a large diff reaches ioc-sync as a steady stream, not a flood.
/// </summary>
public sealed class RepairDispatcher(
    IRepairSender sender,
    IOptions<ReconcilerSettings> settings,
    ReconcilerMetrics metrics,
    TimeProvider time,
    ILogger<RepairDispatcher> logger)
{
    /// <summary>Sends every repair of <paramref name="drift"/>; what was confirmed is counted in <paramref name="tally"/> even on failure.</summary>
    /// <param name="drift">The differences.</param>
    /// <param name="observedAt">When the listing began (see <see cref="RepairPlanner.MessagesFor"/>).</param>
    /// <param name="tally">Counts what went out.</param>
    /// <param name="cancellationToken">Stops sending.</param>
    internal async Task RepairAsync(DriftResult drift, DateTimeOffset observedAt, RepairTally tally, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var redrive = new RedriveStuckWrites { SentBefore = now - settings.Value.StuckAfter, RequestedAt = now };
        await sender.SendRedriveAsync(redrive, cancellationToken);
        Sent(redrive, tally);

        var total = drift.Items.Sum(RepairPlanner.CountFor);
        var pacer = new RepairPacer(settings.Value.RepairRate, time);
        var progress = new ProgressLog(time);
        var chunk = new List<object>(pacer.ChunkSize);
        var sent = 0;
        foreach (var message in drift.Items.SelectMany(item => RepairPlanner.MessagesFor(item, observedAt)))
        {
            chunk.Add(message);
            if (chunk.Count == pacer.ChunkSize)
            {
                sent += await SendChunkAsync(chunk, pacer, tally, cancellationToken);
                if (progress.IsDue())
                {
                    logger.RepairProgress(sent, total);
                }
            }
        }

        if (chunk.Count > 0)
        {
            await SendChunkAsync(chunk, pacer, tally, cancellationToken);
        }
    }

    private async Task<int> SendChunkAsync(List<object> chunk, RepairPacer pacer, RepairTally tally, CancellationToken cancellationToken)
    {
        await pacer.WaitAsync(chunk.Count, cancellationToken);

        // Publishes of one chunk go out together: each waits for its broker confirm, and order never matters to the saga.
        await Task.WhenAll(chunk.Select(async message =>
        {
            await sender.PublishAsync(message, cancellationToken);
            Sent(message, tally);
        }));
        var count = chunk.Count;
        chunk.Clear();
        return count;
    }

    private void Sent(object message, RepairTally tally)
    {
        tally.Sent(message);
        metrics.RepairSent(message.GetType().Name);
    }
}
