using Connector.Contracts;
using Connector.IocSync.Tests.Support;
using Connector.Testing;

namespace Connector.IocSync.Tests.Integration;

[Collection(IocSyncIntegration.Name)]
public sealed class PermanentDeleteSpecs(RabbitMqBroker broker) : IntegrationFixture(broker), IClassFixture<RabbitMqBroker>
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["crowdstrike:permanent_delete"] = "true",
        ["connector:live_stream_listen_delete"] = "true",
    };

    [Fact]
    public async Task With_permanent_delete_the_last_release_deletes_the_ioc_and_a_new_claim_creates_it_again()
    {
        const string value = "4b227777d4dd1fc61c6f884f48641d02b4d121d3fd328cb08b5531fcacdabf8a";
        await Sync.PublishAsync(Indicators.Upsert("p", IocType.Sha256, value, version: 1));
        var created = await ActiveAsync(value, _ => true);

        await Sync.PublishAsync(Indicators.Release("p", IocType.Sha256, value, version: 2));
        await Eventually.HoldsAsync(() => Falcon.Store.Find(created.Id), i => i is { Deleted: true }, "the IOC to be deleted");
        Assert.Null(Falcon.Store.FindActive("sha256", value));

        await Sync.PublishAsync(Indicators.Upsert("p", IocType.Sha256, value, version: 3));
        var again = await ActiveAsync(value, _ => true);
        Assert.NotEqual(created.Id, again.Id);
        Assert.Equal(1, (await QuietAsync()).Deletes);
    }
}
