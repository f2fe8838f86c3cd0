using System.Globalization;
using Connector.Contracts;
using Connector.IocSync.Persistence;
using Connector.IocSync.Sagas;
using Connector.IocSync.Tests.Support;
using Connector.Testing;
using FalconSim;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Connector.IocSync.Tests.Integration;

/// <summary>
/// Two ioc-sync replicas on one PostgreSQL store, competing for the same queues: batches of both touch the same
/// sagas at the same time, so some lose the optimistic race and are applied again. Nothing is lost or doubled.
/// </summary>
[Collection(IocSyncIntegration.Name)]
public sealed class PostgreSqlReplicaSpecs(RabbitMqBroker broker, PostgreSqlDatabase database, ITestOutputHelper output)
    : IClassFixture<RabbitMqBroker>, IClassFixture<PostgreSqlDatabase>, IAsyncLifetime
{
    private const int Iocs = 200;
    private const int ClaimsPerIoc = 3;

    private FalconSimHost _falcon = null!;
    private IocSyncHost _first = null!;
    private IocSyncHost _second = null!;

    public async Task InitializeAsync()
    {
        _falcon = await FalconSimHost.StartAsync(new FalconSimOptions());
        var settings = new Dictionary<string, string?>
        {
            ["ioc_sync:store_provider"] = "postgresql",
            ["ioc_sync:store"] = database.ConnectionString,
            // Small batches, many of them, so the replicas' batches overlap on the same sagas.
            ["ioc_sync:saga_batch_size"] = "25",
            ["ioc_sync:saga_batch_window_ms"] = "10",
            ["ioc_sync:batch_size"] = "50",
        };
        _first = await IocSyncHost.StartAsync(broker, _falcon, "unused-first.db", settings);
        _second = await IocSyncHost.StartAsync(broker, _falcon, "unused-second.db", settings);
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
        await _falcon.DisposeAsync();
    }

    [Fact]
    public async Task Two_replicas_on_one_store_converge_with_every_claim_and_one_falcon_ioc_per_value()
    {
        var claims = new List<IndicatorChanged>();
        for (var claim = 0; claim < ClaimsPerIoc; claim++)
        {
            for (var n = 0; n < Iocs; n++)
            {
                claims.Add(Indicators.Upsert(
                    string.Create(CultureInfo.InvariantCulture, $"r{claim}-{n}"), IocType.Domain, Value(n), version: 1, score: 10 + (40 * claim)));
            }
        }

        // Half of the claims through each replica's bus; either replica may consume any of them.
        await Task.WhenAll(_first.PublishAsync([.. claims.Where((_, i) => i % 2 == 0)]), _second.PublishAsync([.. claims.Where((_, i) => i % 2 == 1)]));
        await Eventually.HoldsAsync(() => _falcon.Store.ActiveCount, n => n == Iocs, $"{Iocs} IOCs in Falcon", TimeSpan.FromMinutes(2));
        await Eventually.HoldsAsync(
            () => _falcon.Store.Snapshot().Count(i => !i.Deleted && i.Severity == "critical"), n => n == Iocs, "every IOC at its strongest claim's severity");

        var sagas = await Eventually.HoldsAsync(SagasAsync, s => s.Count == Iocs && s.All(x => x.CurrentState == IocSagaStatus.InSync), "every saga in sync");
        Assert.All(sagas, s => Assert.Equal(ClaimsPerIoc, s.Claimants.Count(c => c.IsActive)));
        Assert.Equal(Iocs, _falcon.Store.Snapshot().Count(i => !i.Deleted));
        Assert.Empty(await ErrorQueuesAsync());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Falcon requests: {_falcon.Counters.TotalRequests}"));

        // Every indicator lets go: each IOC is disarmed exactly once its last claim is gone.
        var releases = claims.Select(c => Indicators.Release(c.IndicatorInternalId!, c.Type, c.Value, version: 2)).ToArray();
        await _second.PublishAsync(releases);
        await Eventually.HoldsAsync(
            () => _falcon.Store.Snapshot().Count(i => !i.Deleted && i.Tags.Contains("TO_DELETE") && i.Action == "no_action"),
            n => n == Iocs, "every IOC disarmed", TimeSpan.FromMinutes(2));
        Assert.Empty(await ErrorQueuesAsync());
    }

    private static string Value(int n) => string.Create(CultureInfo.InvariantCulture, $"replica{n}.example");

    private async Task<List<IocSagaState>> SagasAsync()
    {
        await using var scope = _first.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IocSyncDbContext>();
        return await store.IocSagas.AsNoTracking().ToListAsync();
    }

    private async Task<IReadOnlyList<string>> ErrorQueuesAsync()
    {
        var queues = await broker.ListQueuesAsync();
        return [.. queues.Where(q => q.Key.EndsWith("_error", StringComparison.Ordinal) && q.Value > 0).Select(q => $"{q.Key}: {q.Value}")];
    }
}
