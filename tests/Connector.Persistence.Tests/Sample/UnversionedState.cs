using MassTransit;

namespace Connector.Persistence.Tests.Sample;

/// <summary>A saga without <see cref="ISagaVersion"/>: the EF Core repository must refuse it.</summary>
public sealed class UnversionedState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    public string CurrentState { get; set; } = string.Empty;
}

public sealed class UnversionedStateMachine : MassTransitStateMachine<UnversionedState>
{
    public UnversionedStateMachine()
    {
        InstanceState(x => x.CurrentState);
        Event(() => Opened, e => e.CorrelateById(m => m.Message.CounterId));
        Initially(When(Opened).TransitionTo(Open));
    }

    public State Open { get; private set; } = null!;

    public Event<CounterOpened> Opened { get; private set; } = null!;
}
