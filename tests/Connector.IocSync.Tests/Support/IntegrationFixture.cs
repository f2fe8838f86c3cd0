using Connector.IocSync.Persistence;
using Connector.IocSync.Sagas;
using Connector.Testing;
using FalconSim;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.IocSync.Tests.Support;

/// <summary>Base of the integration specs: falcon-sim, a store file in a temp folder, and the service on a broker vhost of the class.</summary>
public abstract class IntegrationFixture(RabbitMqBroker broker) : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ioc-sync-tests-").FullName;

    internal RabbitMqBroker Broker { get; } = broker;

    internal FalconSimHost Falcon { get; private set; } = null!;

    internal IocSyncHost Sync { get; private set; } = null!;

    internal string StoreFile => Path.Combine(_directory, "ioc-sync.db");

    /// <summary>Settings for this class's service, on top of the defaults.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Options for this class's falcon-sim.</summary>
    protected virtual FalconSimOptions FalconOptions => new();

    public async Task InitializeAsync()
    {
        Falcon = await FalconSimHost.StartAsync(FalconOptions);
        Sync = await IocSyncHost.StartAsync(Broker, Falcon, StoreFile, Settings);
    }

    public async Task DisposeAsync()
    {
        await Sync.DisposeAsync();
        await Falcon.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    internal Task<SimIndicator> ActiveAsync(string value, Func<SimIndicator, bool> condition, TimeSpan? timeout = null) =>
        Eventually.HoldsAsync(
            () => Falcon.Store.Snapshot().SingleOrDefault(i => !i.Deleted && i.Value == value),
            i => i is not null && condition(i),
            $"Falcon to hold {value} as expected",
            timeout)!;

    internal Task<FalconRequests> QuietAsync() =>
        Eventually.SettlesAsync(() => FalconRequests.Of(Falcon), TimeSpan.FromSeconds(1.5));

    internal async Task<IocSagaState?> SagaAsync(Guid correlationId)
    {
        await using var scope = Sync.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IocSyncDbContext>();
        return await store.IocSagas.SingleOrDefaultAsync(s => s.CorrelationId == correlationId);
    }

    internal async Task<IReadOnlyList<string>> ErrorQueuesWithMessagesAsync()
    {
        var queues = await Broker.ListQueuesAsync();
        return [.. queues.Where(q => q.Key.EndsWith("_error", StringComparison.Ordinal) && q.Value > 0).Select(q => $"{q.Key}: {q.Value}")];
    }
}
