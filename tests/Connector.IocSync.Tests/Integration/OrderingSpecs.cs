using Connector.Contracts;
using Connector.IocSync.Tests.Support;
using Connector.Testing;

namespace Connector.IocSync.Tests.Integration;

[Collection(IocSyncIntegration.Name)]
public sealed class OrderingSpecs(RabbitMqBroker broker) : IntegrationFixture(broker), IClassFixture<RabbitMqBroker>
{
    /// <summary>
    /// For 30 IOCs, the history of two indicators each (creates, changes, releases). The final Falcon state
    /// follows from the last message of each indicator, whatever the order: the same messages shuffled and
    /// delivered twice end where in-order delivery ends. (An IOC whose every claim is released is not enforced:
    /// disarmed when it was written before its releases arrived, absent when the releases came first.)
    /// </summary>
    [Fact]
    public async Task Messages_out_of_order_and_twice_converge_to_the_in_order_state()
    {
        var history = new List<IndicatorChanged>();
        for (var n = 0; n < 30; n++)
        {
            var value = $"order{n}.example";
            history.Add(Indicators.Upsert($"x{n}", IocType.Domain, value, version: 1, score: 20));
            history.Add(Indicators.Upsert($"x{n}", IocType.Domain, value, version: 2, score: 90, "changed"));
            history.Add(Indicators.Upsert($"y{n}", IocType.Domain, value, version: 3, score: 50));
            if (n % 3 == 0)
            {
                history.Add(Indicators.Release($"x{n}", IocType.Domain, value, version: 4));
                history.Add(Indicators.Release($"y{n}", IocType.Domain, value, version: 5));
            }
            else if (n % 3 == 1)
            {
                history.Add(Indicators.Release($"x{n}", IocType.Domain, value, version: 4));
            }
        }

        var random = new Random(7);
        var shuffled = history.Concat(history).OrderBy(_ => random.Next()).ToArray();
        await Sync.PublishAsync(shuffled);

        for (var n = 0; n < 30; n++)
        {
            var value = $"order{n}.example";
            if (n % 3 == 1)
            {
                await ActiveAsync(value, i => i.Severity == "medium" && !i.Tags.Contains("changed") && i.Action == "detect");
            }
            else if (n % 3 == 2)
            {
                await ActiveAsync(value, i => i.Severity == "critical" && i.Tags.Contains("changed") && i.Action == "detect");
            }
        }

        var settled = await QuietAsync();
        for (var n = 0; n < 30; n += 3)
        {
            var ioc = Falcon.Store.FindActive("domain", $"order{n}.example");
            Assert.True(ioc is null || (ioc.Tags.Contains("TO_DELETE") && ioc.Action == "no_action"), $"order{n}.example is still enforced");
        }

        Assert.Equal(0, settled.Deletes);

        await Sync.PublishAsync(shuffled);
        Assert.Equal(settled, await QuietAsync());
    }
}
