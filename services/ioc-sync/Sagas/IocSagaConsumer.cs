using Connector.Contracts;
using Connector.IocSync.Telemetry;
using MassTransit;

namespace Connector.IocSync.Sagas;

/// <summary>
/// The IOC sagas' queue: claims from stream-ingest and the reconciler, observations, orphans and re-drives, each
/// taken in batches and applied by <see cref="IocSagaBatch"/>. Answers of the Falcon writer normally never come
/// here (the writer applies them itself); the ones that do were queued by an older version before an upgrade.
/// </summary>
public sealed class IocSagaConsumer(IocSagaBatch sagas, IocSyncDecider decider) :
    IConsumer<Batch<IndicatorChanged>>,
    IConsumer<Batch<IocObserved>>,
    IConsumer<Batch<IocOrphaned>>,
    IConsumer<Batch<RedriveIoc>>,
    IConsumer<Batch<IocSynced>>,
    IConsumer<Batch<IocSyncFailed>>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<Batch<IndicatorChanged>> context) => ApplyAsync(context, m => IocSagaEvent.Of(m.Message, MessageTrace.Of(m)));

    /// <inheritdoc />
    public Task Consume(ConsumeContext<Batch<IocObserved>> context) => ApplyAsync(context, m => IocSagaEvent.Of(m.Message, MessageTrace.Of(m)));

    /// <inheritdoc />
    public Task Consume(ConsumeContext<Batch<IocOrphaned>> context) => ApplyAsync(context, m => IocSagaEvent.Of(m.Message, MessageTrace.Of(m)));

    /// <inheritdoc />
    public Task Consume(ConsumeContext<Batch<RedriveIoc>> context) => ApplyAsync(context, m => IocSagaEvent.Of(m.Message, MessageTrace.Of(m)));

    /// <inheritdoc />
    public Task Consume(ConsumeContext<Batch<IocSynced>> context) => ApplyAsync(context, m => IocSagaEvent.Of(m.Message, MessageTrace.Of(m)));

    /// <inheritdoc />
    public Task Consume(ConsumeContext<Batch<IocSyncFailed>> context) => ApplyAsync(context, m => IocSagaEvent.Of(m.Message, decider, MessageTrace.Of(m)));

    private async Task ApplyAsync<T>(ConsumeContext<Batch<T>> context, Func<ConsumeContext<T>, IocSagaEvent> toEvent)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        var events = context.Message.Select(toEvent).ToList();
        await sagas.ApplyAsync(typeof(T).Name, events, context, context.CancellationToken);
    }
}
