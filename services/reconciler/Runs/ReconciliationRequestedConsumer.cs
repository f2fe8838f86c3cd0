using Connector.Contracts;
using Connector.Reconciler.Telemetry;
using MassTransit;

namespace Connector.Reconciler.Runs;

/// <summary>
/// <see cref="ReconciliationRequested"/> (e.g. stream-ingest saw the live stream's history trimmed): run soon. Requests
/// merge, so a burst of them costs one run.
/// </summary>
public sealed class ReconciliationRequestedConsumer(ReconciliationTrigger trigger, ILogger<ReconciliationRequestedConsumer> logger)
    : IConsumer<ReconciliationRequested>
{
    public Task Consume(ConsumeContext<ReconciliationRequested> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reason = context.Message.Reason;
        if (trigger.Request(reason))
        {
            logger.RunRequested(reason);
        }
        else
        {
            logger.RequestCoalesced(reason);
        }

        return Task.CompletedTask;
    }
}
