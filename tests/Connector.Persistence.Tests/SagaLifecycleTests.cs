using Connector.Persistence.Tests.Infrastructure;
using Connector.Persistence.Tests.Sample;
using MassTransit;
using MassTransit.Saga;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Persistence.Tests;

/// <summary>Create, update and finalize a saga through MassTransit's in-memory harness on a real SQLite file.</summary>
public sealed class SagaLifecycleTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TempSqliteDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task When_the_first_message_arrives_then_the_instance_is_inserted_with_version_1()
    {
        await using var host = await CounterHost.StartAsync(_database.ConnectionString);
        var id = NewId.NextGuid();

        await host.Harness.Bus.Publish(new CounterOpened(id, "alpha"));

        var stored = await CounterStore.WaitForAsync(_database.ConnectionString, id, s => s is not null, Patience);
        Assert.NotNull(stored);
        Assert.Equal("Counting", stored.CurrentState);
        Assert.Equal("alpha", stored.Label);
        Assert.Equal(0, stored.Count);
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task When_an_event_changes_the_instance_then_the_change_is_stored_and_the_version_increments()
    {
        await using var host = await CounterHost.StartAsync(_database.ConnectionString);
        var id = NewId.NextGuid();

        await host.Harness.Bus.Publish(new CounterOpened(id));
        await CounterStore.WaitForAsync(_database.ConnectionString, id, s => s is not null, Patience);
        await host.Harness.Bus.Publish(new CounterIncremented(id, 5));

        var stored = await CounterStore.WaitForAsync(_database.ConnectionString, id, s => s?.Count == 5, Patience);
        Assert.NotNull(stored);
        Assert.Equal(5, stored.Count);
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public async Task When_an_event_changes_nothing_then_no_write_happens_and_the_version_stays()
    {
        await using var host = await CounterHost.StartAsync(_database.ConnectionString);
        var id = NewId.NextGuid();
        await host.Harness.Bus.Publish(new CounterOpened(id));
        await CounterStore.WaitForAsync(_database.ConnectionString, id, s => s is not null, Patience);

        // A second open is ignored while counting: the repository must not spend a version on it.
        await host.Harness.Bus.Publish(new CounterOpened(id, "ignored"));
        Assert.True(await host.Harness.Consumed.Any<CounterOpened>(x => x.Context.Message.Label == "ignored"));
        await host.Harness.InactivityTask;

        var stored = await CounterStore.FindAsync(_database.ConnectionString, id);
        Assert.NotNull(stored);
        Assert.Equal(1, stored.Version);
        Assert.Null(stored.Label);
    }

    [Fact]
    public async Task When_a_pre_inserted_instance_already_exists_then_the_duplicate_insert_falls_back_to_load()
    {
        await using var host = await CounterHost.StartAsync(_database.ConnectionString);
        var id = NewId.NextGuid();
        await host.Harness.Bus.Publish(new CounterSeeded(id, 10));
        await CounterStore.WaitForAsync(_database.ConnectionString, id, s => s?.CurrentState == "Counting", Patience);

        // The second seed's pre-insert hits the key; the same transaction must then load and ignore it.
        await host.Harness.Bus.Publish(new CounterSeeded(id, 99));
        await host.Harness.Bus.Publish(new CounterIncremented(id, 1));

        var stored = await CounterStore.WaitForAsync(_database.ConnectionString, id, s => s?.Count == 11, Patience);
        await host.Harness.InactivityTask;
        Assert.NotNull(stored);
        Assert.Equal(11, (await CounterStore.FindAsync(_database.ConnectionString, id))?.Count);
        Assert.Equal(3, stored.Version); // insert, transition to Counting, increment
        Assert.Empty(host.Settings.Retries.Retried);
        Assert.False(await host.Harness.Published.Any<Fault<CounterSeeded>>());
    }

    [Fact]
    public async Task When_the_saga_is_finalized_then_its_row_is_deleted()
    {
        await using var host = await CounterHost.StartAsync(_database.ConnectionString);
        var id = NewId.NextGuid();
        await host.Harness.Bus.Publish(new CounterIncremented(id, 2));
        await CounterStore.WaitForAsync(_database.ConnectionString, id, s => s is not null, Patience);

        await host.Harness.Bus.Publish(new CounterClosed(id));

        var stored = await CounterStore.WaitForAsync(_database.ConnectionString, id, s => s is null, Patience);
        Assert.Null(stored);
        Assert.False(await host.Harness.Published.Any<Fault<CounterClosed>>());
    }

    [Fact]
    public async Task When_a_missing_instance_is_discarded_then_nothing_is_stored()
    {
        await using var host = await CounterHost.StartAsync(_database.ConnectionString);
        var id = NewId.NextGuid();

        await host.Harness.Bus.Publish(new CounterClosed(id));
        Assert.True(await host.Harness.Consumed.Any<CounterClosed>(x => x.Context.Message.CounterId == id));
        await host.Harness.InactivityTask;

        Assert.Null(await CounterStore.FindAsync(_database.ConnectionString, id));
        Assert.False(await host.Harness.Published.Any<Fault<CounterClosed>>());
    }

    [Fact]
    public async Task When_an_event_is_correlated_by_query_then_every_matching_instance_is_updated()
    {
        await using var host = await CounterHost.StartAsync(_database.ConnectionString);
        var first = NewId.NextGuid();
        var second = NewId.NextGuid();
        var other = NewId.NextGuid();
        await host.Harness.Bus.Publish(new CounterOpened(first, "reset-me"));
        await host.Harness.Bus.Publish(new CounterOpened(second, "reset-me"));
        await host.Harness.Bus.Publish(new CounterOpened(other, "keep-me"));
        foreach (var id in new[] { first, second, other })
            await host.Harness.Bus.Publish(new CounterIncremented(id, 3));
        foreach (var id in new[] { first, second, other })
            await CounterStore.WaitForAsync(_database.ConnectionString, id, s => s?.Count == 3, Patience);

        await host.Harness.Bus.Publish(new CountersWithLabelReset("reset-me"));

        Assert.Equal(0, (await CounterStore.WaitForAsync(_database.ConnectionString, first, s => s?.Count == 0, Patience))?.Count);
        Assert.Equal(0, (await CounterStore.WaitForAsync(_database.ConnectionString, second, s => s?.Count == 0, Patience))?.Count);
        await host.Harness.InactivityTask;
        Assert.Equal(3, (await CounterStore.FindAsync(_database.ConnectionString, other))?.Count);
    }

    [Fact]
    public async Task Load_and_query_repositories_read_the_stored_instances_for_harnesses_and_tools()
    {
        await using var host = await CounterHost.StartAsync(_database.ConnectionString);
        var id = NewId.NextGuid();
        await host.Harness.Bus.Publish(new CounterOpened(id, "findable"));
        await CounterStore.WaitForAsync(_database.ConnectionString, id, s => s is not null, Patience);

        var loaded = await host.Services.GetRequiredService<ILoadSagaRepository<CounterState>>().Load(id);
        var found = await host.Services.GetRequiredService<IQuerySagaRepository<CounterState>>()
            .Find(new SagaQuery<CounterState>(x => x.Label == "findable"));
        var sagaHarness = host.Harness.GetSagaStateMachineHarness<CounterStateMachine, CounterState>();

        Assert.NotNull(loaded);
        Assert.Equal("findable", loaded.Label);
        Assert.Equal([id], found);
        Assert.NotNull(await sagaHarness.Exists(id, m => m.Counting));
        Assert.Null(await host.Services.GetRequiredService<ILoadSagaRepository<CounterState>>().Load(NewId.NextGuid()));
    }
}
