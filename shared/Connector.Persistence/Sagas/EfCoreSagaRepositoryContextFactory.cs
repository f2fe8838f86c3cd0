using Connector.Persistence.Schema;
using MassTransit;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Connector.Persistence.Sagas;

/// <summary>
/// MassTransit's entry point into the EF Core saga store. Resolved once per message scope, so it works on that
/// scope's <typeparamref name="TDbContext"/>. Each message runs in one database transaction: load by
/// correlation id, run the state machine, then insert, update or delete, then commit.
/// </summary>
/// <typeparam name="TSaga">The saga state; its <see cref="ISagaVersion.Version"/> is the optimistic lock.</typeparam>
/// <typeparam name="TDbContext">The context that maps <typeparamref name="TSaga"/> (see <see cref="SagaModelBuilderExtensions"/>).</typeparam>
public sealed class EfCoreSagaRepositoryContextFactory<TSaga, TDbContext>(
    TDbContext dbContext,
    ISagaConsumeContextFactory<TDbContext, TSaga> consumeContextFactory,
    SagaSchemaInitializer<TDbContext> schema,
    SagaWriteGate<TDbContext> writeGate,
    ILogger<EfCoreSagaRepositoryContextFactory<TSaga, TDbContext>> logger)
    : ISagaRepositoryContextFactory<TSaga>, ILoadSagaRepositoryContextFactory<TSaga>, IQuerySagaRepositoryContextFactory<TSaga>
    where TSaga : class, ISagaVersion
    where TDbContext : DbContext
{
    /// <inheritdoc />
    public void Probe(ProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Add("persistence", "entity-framework-core");
        context.Add("provider", dbContext.Database.ProviderName ?? "unknown");
        context.Add("dbContext", typeof(TDbContext).Name);
    }

    /// <inheritdoc />
    public Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        return InTransaction(context, () =>
        {
            var repositoryContext = new EfCoreSagaRepositoryContext<TSaga, T, TDbContext>(dbContext, context, consumeContextFactory);
            return next.Send(repositoryContext);
        });
    }

    /// <inheritdoc />
    public Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(next);

        return InTransaction(context, async () =>
        {
            var ids = await dbContext.Set<TSaga>()
                .AsNoTracking()
                .Where(query.FilterExpression)
                .Select(x => x.CorrelationId)
                .ToListAsync(context.CancellationToken);

            var repositoryContext = new EfCoreSagaRepositoryContext<TSaga, T, TDbContext>(dbContext, context, consumeContextFactory);
            await next.Send(new DefaultSagaRepositoryQueryContext<TSaga, T>(repositoryContext, ids));
        });
    }

    /// <inheritdoc />
    public Task<T> Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(asyncMethod);
        return Read(asyncMethod, cancellationToken);
    }

    /// <inheritdoc />
    public Task<T> Execute<T>(Func<QuerySagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(asyncMethod);
        return Read(asyncMethod, cancellationToken);
    }

    private async Task<T> Read<T>(Func<EfCoreSagaReadContext<TSaga, TDbContext>, Task<T>> asyncMethod, CancellationToken cancellationToken)
    {
        await schema.EnsureCreatedAsync(cancellationToken);
        return await asyncMethod(new EfCoreSagaReadContext<TSaga, TDbContext>(dbContext, cancellationToken));
    }

    private async Task InTransaction(ConsumeContext context, Func<Task> body)
    {
        var cancellationToken = context.CancellationToken;
        await schema.EnsureCreatedAsync(cancellationToken);

        try
        {
            await InTransactionCore(context, body, cancellationToken);
        }
        catch (ConcurrencyException)
        {
            logger.LostRace(typeof(TSaga).Name, context.CorrelationId);
            throw;
        }
    }

    private async Task InTransactionCore(ConsumeContext context, Func<Task> body, CancellationToken cancellationToken)
    {
        using var gate = await writeGate.EnterAsync(dbContext, cancellationToken);

        // A provider with a retrying execution strategy (e.g. Npgsql's EnableRetryOnFailure) refuses user
        // transactions outside ExecuteAsync. It replays the whole unit, state machine included, so each attempt
        // starts from an empty change tracker; prefer leaving it off and letting UseMessageRetry retry.
        var strategy = dbContext.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            dbContext.ChangeTracker.Clear();
            await using var transaction = await dbContext.Database.BeginTransactionAsync(cancellationToken);
            await body();
            try
            {
                await transaction.CommitAsync(cancellationToken);
            }
            catch (Exception exception) when (LostRace.IsLostRace(exception))
            {
                throw LostRace.ToConcurrencyException(exception, typeof(TSaga), context.CorrelationId ?? Guid.Empty);
            }
        });

        dbContext.ChangeTracker.Clear();
    }
}
