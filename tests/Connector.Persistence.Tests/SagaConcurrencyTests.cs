using Connector.Persistence.Tests.Infrastructure;
using Connector.Persistence.Tests.Sample;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Connector.Persistence.Tests;

/// <summary>
/// Many consumers on one instance: every message applied exactly once, races lost in the store surface as
/// <see cref="ConcurrencyException"/> and are retried.
/// </summary>
public sealed class SagaConcurrencyTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempSqliteDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task When_200_increments_race_on_one_instance_then_each_is_applied_exactly_once()
    {
        await using var host = await CounterHost.StartAsync(_database.ConnectionString, new CounterSagaSettings(ConcurrentMessageLimit: 16));
        var id = NewId.NextGuid();
        await host.Harness.Bus.Publish(new CounterOpened(id));
        await CounterStore.WaitForAsync(_database.ConnectionString, id, s => s is not null, Patience);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => host.Harness.Bus.Publish(new CounterIncremented(id))));

        var stored = await CounterStore.WaitForAsync(_database.ConnectionString, id, s => s?.Count >= 200, Patience);
        await host.Harness.InactivityTask;
        stored = await CounterStore.FindAsync(_database.ConnectionString, id);
        Assert.NotNull(stored);
        Assert.Equal(200, stored.Count);
        Assert.Equal(201, stored.Version); // one insert + one write per increment, none lost, none doubled
        Assert.Empty(host.Settings.Retries.Faulted);
    }

    [Fact]
    public async Task When_first_messages_for_a_new_id_race_then_one_insert_wins_and_all_are_applied()
    {
        await using var host = await CounterHost.StartAsync(_database.ConnectionString, new CounterSagaSettings(ConcurrentMessageLimit: 16));
        var id = NewId.NextGuid();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => host.Harness.Bus.Publish(new CounterIncremented(id))));

        await CounterStore.WaitForAsync(_database.ConnectionString, id, s => s?.Count >= 50, Patience);
        await host.Harness.InactivityTask;
        var stored = await CounterStore.FindAsync(_database.ConnectionString, id);
        Assert.NotNull(stored);
        Assert.Equal(50, stored.Count);
        Assert.Equal(50, stored.Version);
        Assert.Empty(host.Settings.Retries.Faulted);
    }

    [Fact]
    public async Task When_two_processes_share_one_file_then_increments_from_both_are_applied_exactly_once()
    {
        // Two containers have two write gates: only SQLite's own lock (BEGIN IMMEDIATE + busy_timeout)
        // keeps them apart, as it would for two service processes on one volume.
        await using var first = await CounterHost.StartAsync(_database.ConnectionString, new CounterSagaSettings(ConcurrentMessageLimit: 8));
        await using var second = await CounterHost.StartAsync(_database.ConnectionString, new CounterSagaSettings(ConcurrentMessageLimit: 8));
        var id = NewId.NextGuid();

        await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            (i % 2 == 0 ? first : second).Harness.Bus.Publish(new CounterIncremented(id))));

        await CounterStore.WaitForAsync(_database.ConnectionString, id, s => s?.Count >= 60, Patience);
        await Task.WhenAll(first.Harness.InactivityTask, second.Harness.InactivityTask);
        var stored = await CounterStore.FindAsync(_database.ConnectionString, id);
        Assert.NotNull(stored);
        Assert.Equal(60, stored.Count);
        Assert.Equal(60, stored.Version);
        Assert.Empty(first.Settings.Retries.Faulted);
        Assert.Empty(second.Settings.Retries.Faulted);
    }

    [Fact]
    public async Task When_an_update_loses_the_version_race_then_it_is_retried_as_ConcurrencyException_and_applied_once()
    {
        await using var host = await CounterHost.StartAsync(_database.ConnectionString);
        var id = NewId.NextGuid();
        await host.Harness.Bus.Publish(new CounterOpened(id));
        await CounterStore.WaitForAsync(_database.ConnectionString, id, s => s is not null, Patience);

        host.Injector.SpoilNextUpdates(3);
        await host.Harness.Bus.Publish(new CounterIncremented(id, 7));

        var stored = await CounterStore.WaitForAsync(_database.ConnectionString, id, s => s?.Count == 7, Patience);
        await host.Harness.InactivityTask;
        Assert.NotNull(stored);
        Assert.Equal(7, (await CounterStore.FindAsync(_database.ConnectionString, id))?.Count);
        Assert.Equal(2, stored.Version); // the spoiled bumps were rolled back with their transactions
        Assert.Equal(3, host.Settings.Retries.Retried.Count);
        Assert.All(host.Settings.Retries.Retried, e =>
        {
            var concurrency = Assert.IsType<ConcurrencyException>(e);
            Assert.Equal(id, concurrency.CorrelationId);
            Assert.Equal(typeof(CounterState), concurrency.SagaType);
            Assert.IsType<DbUpdateConcurrencyException>(concurrency.InnerException);
        });
        Assert.Empty(host.Settings.Retries.Faulted);
    }

    [Fact]
    public async Task When_an_insert_loses_the_key_race_then_it_is_retried_as_ConcurrencyException_and_updates_the_winner()
    {
        await using var host = await CounterHost.StartAsync(_database.ConnectionString);
        var id = NewId.NextGuid();

        host.Injector.SpoilNextInserts(1);
        await host.Harness.Bus.Publish(new CounterIncremented(id, 4));

        var stored = await CounterStore.WaitForAsync(_database.ConnectionString, id, s => s?.Count == 4, Patience);
        await host.Harness.InactivityTask;
        Assert.NotNull(stored);
        Assert.Equal(1, stored.Version);
        var retried = Assert.Single(host.Settings.Retries.Retried);
        var concurrency = Assert.IsType<ConcurrencyException>(retried);
        var sqlite = Assert.IsType<SqliteException>(Assert.IsType<DbUpdateException>(concurrency.InnerException).InnerException);
        Assert.Equal(19, sqlite.SqliteErrorCode); // SQLITE_CONSTRAINT
    }

    [Fact]
    public async Task When_races_outlast_the_retry_limit_then_the_message_faults_with_ConcurrencyException_and_nothing_is_written()
    {
        await using var host = await CounterHost.StartAsync(_database.ConnectionString, new CounterSagaSettings(RetryLimit: 2));
        var id = NewId.NextGuid();
        await host.Harness.Bus.Publish(new CounterOpened(id));
        await CounterStore.WaitForAsync(_database.ConnectionString, id, s => s is not null, Patience);

        host.Injector.SpoilNextUpdates(10);
        await host.Harness.Bus.Publish(new CounterIncremented(id, 1));

        Assert.True(await host.Harness.Published.Any<Fault<CounterIncremented>>());
        var fault = (await host.Harness.Published.SelectAsync<Fault<CounterIncremented>>().First()).Context.Message;
        Assert.Contains(fault.Exceptions, e => e.ExceptionType == typeof(ConcurrencyException).FullName);
        var stored = await CounterStore.FindAsync(_database.ConnectionString, id);
        Assert.NotNull(stored);
        Assert.Equal(0, stored.Count);
        Assert.Equal(1, stored.Version);
    }
}
