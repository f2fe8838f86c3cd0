using Connector.Contracts;
using Connector.Falcon.Tests.Support;
using FalconSim;

namespace Connector.Falcon.Tests.Contract;

public sealed class IocOperationsContractTests
{
    private const string EntitiesPath = "/iocs/entities/indicators/v1";

    [Fact]
    public async Task Created_iocs_come_back_with_their_fields_and_can_be_read_searched_updated_and_deleted()
    {
        await using var sim = await FalconSimHost.StartAsync();
        await using var harness = FalconClientHarness.For(sim);
        var client = harness.Client;
        FalconIocWrite[] writes =
        [
            TestIocs.Domain("crud.example"),
            TestIocs.Write(IocType.Ipv4, "198.51.100.7"),
            TestIocs.Write(IocType.Sha256, TestIocs.Sha256(1)),
        ];

        var created = await client.CreateAsync(writes);

        Assert.True(created.AllSucceeded);
        var iocs = created.Items.Select(i => i.Ioc!).ToList();
        Assert.All(created.Items, i =>
        {
            Assert.Equal(i.Request.Value, i.Ioc!.Value);
            Assert.Equal(i.Request.Type.ToFalconType(), i.Ioc.Type);
            Assert.Equal(64, i.Ioc.Id.Length);
            Assert.True(i.Ioc.AppliedGlobally);
            Assert.Equal(sim.Options.ClientId, i.Ioc.CreatedBy);
            Assert.Equal(TestIocs.Expiration, i.Ioc.Expiration);
        });

        var read = await client.GetAsync([.. iocs.Select(i => i.Id)]);
        Assert.Equal(iocs.Select(i => i.Id).Order(), read.Select(i => i.Id).Order());
        var domain = read.Single(i => i.Value == "crud.example");
        Assert.Equal(TestIocs.Fields("high", "c2"), domain.ToFields());

        var ids = await client.SearchIdsAsync(Fql.Eq("source", TestIocs.Source) & Fql.Eq("deleted", false)).ToListAsync();
        Assert.Equal(iocs.Select(i => i.Id).Order(), ids.Order());
        Assert.Equal(3, await client.CountAsync(Fql.Eq("source", TestIocs.Source)));

        var updated = await client.UpdateAsync([new FalconIocUpdate { Id = domain.Id, Severity = "critical", Tags = ["c2", "TO_DELETE"] }]);
        var after = Assert.Single(updated.Succeeded).Ioc!;
        Assert.Equal("critical", after.Severity);
        Assert.Equal(["c2", "TO_DELETE"], after.Tags);
        Assert.Equal("detect", after.Action);
        Assert.Equal(TestIocs.Expiration, after.Expiration);

        var deleted = await client.DeleteAsync([domain.Id], "contract test");
        Assert.Equal(FalconItemStatus.Succeeded, Assert.Single(deleted.Items).Status);
        Assert.True(Assert.Single(await client.GetAsync([domain.Id])).Deleted);
        Assert.Empty(await client.FindByValuesAsync(IocType.Domain, ["crud.example"]));
        Assert.Single(await client.FindByValuesAsync(IocType.Domain, ["crud.example"], includeDeleted: true));

        var recreated = await client.CreateAsync([TestIocs.Domain("crud.example")]);
        Assert.NotEqual(domain.Id, Assert.Single(recreated.Succeeded).Ioc!.Id);
    }

    [Fact]
    public async Task Creating_a_value_that_exists_is_a_typed_duplicate()
    {
        await using var sim = await FalconSimHost.StartAsync();
        await using var harness = FalconClientHarness.For(sim);
        await harness.Client.CreateAsync([TestIocs.Domain("dup.example")]);

        var again = await harness.Client.CreateAsync([TestIocs.Domain("dup.example")]);

        var item = Assert.Single(again.Items);
        Assert.Equal(FalconItemStatus.Duplicate, item.Status);
        Assert.Contains("dup.example", item.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(1, sim.Store.ActiveCount);
    }

    [Fact]
    public async Task In_an_all_or_nothing_batch_the_duplicate_is_named_and_the_others_are_left_to_look_up()
    {
        await using var sim = await FalconSimHost.StartAsync(new FalconSimOptions { BatchFailureMode = BatchFailureMode.AllOrNothing });
        await using var harness = FalconClientHarness.For(sim);
        await harness.Client.CreateAsync([TestIocs.Domain("taken.example")]);

        var result = await harness.Client.CreateAsync([TestIocs.Domain("free-1.example"), TestIocs.Domain("taken.example"), TestIocs.Domain("free-2.example")]);

        Assert.Equal([FalconItemStatus.Unknown, FalconItemStatus.Duplicate, FalconItemStatus.Unknown], result.Items.Select(i => i.Status));
        Assert.All(result.Items, i => Assert.Equal(400, i.HttpStatus));
        Assert.Equal(1, sim.Store.ActiveCount);
    }

    [Theory]
    [InlineData(BatchFailureMode.PartialCommit, FalconItemStatus.Succeeded)]
    [InlineData(BatchFailureMode.AllOrNothing, FalconItemStatus.Unknown)]
    public async Task Validation_errors_fail_their_own_items_with_falcons_message(BatchFailureMode mode, FalconItemStatus validItems)
    {
        await using var sim = await FalconSimHost.StartAsync(new FalconSimOptions { BatchFailureMode = mode });
        await using var harness = FalconClientHarness.For(sim);
        FalconIocWrite[] writes =
        [
            TestIocs.Domain("good-1.example"),
            TestIocs.Domain("not a domain!"),
            TestIocs.Domain("no-severity.example") with { Severity = null },
            TestIocs.Write(IocType.Ipv4, "203.0.113.9") with { Action = "prevent" },
            TestIocs.Domain("good-2.example"),
        ];

        var result = await harness.Client.CreateAsync(writes);

        Assert.Equal(validItems, result.Items[0].Status);
        Assert.Equal(validItems, result.Items[4].Status);
        Assert.All(result.Items.Skip(1).Take(3), i => Assert.Equal(FalconItemStatus.Failed, i.Status));
        Assert.Contains("Invalid value", result.Items[1].ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Severity is required", result.Items[2].ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("only valid for sha256 and md5", result.Items[3].ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(validItems == FalconItemStatus.Succeeded ? 2 : 0, sim.Store.ActiveCount);
    }

    [Fact]
    public async Task Updating_or_deleting_an_unknown_id_answers_not_found_per_item()
    {
        await using var sim = await FalconSimHost.StartAsync(new FalconSimOptions { BatchFailureMode = BatchFailureMode.PartialCommit });
        await using var harness = FalconClientHarness.For(sim);
        var known = Assert.Single((await harness.Client.CreateAsync([TestIocs.Domain("known.example")])).Items).Ioc!.Id;
        var unknown = new string('f', 64);

        var updated = await harness.Client.UpdateAsync([
            new FalconIocUpdate { Id = known, Severity = "low" },
            new FalconIocUpdate { Id = unknown, Severity = "low" },
        ]);
        var deleted = await harness.Client.DeleteAsync([unknown, known]);

        Assert.Equal([FalconItemStatus.Succeeded, FalconItemStatus.NotFound], updated.Items.Select(i => i.Status));
        Assert.Equal([FalconItemStatus.NotFound, FalconItemStatus.Succeeded], deleted.Items.Select(i => i.Status));
    }

    [Fact]
    public async Task Bulk_calls_are_cut_to_the_batch_size_and_ids_to_one_hundred_per_request()
    {
        await using var sim = await FalconSimHost.StartAsync();
        await using var harness = FalconClientHarness.For(sim, settings: new Dictionary<string, string?> { ["batch_size"] = "40" });
        var writes = Enumerable.Range(0, 250).Select(i => TestIocs.Write(IocType.Sha256, TestIocs.Sha256(i))).ToList();

        var created = await harness.Client.CreateAsync(writes);
        var ids = created.Items.Select(i => i.Ioc!.Id).ToList();
        var read = await harness.Client.GetAsync(ids);
        var updated = await harness.Client.UpdateAsync([.. ids.Select(id => new FalconIocUpdate { Id = id, Action = "prevent" })]);
        var deleted = await harness.Client.DeleteAsync(ids);

        Assert.True(created.AllSucceeded);
        Assert.Equal(250, read.Count);
        Assert.True(updated.AllSucceeded);
        Assert.True(deleted.AllSucceeded);
        Assert.Equal(7, sim.Counters.Requests(EntitiesPath, "POST"));
        Assert.Equal(7, sim.Counters.Requests(EntitiesPath, "PATCH"));
        Assert.Equal(3, sim.Counters.Requests(EntitiesPath, "GET"));
        Assert.Equal(3, sim.Counters.Requests(EntitiesPath, "DELETE"));
        Assert.Equal(0, sim.Store.ActiveCount);
    }

    [Fact]
    public async Task A_lookup_of_many_values_is_one_query_per_hundred_values()
    {
        await using var sim = await FalconSimHost.StartAsync();
        await using var harness = FalconClientHarness.For(sim, settings: new Dictionary<string, string?> { ["batch_size"] = "2000" });
        var values = Enumerable.Range(0, 230).Select(i => $"lookup-{i}.example").ToList();
        await harness.Client.CreateAsync([.. values.Take(200).Select(v => TestIocs.Domain(v))]);

        var found = await harness.Client.FindByValuesAsync(IocType.Domain, values);

        Assert.Equal(values.Take(200).Order(StringComparer.Ordinal), found.Select(f => f.Value).Order(StringComparer.Ordinal));
        Assert.Equal(3, sim.Counters.Requests("/iocs/combined/indicator/v1"));
    }
}
