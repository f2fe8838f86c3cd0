using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace Connector.Persistence.Sagas;

/// <summary>
/// The repository as one message sees it: every call runs on the message's <typeparamref name="TDbContext"/>,
/// inside the transaction that <see cref="EfCoreSagaRepositoryContextFactory{TSaga,TDbContext}"/> opened.
/// </summary>
/// <remarks>
/// The version column is the optimistic lock: the repository sets it to 1 on insert and increments it on
/// every write, and EF Core adds the loaded value to the UPDATE/DELETE predicate. A write that matches no
/// row, or an insert that hits the key, lost a race and becomes a <see cref="ConcurrencyException"/>.
/// </remarks>
internal sealed class EfCoreSagaRepositoryContext<TSaga, TMessage, TDbContext> : ConsumeContextScope<TMessage>,
    SagaRepositoryContext<TSaga, TMessage>
    where TSaga : class, ISagaVersion
    where TMessage : class
    where TDbContext : DbContext
{
    private readonly TDbContext _dbContext;
    private readonly ConsumeContext<TMessage> _consumeContext;
    private readonly ISagaConsumeContextFactory<TDbContext, TSaga> _factory;

    // The DbContext goes in as a payload too, so filters further down the saga pipe can reach it.
    public EfCoreSagaRepositoryContext(TDbContext dbContext, ConsumeContext<TMessage> consumeContext,
        ISagaConsumeContextFactory<TDbContext, TSaga> factory)
        : base(consumeContext, dbContext)
    {
        _dbContext = dbContext;
        _consumeContext = consumeContext;
        _factory = factory;
    }

    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        _factory.CreateSagaConsumeContext(_dbContext, _consumeContext, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        ArgumentNullException.ThrowIfNull(instance);

        instance.Version = 1;
        var entry = _dbContext.Set<TSaga>().Add(instance);
        try
        {
            await _dbContext.SaveChangesAsync(CancellationToken);
        }
        catch (DbUpdateException exception) when (LostRace.IsLostRace(exception))
        {
            // Pre-insert found the row already there: forget our copy so the pipe falls back to Load.
            // EF Core wraps SaveChanges in a savepoint inside our transaction, so the transaction stays usable.
            entry.State = EntityState.Detached;
            return null!;
        }

        return await _factory.CreateSagaConsumeContext(_dbContext, _consumeContext, instance, SagaConsumeContextMode.Insert);
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        var instance = await SagaQueries<TDbContext, TSaga>.LoadTracked(_dbContext, correlationId, CancellationToken);
        return instance is null
            ? null!
            : await _factory.CreateSagaConsumeContext(_dbContext, _consumeContext, instance, SagaConsumeContextMode.Load);
    }

    public Task Save(SagaConsumeContext<TSaga> context)
    {
        ArgumentNullException.ThrowIfNull(context);

        context.Saga.Version = 1;
        _dbContext.Set<TSaga>().Add(context.Saga);
        return SaveChangesAsync(context.Saga);
    }

    public Task Update(SagaConsumeContext<TSaga> context)
    {
        ArgumentNullException.ThrowIfNull(context);

        var entry = _dbContext.Entry(context.Saga);
        entry.DetectChanges();
        if (entry.State == EntityState.Unchanged)
            return Task.CompletedTask; // an ignored or replayed message: nothing to write, no version to spend

        context.Saga.Version++;
        return SaveChangesAsync(context.Saga);
    }

    public Task Delete(SagaConsumeContext<TSaga> context)
    {
        ArgumentNullException.ThrowIfNull(context);

        _dbContext.Set<TSaga>().Remove(context.Saga);
        return SaveChangesAsync(context.Saga);
    }

    public Task Discard(SagaConsumeContext<TSaga> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Forget(context.Saga);
        return Task.CompletedTask;
    }

    public Task Undo(SagaConsumeContext<TSaga> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Forget(context.Saga);
        return Task.CompletedTask;
    }

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance,
        SagaConsumeContextMode mode)
        where T : class =>
        _factory.CreateSagaConsumeContext(_dbContext, consumeContext, instance, mode);

    private async Task SaveChangesAsync(TSaga instance)
    {
        try
        {
            await _dbContext.SaveChangesAsync(CancellationToken);
        }
        catch (DbUpdateException exception) when (LostRace.IsLostRace(exception))
        {
            throw LostRace.ToConcurrencyException(exception, typeof(TSaga), instance.CorrelationId);
        }
    }

    private void Forget(TSaga instance)
    {
        var entry = _dbContext.Entry(instance);
        if (entry.State != EntityState.Detached)
            entry.State = EntityState.Detached;
    }
}
