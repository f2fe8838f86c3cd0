using Connector.Contracts;
using Connector.IocSync.Writer;
using MassTransit;

namespace Connector.IocSync.StateMachines;

/// <summary>
/// One saga per IOC. Every event first updates the saga's picture (claims, applied state, the write in flight),
/// then the same step compares desired with applied and sends at most one <see cref="SyncIoc"/>.
/// The state names only show where the saga stands; the decisions come from <see cref="IocSyncDecider"/>.
/// </summary>
public sealed class IocStateMachine : MassTransitStateMachine<IocSagaState>
{
    private readonly IocSyncDecider _decider;
    private readonly TimeProvider _time;

    public IocStateMachine(IocSyncDecider decider, TimeProvider time)
    {
        _decider = decider ?? throw new ArgumentNullException(nameof(decider));
        _time = time ?? throw new ArgumentNullException(nameof(time));

        InstanceState(x => x.CurrentState);

        // Claims and observations may be the first thing a saga hears of its IOC; answers to writes never are.
        Event(() => IndicatorChanged, e =>
        {
            e.CorrelateById(c => c.Message.Key.CorrelationId);
            e.InsertOnInitial = true;
            e.SetSagaFactory(c => NewSaga(c.Message.Key));
        });
        Event(() => Observed, e =>
        {
            e.CorrelateById(c => c.Message.Key.CorrelationId);
            e.InsertOnInitial = true;
            e.SetSagaFactory(c => NewSaga(c.Message.Key));
        });
        Event(() => Orphaned, e =>
        {
            e.CorrelateById(c => c.Message.Key.CorrelationId);
            e.InsertOnInitial = true;
            e.SetSagaFactory(c => NewSaga(c.Message.Key));
        });
        Event(() => Redriven, e =>
        {
            e.CorrelateById(c => c.Message.CorrelationId);
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => Synced, e =>
        {
            e.CorrelateById(c => c.Message.CorrelationId);
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => SyncFailed, e =>
        {
            e.CorrelateById(c => c.Message.CorrelationId);
            e.OnMissingInstance(m => m.Discard());
        });

        Initially(
            Handle(IndicatorChanged, c => IocSyncDecider.ApplyClaim(c.Saga, c.Message)),
            Handle(Observed, c => IocSyncDecider.Observe(c.Saga, c.Message)),
            Handle(Orphaned, c => IocSyncDecider.Orphan(c.Saga, c.Message)));

        During(InSync, Writing, Blocked,
            Handle(IndicatorChanged, c => IocSyncDecider.ApplyClaim(c.Saga, c.Message)),
            Handle(Observed, c => IocSyncDecider.Observe(c.Saga, c.Message)),
            Handle(Orphaned, c => IocSyncDecider.Orphan(c.Saga, c.Message)),
            Handle(Redriven, c => IocSyncDecider.Redrive(c.Saga, c.Message)),
            Handle(Synced, c => IocSyncDecider.Confirm(c.Saga, c.Message)),
            Handle(SyncFailed, c => _decider.Fail(c.Saga, c.Message)));
    }

    /// <summary>Falcon matches what the claimants want (or nothing is wanted and nothing is there).</summary>
    public State InSync { get; private set; } = null!;

    /// <summary>A write is in flight.</summary>
    public State Writing { get; private set; } = null!;

    /// <summary>The needed write failed for good; it waits for a change of desired state or an observation.</summary>
    public State Blocked { get; private set; } = null!;

    public Event<IndicatorChanged> IndicatorChanged { get; private set; } = null!;

    public Event<IocObserved> Observed { get; private set; } = null!;

    public Event<IocOrphaned> Orphaned { get; private set; } = null!;

    public Event<RedriveIoc> Redriven { get; private set; } = null!;

    public Event<IocSynced> Synced { get; private set; } = null!;

    public Event<IocSyncFailed> SyncFailed { get; private set; } = null!;

    /// <summary>The one shape of every handler: update the picture, send what is needed, show where the saga stands.</summary>
    private EventActivityBinder<IocSagaState, TMessage> Handle<TMessage>(
        Event<TMessage> @event, Action<BehaviorContext<IocSagaState, TMessage>> update)
        where TMessage : class =>
        When(@event)
            .Then(update)
            .ThenAsync(SyncIfOutOfStep)
            .IfElse(c => c.Saga.WriteId is not null,
                writing => writing.TransitionTo(Writing),
                idle => idle.IfElse(c => c.Saga.BlockedOperation is not null,
                    blocked => blocked.TransitionTo(Blocked),
                    inSync => inSync.TransitionTo(InSync)));

    private async Task SyncIfOutOfStep<TMessage>(BehaviorContext<IocSagaState, TMessage> context)
        where TMessage : class
    {
        var now = _time.GetUtcNow();
        context.Saga.UpdatedAt = now;
        if (_decider.NextWrite(context.Saga, now) is { } command)
        {
            var endpoint = await context.GetSendEndpoint(FalconWriterEndpoint.Address);
            await endpoint.Send(command, context.CancellationToken);
        }
    }

    private static IocSagaState NewSaga(IocKey key) => new()
    {
        CorrelationId = key.CorrelationId,
        Type = key.Type,
        Value = key.Value,
    };
}
