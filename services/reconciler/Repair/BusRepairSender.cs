using Connector.Contracts;
using Connector.Reconciler.Settings;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Connector.Reconciler.Repair;

/// <summary>Repairs over RabbitMQ: events are published (ioc-sync's sagas subscribe), the re-drive is sent to ioc-sync's queue.</summary>
internal sealed class BusRepairSender(IBus bus, IOptions<ReconcilerSettings> settings) : IRepairSender
{
    // A publish waits for the broker's confirm; a broker that stops answering must fail the run, not hang it.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task PublishAsync(object message, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var publishing = message switch
        {
            IndicatorChanged changed => bus.Publish(changed, timeout.Token),
            IocObserved observed => bus.Publish(observed, timeout.Token),
            IocOrphaned orphaned => bus.Publish(orphaned, timeout.Token),
            _ => throw new ArgumentException($"{message.GetType().Name} is not a repair message.", nameof(message)),
        };
        await publishing;
    }

    public async Task SendRedriveAsync(RedriveStuckWrites command, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var endpoint = await bus.GetSendEndpoint(new Uri("queue:" + settings.Value.RedriveQueue.Trim()));
        await endpoint.Send(command, timeout.Token);
    }
}
