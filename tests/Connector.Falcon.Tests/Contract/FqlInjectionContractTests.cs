using Connector.Contracts;
using Connector.Falcon.Tests.Support;
using FalconSim;

namespace Connector.Falcon.Tests.Contract;

public sealed class FqlInjectionContractTests
{
    // Each hostile value, and what a filter built by pasting it between quotes would match instead.
    private static readonly string[] Hostile =
    [
        "evil'+value:'x",
        "evil',value:'x",
        "a,b",
        "c]",
        "*",
        "x*",
        "~x",
        @"back\slash",
        @"trail\",
        @"\'",
        "q\"uote",
        "two words",
        "ünïcødé.例え",
        "x'+deleted:true+value:'x",
        "x')+(value:'a",
    ];

    public static TheoryData<string> HostileValues => new(Hostile);

    // What the hostile values would match if they could change the filter.
    private static readonly string[] Bystanders = ["x", "evil", "a", "b", "c", "back", "slash", "trail", "q", "two", "words", "xx", "xyz"];

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task A_lookup_of_a_hostile_value_finds_exactly_that_value(string hostile)
    {
        await using var sim = await FalconSimHost.StartAsync();
        Seed(sim);
        await using var harness = FalconClientHarness.For(sim);

        var found = await harness.Client.FindByValuesAsync(IocType.Domain, [hostile]);
        var listed = await harness.Client.ListAsync(Fql.Eq("type", "domain") & Fql.Eq("value", hostile)).ToListAsync();

        Assert.Equal(hostile, Assert.Single(found).Value);
        Assert.Equal(hostile, Assert.Single(listed).Value);
        Assert.Equal(0, sim.Counters.Requests("/iocs/combined/indicator/v1", "GET", 400));
    }

    [Fact]
    public async Task One_list_lookup_of_every_hostile_value_finds_exactly_those_values()
    {
        await using var sim = await FalconSimHost.StartAsync();
        Seed(sim);
        await using var harness = FalconClientHarness.For(sim);
        var hostile = Hostile.ToList();

        var found = await harness.Client.FindByValuesAsync(IocType.Domain, hostile);

        Assert.Equal(hostile.Order(StringComparer.Ordinal), found.Select(f => f.Value).Order(StringComparer.Ordinal));
        Assert.Equal(1, sim.Counters.Requests("/iocs/combined/indicator/v1", "GET", 200));
    }

    [Fact]
    public async Task A_hostile_value_cannot_reach_deleted_iocs()
    {
        await using var sim = await FalconSimHost.StartAsync();
        sim.Store.Seed(new SimIndicatorSeed { Type = "domain", Value = "x", Deleted = true });
        await using var harness = FalconClientHarness.For(sim);

        var found = await harness.Client.FindByValuesAsync(IocType.Domain, ["x'+deleted:true+value:'x", "x',deleted:true,value:'x"]);

        Assert.Empty(found);
    }

    private static void Seed(FalconSimHost sim) =>
        sim.Store.Seed(Hostile.Concat(Bystanders)
            .Select(v => new SimIndicatorSeed { Type = "domain", Value = v })
            .Append(new SimIndicatorSeed { Type = "md5", Value = "evil'+value:'x" }));
}
