using MassTransit;

namespace Connector.Persistence.Tests.Sample;

/// <summary>
/// A counter that any increment may create (so concurrent first messages race to insert), that ignores a
/// second open (a message that changes nothing), that a seed pre-inserts (InsertOnInitial), and that is
/// deleted when closed.
/// </summary>
public sealed class CounterStateMachine : MassTransitStateMachine<CounterState>
{
    public CounterStateMachine()
    {
        InstanceState(x => x.CurrentState);

        Event(() => Opened, e => e.CorrelateById(m => m.Message.CounterId));
        Event(() => Incremented, e => e.CorrelateById(m => m.Message.CounterId));
        Event(() => Closed, e =>
        {
            e.CorrelateById(m => m.Message.CounterId);
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => Seeded, e =>
        {
            e.CorrelateById(m => m.Message.CounterId);
            e.InsertOnInitial = true;
            e.SetSagaFactory(m => new CounterState { CorrelationId = m.Message.CounterId, Count = m.Message.Start });
        });
        Event(() => LabelReset, e =>
        {
            e.CorrelateBy((saga, m) => saga.Label == m.Message.Label);
            e.OnMissingInstance(m => m.Discard());
        });

        Initially(
            When(Opened)
                .Then(c => c.Saga.Label = c.Message.Label)
                .TransitionTo(Counting),
            When(Incremented)
                .Then(c => c.Saga.Count += c.Message.By)
                .TransitionTo(Counting),
            When(Seeded)
                .TransitionTo(Counting));

        During(Counting,
            Ignore(Opened),
            Ignore(Seeded),
            When(Incremented)
                .Then(c => c.Saga.Count += c.Message.By),
            When(LabelReset)
                .Then(c => c.Saga.Count = 0),
            When(Closed)
                .Finalize());

        SetCompletedWhenFinalized();
    }

    public State Counting { get; private set; } = null!;

    public Event<CounterOpened> Opened { get; private set; } = null!;

    public Event<CounterIncremented> Incremented { get; private set; } = null!;

    public Event<CounterClosed> Closed { get; private set; } = null!;

    public Event<CounterSeeded> Seeded { get; private set; } = null!;

    public Event<CountersWithLabelReset> LabelReset { get; private set; } = null!;
}
