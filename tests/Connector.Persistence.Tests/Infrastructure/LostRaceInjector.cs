using Connector.Persistence.Tests.Sample;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Connector.Persistence.Tests.Infrastructure;

/// <summary>
/// Plays "another replica" inside the saga's own transaction, just before EF Core writes: it bumps the stored
/// version of a counter being updated, or inserts the counter being inserted. EF Core's write then loses the
/// race for real (version mismatch, or primary key violation in SQLite); our transaction rolls both back.
/// </summary>
public sealed class LostRaceInjector : SaveChangesInterceptor
{
    private int _updatesToSpoil;
    private int _insertsToSpoil;

    public void SpoilNextUpdates(int count) => Interlocked.Exchange(ref _updatesToSpoil, count);

    public void SpoilNextInserts(int count) => Interlocked.Exchange(ref _insertsToSpoil, count);

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db)
        {
            foreach (var entry in db.ChangeTracker.Entries<CounterState>().ToList())
            {
                var id = entry.Entity.CorrelationId.ToString("D").ToUpperInvariant();
                if (entry.State == EntityState.Modified && TryTake(ref _updatesToSpoil))
                {
                    await db.Database.ExecuteSqlAsync(
                        $"UPDATE counter_state SET Version = Version + 1 WHERE CorrelationId = {id}", cancellationToken);
                }
                else if (entry.State == EntityState.Added && TryTake(ref _insertsToSpoil))
                {
                    await db.Database.ExecuteSqlAsync(
                        $"INSERT INTO counter_state (CorrelationId, Version, CurrentState, Count) VALUES ({id}, 1, 'Counting', 0)",
                        cancellationToken);
                }
            }
        }

        return result;
    }

    private static bool TryTake(ref int budget)
    {
        while (true)
        {
            var current = Volatile.Read(ref budget);
            if (current <= 0)
                return false;
            if (Interlocked.CompareExchange(ref budget, current - 1, current) == current)
                return true;
        }
    }
}
