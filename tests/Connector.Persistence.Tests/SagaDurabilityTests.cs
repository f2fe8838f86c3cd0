using Connector.Persistence.Tests.Infrastructure;
using Connector.Persistence.Tests.Sample;
using MassTransit;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Persistence.Tests;

/// <summary>The store outlives the process: a new container on the same file continues where the last one stopped.</summary>
public sealed class SagaDurabilityTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TempSqliteDatabase _database = new("nested/folder/sagas.db");

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task When_the_process_restarts_on_the_same_file_then_the_saga_continues_from_its_stored_state()
    {
        var id = NewId.NextGuid();
        await using (var before = await CounterHost.StartAsync(_database.ConnectionString))
        {
            await before.Harness.Bus.Publish(new CounterOpened(id, "durable"));
            await before.Harness.Bus.Publish(new CounterIncremented(id, 3));
            await CounterStore.WaitForAsync(_database.ConnectionString, id, s => s?.Count == 3, Patience);
            await before.Harness.InactivityTask;
        }

        _database.ReleasePooledConnections();

        await using var after = await CounterHost.StartAsync(_database.ConnectionString);
        var reloaded = await after.Services.GetRequiredService<ILoadSagaRepository<CounterState>>().Load(id);
        Assert.NotNull(reloaded);
        Assert.Equal((3, "durable", "Counting", 2), (reloaded.Count, reloaded.Label, reloaded.CurrentState, reloaded.Version));

        await after.Harness.Bus.Publish(new CounterIncremented(id, 4));

        var stored = await CounterStore.WaitForAsync(_database.ConnectionString, id, s => s?.Count == 7, Patience);
        Assert.NotNull(stored);
        Assert.Equal(7, stored.Count);
        Assert.Equal(3, stored.Version);
    }

    [Fact]
    public async Task When_the_host_starts_then_the_folder_file_and_table_exist_before_any_message()
    {
        Assert.False(Directory.Exists(Path.GetDirectoryName(_database.FilePath)));

        await using var host = await CounterHost.StartAsync(_database.ConnectionString);

        Assert.True(File.Exists(_database.FilePath));
        await using var db = CounterStore.Open(_database.ConnectionString);
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{CounterDbContext.Table}'";
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }
}
