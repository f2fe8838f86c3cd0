using System.Globalization;
using Connector.Contracts;
using Connector.IocSync.Sagas;
using Connector.IocSync.Tests.Support;
using Connector.Testing;

namespace Connector.IocSync.Tests.Integration;

/// <summary>
/// The sagas are applied in batches: everything one batch says about an IOC costs at most one write, and a batch
/// that changes nothing writes nothing.
/// </summary>
[Collection(IocSyncIntegration.Name)]
public sealed class SagaBatchSpecs(RabbitMqBroker broker) : IntegrationFixture(broker), IClassFixture<RabbitMqBroker>
{
    // A window long enough that messages published together surely share a batch, however loaded the machine is.
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ioc_sync:saga_batch_window_ms"] = "2000",
    };

    [Fact]
    public async Task Several_changes_of_one_ioc_in_one_batch_reach_falcon_as_one_create_with_the_last_fields()
    {
        const int iocs = 40;
        var changes = new List<IndicatorChanged>();
        for (var n = 0; n < iocs; n++)
        {
            var value = string.Create(CultureInfo.InvariantCulture, $"batched{n}.example");
            changes.Add(Indicators.Upsert($"b{n}", IocType.Domain, value, version: 1, score: 10));
            changes.Add(Indicators.Upsert($"b{n}", IocType.Domain, value, version: 2, score: 40));
            changes.Add(Indicators.Upsert($"b{n}", IocType.Domain, value, version: 3, score: 90));
        }

        await Sync.PublishAsync(changes.ToArray());
        await Eventually.HoldsAsync(() => Falcon.Store.ActiveCount, n => n == iocs, $"{iocs} IOCs in Falcon");
        var requests = await QuietAsync();

        Assert.Equal(1, requests.Creates);
        Assert.Equal(0, requests.Updates);
        Assert.All(Falcon.Store.Snapshot(), ioc => Assert.Equal("critical", ioc.Severity));
        var saga = await SagaAsync(new IocKey(IocType.Domain, "batched0.example").CorrelationId);
        Assert.NotNull(saga);
        Assert.Equal(IocSagaStatus.InSync, saga.CurrentState);
    }

    [Fact]
    public async Task A_batch_that_changes_nothing_writes_no_saga()
    {
        var change = Indicators.Upsert("same", IocType.Domain, "unchanged.example", version: 1, score: 60);
        await Sync.PublishAsync(change);
        await ActiveAsync("unchanged.example", _ => true);
        await QuietAsync();
        var key = new IocKey(IocType.Domain, "unchanged.example").CorrelationId;
        var before = await SagaAsync(key);

        // The replays travel with a change of another IOC; once that one is in Falcon, their batch has been applied.
        var marker = Indicators.Upsert("marker", IocType.Domain, "marker.example", version: 1);
        await Sync.PublishAsync(change, change, change, marker);
        await ActiveAsync("marker.example", _ => true);
        await QuietAsync();
        var after = await SagaAsync(key);

        Assert.NotNull(before);
        Assert.NotNull(after);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
    }
}
