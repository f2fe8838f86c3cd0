using Connector.IocSync.Settings;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Connector.IocSync.Writer;

/// <summary>
/// The writer's endpoint: batches of up to <see cref="IocSyncOptions.BatchSize"/> commands collected for at most
/// <see cref="IocSyncOptions.BatchWindowMilliseconds"/>, so a burst becomes a few bulk requests. The answers are
/// applied to the sagas in one transaction at the end of the batch, and only then are the commands acknowledged.
/// </summary>
public sealed class FalconWriterDefinition : ConsumerDefinition<FalconWriter>
{
    private readonly IocSyncOptions _options;

    public FalconWriterDefinition(IOptions<IocSyncOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        EndpointName = FalconWriterEndpoint.Name;
    }

    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<FalconWriter> consumerConfigurator,
        IRegistrationContext context)
    {
        // The broker must hand over enough messages to fill every concurrent batch.
        endpointConfigurator.PrefetchCount = _options.BatchSize * (_options.WriterConcurrency + 1);
        endpointConfigurator.UseMessageRetry(r => r.Intervals(500, 2000, 5000));
        consumerConfigurator.Options<BatchOptions>(o => o
            .SetMessageLimit(_options.BatchSize)
            .SetTimeLimit(TimeSpan.FromMilliseconds(_options.BatchWindowMilliseconds))
            .SetConcurrencyLimit(_options.WriterConcurrency));
    }
}
