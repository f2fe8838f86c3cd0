using System.Data.Common;
using Connector.Persistence.Sagas;
using Connector.Persistence.Tests.Infrastructure;
using Connector.Persistence.Tests.Sample;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Connector.Persistence.Tests;

/// <summary>Which store errors count as a lost race, checked on errors produced by a real SQLite file.</summary>
public sealed class LostRaceTests : IAsyncLifetime, IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_database.Folder);
        await using var db = CounterStore.Open(_database.ConnectionString);
        await db.Database.EnsureCreatedAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_stale_version_on_update_is_a_lost_race_and_becomes_ConcurrencyException()
    {
        var id = NewId.NextGuid();
        await SeedAsync(id);
        await using var stale = CounterStore.Open(_database.ConnectionString);
        var staleCopy = await stale.Set<CounterState>().AsTracking().SingleAsync(x => x.CorrelationId == id);
        await using (var winner = CounterStore.Open(_database.ConnectionString))
        {
            var current = await winner.Set<CounterState>().AsTracking().SingleAsync(x => x.CorrelationId == id);
            current.Count = 10;
            current.Version++;
            await winner.SaveChangesAsync();
        }

        staleCopy.Count = 20;
        staleCopy.Version++;
        var error = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());

        Assert.True(LostRace.IsLostRace(error));
        var translated = LostRace.ToConcurrencyException(error, typeof(CounterState), id);
        Assert.IsType<ConcurrencyException>(translated);
        Assert.Same(error, translated.InnerException);
        Assert.Equal(id, translated.CorrelationId);
        Assert.Equal(typeof(CounterState), translated.SagaType);
    }

    [Fact]
    public async Task A_duplicate_correlation_id_on_insert_is_a_lost_race()
    {
        var id = NewId.NextGuid();
        await SeedAsync(id);
        await using var late = CounterStore.Open(_database.ConnectionString);
        late.Add(new CounterState { CorrelationId = id, Version = 1, CurrentState = "Counting" });

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => late.SaveChangesAsync());

        Assert.True(LostRace.IsLostRace(error));
    }

    [Fact]
    public async Task A_violated_NOT_NULL_constraint_is_not_a_lost_race()
    {
        await using var db = CounterStore.Open(_database.ConnectionString);
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"INSERT INTO {CounterDbContext.Table} (CorrelationId, Version, CurrentState, Count) VALUES ('x', 1, NULL, 0)";

        var error = await Assert.ThrowsAnyAsync<DbException>(() => command.ExecuteNonQueryAsync());

        Assert.False(LostRace.IsLostRace(error));
    }

    [Theory]
    [InlineData("23505", true)]  // unique_violation: a concurrent insert of the same id
    [InlineData("40001", true)]  // serialization_failure
    [InlineData("40P01", true)]  // deadlock_detected
    [InlineData("23503", false)] // foreign_key_violation: a bug, not a race
    [InlineData("42P01", false)] // undefined_table: a missing schema, not a race
    [InlineData(null, false)]
    public void Postgres_errors_are_classified_by_SQLSTATE(string? sqlState, bool lostRace)
    {
        var error = new DbUpdateException("save failed", new StateDbException(sqlState));

        Assert.Equal(lostRace, LostRace.IsLostRace(error));
    }

    [Fact]
    public void An_unrelated_exception_is_not_a_lost_race() =>
        Assert.False(LostRace.IsLostRace(new InvalidOperationException("boom", new TimeoutException())));

    private async Task SeedAsync(Guid id)
    {
        await using var db = CounterStore.Open(_database.ConnectionString);
        db.Add(new CounterState { CorrelationId = id, Version = 1, CurrentState = "Counting" });
        await db.SaveChangesAsync();
    }

    private sealed class StateDbException(string? sqlState) : DbException("provider error")
    {
        public override string? SqlState => sqlState;
    }
}
