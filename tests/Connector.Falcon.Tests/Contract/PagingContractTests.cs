using Connector.Falcon.Tests.Support;
using FalconSim;

namespace Connector.Falcon.Tests.Contract;

public sealed class PagingContractTests
{
    private const int Seeded = 10_250;

    [Fact]
    public async Task Listing_pages_with_after_beyond_the_ten_thousand_offset_limit()
    {
        await using var sim = await FalconSimHost.StartAsync();
        Seed(sim);
        await using var harness = FalconClientHarness.For(sim);

        var listed = await harness.Client.ListAsync(Fql.Eq("type", "domain") & Fql.Eq("deleted", false)).ToListAsync();

        Assert.Equal(Seeded, listed.Count);
        Assert.Equal(Seeded, listed.Select(i => i.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.True(sim.Counters.Requests("/iocs/combined/indicator/v1", "GET", 200) >= Seeded / FalconSearchOptions.DefaultPageSize);
        Assert.Equal(0, sim.Counters.Requests("/iocs/combined/indicator/v1", "GET", 400));
    }

    [Fact]
    public async Task Searching_ids_pages_with_after_beyond_the_ten_thousand_offset_limit()
    {
        await using var sim = await FalconSimHost.StartAsync();
        var seeded = Seed(sim);
        await using var harness = FalconClientHarness.For(sim);

        var ids = await harness.Client.SearchIdsAsync(null, new FalconSearchOptions { PageSize = 2000, Sort = "value.asc" }).ToListAsync();

        Assert.Equal(seeded.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));

        // Six full or partial pages; a seventh, empty one only if the last page still carried an 'after' token.
        Assert.InRange(sim.Counters.Requests("/iocs/queries/indicators/v1", "GET", 200), 6, 7);
    }

    private static List<string> Seed(FalconSimHost sim) =>
        [.. sim.Store.Seed(Enumerable.Range(0, Seeded).Select(i => new SimIndicatorSeed { Type = "domain", Value = $"page-{i:D5}.example" })).Select(i => i.Id)];
}
