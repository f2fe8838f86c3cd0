using Connector.IocSync.Settings;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Connector.IocSync.Sagas;

/// <summary>
/// The saga queue: batches of up to <see cref="IocSyncOptions.SagaBatchSize"/> messages collected for at most
/// <see cref="IocSyncOptions.SagaBatchWindowMilliseconds"/>, <see cref="IocSyncOptions.SagaConcurrency"/> batches at
/// a time. No outbox: the writes are sent only after the batch committed, by <see cref="IocSagaBatch"/> itself.
/// </summary>
public sealed class IocSagaConsumerDefinition : ConsumerDefinition<IocSagaConsumer>
{
    private readonly IocSyncOptions _options;

    public IocSagaConsumerDefinition(IOptions<IocSyncOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        EndpointName = IocSagaEndpoint.Name;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<IocSagaConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        // Enough messages on hand to fill every concurrent batch and start the next one.
        endpointConfigurator.PrefetchCount = _options.SagaBatchSize * (_options.SagaConcurrency + 1);
        endpointConfigurator.UseMessageRetry(r => r.Intervals(10, 50, 100, 250, 500, 1000, 2000));
        consumerConfigurator.Options<BatchOptions>(o => o
            .SetMessageLimit(_options.SagaBatchSize)
            .SetTimeLimit(TimeSpan.FromMilliseconds(_options.SagaBatchWindowMilliseconds))
            .SetConcurrencyLimit(_options.SagaConcurrency));
    }
}
