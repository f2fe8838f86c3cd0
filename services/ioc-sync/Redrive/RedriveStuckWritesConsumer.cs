using Connector.Contracts;
using Connector.IocSync.Persistence;
using Connector.IocSync.Sagas;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Connector.IocSync.Redrive;

/// <summary>
/// Finds sagas whose write has waited for an answer since before <see cref="RedriveStuckWrites.SentBefore"/>
/// (the answer was lost, e.g. the writer crashed mid-batch) and tells each to send it again.
/// The store is ioc-sync's own, so the sweep runs here, asked by the reconciler.
/// </summary>
public sealed class RedriveStuckWritesConsumer(IocSyncDbContext store, ILogger<RedriveStuckWritesConsumer> logger)
    : IConsumer<RedriveStuckWrites>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<RedriveStuckWrites> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sentBefore = context.Message.SentBefore;
        var stuck = await store.IocSagas
            .Where(s => s.WriteId != null && s.WriteSentAt < sentBefore)
            .Select(s => new { s.CorrelationId, s.WriteId })
            .ToListAsync(context.CancellationToken);

        if (stuck.Count == 0)
        {
            return;
        }

        logger.RedrivingStuckWrites(stuck.Count, sentBefore);
        var saga = await context.GetSendEndpoint(IocSagaEndpoint.Address);
        await saga.SendBatch(
            stuck.Select(s => new RedriveIoc { CorrelationId = s.CorrelationId, WriteId = s.WriteId!.Value }),
            context.CancellationToken);
    }
}
