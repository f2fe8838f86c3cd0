using Connector.Contracts;
using Connector.IocSync.Sagas;
using Connector.IocSync.Tests.Support;
using Connector.Testing;
using FalconSim;

namespace Connector.IocSync.Tests.Integration;

[Collection(IocSyncIntegration.Name)]
public sealed class AdoptionSpecs(RabbitMqBroker broker) : IntegrationFixture(broker), IClassFixture<RabbitMqBroker>
{
    [Theory]
    [InlineData("falcon-sim-client", "another source")] // ours by API client: an install whose state was lost
    [InlineData("python-connector-client", "OpenCTI IOC")] // ours by source: left by the Python connector
    public async Task An_ioc_of_ours_already_in_falcon_is_adopted_not_duplicated(string createdBy, string source)
    {
        var value = $"adopt-{createdBy}.example";
        var existing = Falcon.Store.Seed(new SimIndicatorSeed
        {
            Type = "domain",
            Value = value,
            CreatedBy = createdBy,
            Source = source,
            Severity = "low",
            Action = "no_action",
            Tags = ["TO_DELETE"],
        });
        var before = FalconRequests.Of(Falcon);

        await Sync.PublishAsync(Indicators.Upsert("adopter", IocType.Domain, value, version: 1, score: 85));

        var adopted = await ActiveAsync(value, i => i.Severity == "critical" && i.Action == "detect" && !i.Tags.Contains("TO_DELETE"));
        Assert.Equal(existing.Id, adopted.Id);
        Assert.Single(Falcon.Store.Snapshot(), i => i.Value == value);
        var after = await QuietAsync();
        Assert.True(after.Creates - before.Creates <= 1, "more than one create was tried");
        var saga = await SagaAsync(new IocKey(IocType.Domain, value).CorrelationId);
        Assert.Equal(existing.Id, saga!.FalconId);
        Assert.Equal(IocSagaStatus.InSync, saga.CurrentState);
    }

    [Fact]
    public async Task An_ioc_created_by_someone_else_is_left_alone_and_reported()
    {
        const string value = "analyst.example";
        var foreign = Falcon.Store.Seed(new SimIndicatorSeed
        {
            Type = "domain",
            Value = value,
            CreatedBy = "analyst-console",
            Source = "hand-made",
            Severity = "low",
            Action = "no_action",
        });

        await Sync.PublishAsync(Indicators.Upsert("wanter", IocType.Domain, value, version: 1, score: 85));

        var saga = await Eventually.HoldsAsync(
            () => SagaAsync(new IocKey(IocType.Domain, value).CorrelationId).GetAwaiter().GetResult(),
            s => s?.CurrentState == IocSagaStatus.Blocked,
            "the saga to report the IOC as owned elsewhere");
        Assert.Contains("OwnedElsewhere", saga!.LastFailure, StringComparison.Ordinal);
        var requests = await QuietAsync();

        var untouched = Falcon.Store.Find(foreign.Id)!;
        Assert.Equal("low", untouched.Severity);
        Assert.Equal("no_action", untouched.Action);
        Assert.Equal("hand-made", untouched.Source);
        Assert.Single(Falcon.Store.Snapshot(), i => i.Value == value);

        // The refusal is final until something changes: no retry loop.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(requests, FalconRequests.Of(Falcon));
    }
}
