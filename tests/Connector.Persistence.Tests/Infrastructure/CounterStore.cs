using Connector.Persistence.Sqlite;
using Connector.Persistence.Tests.Sample;
using Microsoft.EntityFrameworkCore;

namespace Connector.Persistence.Tests.Infrastructure;

/// <summary>Reads and writes the counter table directly, outside any bus, as an independent observer.</summary>
public static class CounterStore
{
    public static CounterDbContext Open(string connectionString) =>
        new(new DbContextOptionsBuilder<CounterDbContext>().UseSagaSqlite(connectionString).Options);

    public static async Task<CounterState?> FindAsync(string connectionString, Guid id)
    {
        await using var db = Open(connectionString);
        return await db.Set<CounterState>().AsNoTracking().SingleOrDefaultAsync(x => x.CorrelationId == id);
    }

    /// <summary>Polls until <paramref name="condition"/> holds for the stored instance, or fails after <paramref name="timeout"/>.</summary>
    public static async Task<CounterState?> WaitForAsync(string connectionString, Guid id, Func<CounterState?, bool> condition, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            var state = await FindAsync(connectionString, id);
            if (condition(state))
                return state;
            if (cts.IsCancellationRequested)
                return state;
            await Task.Delay(50, CancellationToken.None);
        }
    }
}
