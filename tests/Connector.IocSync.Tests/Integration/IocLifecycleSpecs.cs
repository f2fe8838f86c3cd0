using Connector.Contracts;
using Connector.IocSync.Tests.Support;
using Connector.Testing;
using FalconSim;

namespace Connector.IocSync.Tests.Integration;

/// <summary>One IOC through its life: create, change, soft delete, restore, permanent delete, shared claims.</summary>
[Collection(IocSyncIntegration.Name)]
public sealed class IocLifecycleSpecs(RabbitMqBroker broker) : IntegrationFixture(broker), IClassFixture<RabbitMqBroker>
{
    [Fact]
    public async Task Create_change_soft_delete_and_restore_keep_one_falcon_ioc_right()
    {
        await Sync.PublishAsync(Indicators.Upsert("a", IocType.Domain, "lifecycle.example", version: 1, score: 85, "c2", "apt"));

        var created = await ActiveAsync("lifecycle.example", ioc => ioc.Severity == "critical");
        Assert.Equal("domain", created.Type);
        Assert.Equal("detect", created.Action);
        Assert.Equal("detect", created.MobileAction);
        Assert.Equal(["linux", "windows"], created.Platforms.Order(StringComparer.Ordinal));
        Assert.Equal(["apt", "c2"], created.Tags.Order(StringComparer.Ordinal));
        Assert.Equal("Indicator a", created.Description);
        Assert.Equal(Indicators.Start.AddYears(5), created.Expiration);
        Assert.Equal("OpenCTI IOC", created.Source);
        Assert.True(created.AppliedGlobally);
        Assert.Equal(Falcon.Options.ClientId, created.CreatedBy);
        var afterCreate = await QuietAsync();
        Assert.Equal(1, afterCreate.Creates);

        await Sync.PublishAsync(Indicators.Upsert("a", IocType.Domain, "lifecycle.example", version: 2, score: 45, "c2", "apt"));
        var changed = await ActiveAsync("lifecycle.example", ioc => ioc.Severity == "medium");
        Assert.Equal(created.Id, changed.Id);
        var afterChange = await QuietAsync();
        Assert.Equal(afterCreate with { Updates = afterCreate.Updates + 1 }, afterChange);

        await Sync.PublishAsync(Indicators.Release("a", IocType.Domain, "lifecycle.example", version: 3));
        var disarmed = await ActiveAsync("lifecycle.example", ioc => ioc.Tags.Contains("TO_DELETE"));
        Assert.Equal(created.Id, disarmed.Id);
        Assert.Equal("no_action", disarmed.Action);
        Assert.Equal("no_action", disarmed.MobileAction);

        await Sync.PublishAsync(Indicators.Upsert("b", IocType.Domain, "lifecycle.example", version: 4, score: 85, "c2"));
        var restored = await ActiveAsync("lifecycle.example", ioc => !ioc.Tags.Contains("TO_DELETE"));
        Assert.Equal(created.Id, restored.Id);
        Assert.Equal("detect", restored.Action);
        Assert.Equal("critical", restored.Severity);
        var end = await QuietAsync();
        Assert.Equal(1, end.Creates);
        Assert.Equal(0, end.Deletes);
    }

    [Fact]
    public async Task An_ioc_shared_by_two_indicators_stays_until_both_are_gone()
    {
        await Sync.PublishAsync(
            Indicators.Upsert("a", IocType.Ipv4, "198.51.100.7", version: 1),
            Indicators.Upsert("b", IocType.Ipv4, "198.51.100.7", version: 1));
        var ioc = await ActiveAsync("198.51.100.7", _ => true);

        await Sync.PublishAsync(Indicators.Release("a", IocType.Ipv4, "198.51.100.7", version: 2));
        await QuietAsync();
        var stillThere = Falcon.Store.FindActive("ipv4", "198.51.100.7");
        Assert.NotNull(stillThere);
        Assert.Equal("detect", stillThere.Action);
        Assert.DoesNotContain("TO_DELETE", stillThere.Tags);

        await Sync.PublishAsync(Indicators.Release("b", IocType.Ipv4, "198.51.100.7", version: 3));
        var disarmed = await ActiveAsync("198.51.100.7", i => i.Tags.Contains("TO_DELETE"));
        Assert.Equal(ioc.Id, disarmed.Id);
        Assert.Equal("no_action", disarmed.Action);
    }

    [Fact]
    public async Task A_replayed_stream_costs_no_falcon_request()
    {
        IndicatorChanged[] changes =
        [
            Indicators.Upsert("r1", IocType.Md5, "0123456789abcdef0123456789abcdef", version: 1),
            Indicators.Upsert("r2", IocType.Domain, "replay.example", version: 1),
            Indicators.Upsert("r2", IocType.Domain, "replay.example", version: 2, score: 10),
            Indicators.Release("r1", IocType.Md5, "0123456789abcdef0123456789abcdef", version: 3),
        ];
        // The md5 is created before its release arrives, so the stream leaves a disarmed IOC to replay over (a create
        // and a release in one saga batch would rightly never reach Falcon at all).
        await Sync.PublishInOrderAsync(changes[..3]);
        await ActiveAsync("0123456789abcdef0123456789abcdef", i => !i.Tags.Contains("TO_DELETE"));
        await Sync.PublishInOrderAsync(changes[3..]);
        await ActiveAsync("0123456789abcdef0123456789abcdef", i => i.Tags.Contains("TO_DELETE"));
        await ActiveAsync("replay.example", i => i.Severity == "informational");
        var before = await QuietAsync();

        await Sync.PublishAsync(changes);
        await Sync.PublishAsync(changes.Reverse().ToArray());
        var after = await QuietAsync();

        Assert.Equal(before, after);
    }
}
