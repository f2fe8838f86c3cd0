using Connector.Contracts;

namespace Connector.Reconciler.Repair;

/// <summary>Where repairs go: the bus in the service, nowhere at all in a dry run.</summary>
public interface IRepairSender
{
    /// <summary>Publishes one repair event (<see cref="IndicatorChanged"/>, <see cref="IocObserved"/> or <see cref="IocOrphaned"/>).</summary>
    Task PublishAsync(object message, CancellationToken cancellationToken);

    /// <summary>Sends <see cref="RedriveStuckWrites"/> to ioc-sync's re-drive queue.</summary>
    Task SendRedriveAsync(RedriveStuckWrites command, CancellationToken cancellationToken);
}
