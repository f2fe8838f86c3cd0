using Connector.IocSync.Sagas;
using Microsoft.EntityFrameworkCore;

namespace Connector.IocSync.Persistence;

/// <summary>The ioc-sync store: one table of IOC sagas.</summary>
public sealed class IocSyncDbContext(DbContextOptions<IocSyncDbContext> options) : DbContext(options)
{
    /// <summary>The IOC sagas.</summary>
    public DbSet<IocSagaState> IocSagas => Set<IocSagaState>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder) => IocSagaStateMapping.Map(modelBuilder);
}
