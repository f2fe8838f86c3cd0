using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Connector.Persistence.Sagas;

/// <summary>Compiled once per (context, saga) pair: the per-message load skips LINQ translation entirely.</summary>
internal static class SagaQueries<TDbContext, TSaga>
    where TDbContext : DbContext
    where TSaga : class, ISagaVersion
{
    /// <summary>Loads one instance, tracked, so the repository can detect changes and check its version.</summary>
    public static readonly Func<TDbContext, Guid, CancellationToken, Task<TSaga?>> LoadTracked =
        EF.CompileAsyncQuery((TDbContext db, Guid id, CancellationToken _) =>
            db.Set<TSaga>().AsTracking().FirstOrDefault(x => x.CorrelationId == id));

    /// <summary>Loads one instance for reading only (saga harnesses, load-based correlation).</summary>
    public static readonly Func<TDbContext, Guid, CancellationToken, Task<TSaga?>> LoadUntracked =
        EF.CompileAsyncQuery((TDbContext db, Guid id, CancellationToken _) =>
            db.Set<TSaga>().AsNoTracking().FirstOrDefault(x => x.CorrelationId == id));
}
