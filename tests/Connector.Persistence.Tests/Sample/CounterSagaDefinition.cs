using MassTransit;

namespace Connector.Persistence.Tests.Sample;

public sealed class CounterSagaDefinition : SagaDefinition<CounterState>
{
    private readonly CounterSagaSettings _settings;

    public CounterSagaDefinition(CounterSagaSettings settings)
    {
        _settings = settings;
        ConcurrentMessageLimit = settings.ConcurrentMessageLimit;
    }

    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpointConfigurator, ISagaConfigurator<CounterState> sagaConfigurator,
        IRegistrationContext context)
    {
        // Only ConcurrencyException is retried: if the repository let a raw EF exception escape, the message
        // would fault at once and the tests would see it.
        endpointConfigurator.UseMessageRetry(r =>
        {
            r.Immediate(_settings.RetryLimit);
            r.Handle<ConcurrencyException>();
            r.ConnectRetryObserver(_settings.Retries);
        });
        endpointConfigurator.UseInMemoryOutbox(context);
    }
}
