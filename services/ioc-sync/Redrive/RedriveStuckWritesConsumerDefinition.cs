using MassTransit;

namespace Connector.IocSync.Redrive;

/// <summary>The sweep's endpoint, a queue of its own the reconciler sends to.</summary>
public sealed class RedriveStuckWritesConsumerDefinition : ConsumerDefinition<RedriveStuckWritesConsumer>
{
    /// <summary>The queue the reconciler sends <see cref="Connector.Contracts.RedriveStuckWrites"/> to.</summary>
    public const string QueueName = "ioc-sync-redrive";

    public RedriveStuckWritesConsumerDefinition()
    {
        EndpointName = QueueName;
        ConcurrentMessageLimit = 1;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<RedriveStuckWritesConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Intervals(1000, 5000));
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
