using MassTransit;
using MassTransit.Middleware;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace Connector.Persistence.Sagas;

/// <summary>
/// Read-only access outside message handling (load-based correlation, saga test harnesses): no transaction,
/// no tracking, nothing written.
/// </summary>
internal sealed class EfCoreSagaReadContext<TSaga, TDbContext>(TDbContext dbContext, CancellationToken cancellationToken)
    : BasePipeContext(cancellationToken), LoadSagaRepositoryContext<TSaga>, QuerySagaRepositoryContext<TSaga>
    where TSaga : class, ISagaVersion
    where TDbContext : DbContext
{
    public async Task<TSaga> Load(Guid correlationId) =>
        (await SagaQueries<TDbContext, TSaga>.LoadUntracked(dbContext, correlationId, CancellationToken))!;

    public async Task<SagaRepositoryQueryContext<TSaga>> Query(ISagaQuery<TSaga> query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);

        var ids = await dbContext.Set<TSaga>()
            .AsNoTracking()
            .Where(query.FilterExpression)
            .Select(x => x.CorrelationId)
            .ToListAsync(cancellationToken);
        return new DefaultSagaRepositoryQueryContext<TSaga>(this, ids);
    }
}
