using Connector.Persistence.Tests.Infrastructure;
using Connector.Persistence.Tests.Sample;
using MassTransit;

namespace Connector.Persistence.Tests;

/// <summary>The same repository behind a real RabbitMQ endpoint (localhost:5672, guest/guest).</summary>
public sealed class RabbitMqSagaTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly TempSqliteDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Over_RabbitMQ_concurrent_increments_are_applied_once_survive_a_restart_and_the_close_deletes_the_row()
    {
        var id = NewId.NextGuid();
        var settings = new CounterSagaSettings(ConcurrentMessageLimit: 8);
        await using (var first = await CounterHost.StartAsync(_database.ConnectionString, settings, rabbitMq: true))
        {
            // 200 first messages for a new id at once: an insert race, then an update race, on 8 consumers.
            await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => first.Harness.Bus.Publish(new CounterIncremented(id))));

            var counted = await CounterStore.WaitForAsync(_database.ConnectionString, id, s => s?.Count >= 200, Patience);
            Assert.NotNull(counted);
            Assert.Equal(200, counted.Count);
            Assert.Equal(200, counted.Version);
            Assert.Empty(settings.Retries.Faulted);
        }

        _database.ReleasePooledConnections();

        await using var second = await CounterHost.StartAsync(_database.ConnectionString, rabbitMq: true);
        await second.Harness.Bus.Publish(new CounterIncremented(id, 5));
        var resumed = await CounterStore.WaitForAsync(_database.ConnectionString, id, s => s?.Count == 205, Patience);
        Assert.Equal((205, 201), (resumed?.Count, resumed?.Version));

        await second.Harness.Bus.Publish(new CounterClosed(id));
        Assert.Null(await CounterStore.WaitForAsync(_database.ConnectionString, id, s => s is null, Patience));
    }
}
