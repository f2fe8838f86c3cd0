using Connector.Contracts;
using Connector.IocSync.Settings;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Connector.IocSync.StateMachines;

/// <summary>
/// The saga's endpoint: messages of one IOC are partitioned by correlation id, so they are handled one at a time
/// without optimistic-concurrency retries, while different IOCs run in parallel. A lost race that still happens
/// (another replica) surfaces as <see cref="ConcurrencyException"/> and is retried.
/// </summary>
public sealed class IocStateMachineDefinition : SagaDefinition<IocSagaState>
{
    private readonly IocSyncOptions _options;

    public IocStateMachineDefinition(IOptions<IocSyncOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        EndpointName = IocSagaEndpoint.Name;
        ConcurrentMessageLimit = _options.SagaConcurrency;
    }

    protected override void ConfigureSaga(
        IReceiveEndpointConfigurator endpointConfigurator,
        ISagaConfigurator<IocSagaState> sagaConfigurator,
        IRegistrationContext context)
    {
        endpointConfigurator.UseMessageRetry(r => r.Intervals(10, 50, 100, 250, 500, 1000, 2000));
        endpointConfigurator.UseInMemoryOutbox(context);

        var partitioner = endpointConfigurator.CreatePartitioner(_options.SagaConcurrency);
        sagaConfigurator.Message<IndicatorChanged>(m => m.UsePartitioner(partitioner, c => c.Message.Key.CorrelationId));
        sagaConfigurator.Message<IocObserved>(m => m.UsePartitioner(partitioner, c => c.Message.Key.CorrelationId));
        sagaConfigurator.Message<IocOrphaned>(m => m.UsePartitioner(partitioner, c => c.Message.Key.CorrelationId));
        sagaConfigurator.Message<RedriveIoc>(m => m.UsePartitioner(partitioner, c => c.Message.CorrelationId));
        sagaConfigurator.Message<IocSynced>(m => m.UsePartitioner(partitioner, c => c.Message.CorrelationId));
        sagaConfigurator.Message<IocSyncFailed>(m => m.UsePartitioner(partitioner, c => c.Message.CorrelationId));
    }
}
