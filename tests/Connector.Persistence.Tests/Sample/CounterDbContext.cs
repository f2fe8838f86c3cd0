using Connector.Persistence.Sagas;
using Microsoft.EntityFrameworkCore;

namespace Connector.Persistence.Tests.Sample;

public sealed class CounterDbContext(DbContextOptions<CounterDbContext> options) : DbContext(options)
{
    public const string Table = "counter_state";

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Saga<CounterState>(e =>
        {
            e.ToTable(Table);
            e.Property(x => x.CurrentState).HasMaxLength(64);
            e.Property(x => x.Label).HasMaxLength(64);
            e.HasIndex(x => x.Label);
        });
}
