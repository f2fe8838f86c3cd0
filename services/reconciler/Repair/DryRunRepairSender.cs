using Connector.Contracts;

namespace Connector.Reconciler.Repair;

/// <summary>The sender of the dry-run command, which has no bus: anything sent is a bug, so it fails loudly.</summary>
internal sealed class DryRunRepairSender : IRepairSender
{
    public Task PublishAsync(object message, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("A dry run sends nothing.");

    public Task SendRedriveAsync(RedriveStuckWrites command, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("A dry run sends nothing.");
}
