using System.Net;
using System.Text.Json.Nodes;
using FalconSim.Tests.Support;

namespace FalconSim.Tests;

public sealed class SearchTests
{
    private static SimIndicatorSeed Seed(int i, DateTimeOffset start, bool deleted = false) => new()
    {
        Type = "domain",
        Value = $"host{i:D6}.example",
        CreatedOn = start.AddSeconds(i),
        Deleted = deleted,
        Source = i % 2 == 0 ? "OpenCTI IOC" : "other",
    };

    [Fact]
    public async Task Search_pages_with_offset_and_reports_the_total_and_an_after_token_while_more_exist()
    {
        await using var sim = await Sim.StartAsync();
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        var seeded = sim.Host.Store.Seed(Enumerable.Range(0, 25).Select(i => Seed(i, start)));

        var first = await sim.GetJsonAsync("iocs/queries/indicators/v1?limit=10&offset=0");
        var last = await sim.GetJsonAsync("iocs/queries/indicators/v1?limit=10&offset=20");

        Assert.Equal(seeded.Take(10).Select(s => s.Id), Sim.Strings(first["resources"]));
        Assert.Equal(25, first["meta"]!["pagination"]!["total"]!.GetValue<int>());
        Assert.NotNull(first["meta"]!["pagination"]!["after"]);
        Assert.Equal(seeded.Skip(20).Select(s => s.Id), Sim.Strings(last["resources"]));
        Assert.Equal(20, last["meta"]!["pagination"]!["offset"]!.GetValue<int>());
        Assert.Null(last["meta"]!["pagination"]!["after"]);
    }

    [Theory]
    [InlineData(9990, 10, HttpStatusCode.OK)]
    [InlineData(9991, 10, HttpStatusCode.BadRequest)]
    [InlineData(0, 2000, HttpStatusCode.OK)]
    [InlineData(0, 2001, HttpStatusCode.BadRequest)]
    [InlineData(0, 0, HttpStatusCode.BadRequest)]
    public async Task Offset_plus_limit_is_capped_at_10000_and_limit_at_2000(int offset, int limit, HttpStatusCode expected)
    {
        await using var sim = await Sim.StartAsync();

        var json = await sim.GetJsonAsync($"iocs/queries/indicators/v1?offset={offset}&limit={limit}", expected);

        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.NotEmpty(Sim.ErrorMessages(json));
        }
    }

    [Fact]
    public async Task After_paging_reaches_past_10000_and_returns_every_ioc_once_in_order()
    {
        await using var sim = await Sim.StartAsync();
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        var seeded = sim.Host.Store.Seed(Enumerable.Range(0, 12_345).Select(i => Seed(i, start)));

        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var json = await sim.GetJsonAsync($"iocs/queries/indicators/v1?limit=2000&sort=created_on|asc{(after is null ? "" : "&after=" + Uri.EscapeDataString(after))}");
            seen.AddRange(Sim.Strings(json["resources"]));
            Assert.Equal(12_345, json["meta"]!["pagination"]!["total"]!.GetValue<int>());
            after = json["meta"]!["pagination"]!["after"]?.GetValue<string>();
            pages++;
        }
        while (after is not null);

        Assert.Equal(7, pages);
        Assert.Equal(seeded.Select(s => s.Id), seen);

        using var beyond = await sim.Http.GetAsync("iocs/queries/indicators/v1?limit=2000&offset=10000");
        Assert.Equal(HttpStatusCode.BadRequest, beyond.StatusCode);
    }

    [Fact]
    public async Task After_paging_works_with_a_lowered_window_on_the_combined_endpoint_and_a_filter()
    {
        await using var sim = await Sim.StartAsync(o => o.QueryMaxOffsetPlusLimit = 20);
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        sim.Host.Store.Seed(Enumerable.Range(0, 60).Select(i => Seed(i, start)));

        using var refused = await sim.Http.GetAsync("iocs/combined/indicator/v1?limit=10&offset=11");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        var values = new List<string>();
        string? after = null;
        do
        {
            var json = await sim.SearchAsync("source:'OpenCTI IOC'", $"&limit=7&sort=value|desc{(after is null ? "" : "&after=" + Uri.EscapeDataString(after))}", combined: true);
            values.AddRange(json["resources"]!.AsArray().Select(r => r!["value"]!.GetValue<string>()));
            Assert.Equal(30, json["meta"]!["pagination"]!["total"]!.GetValue<int>());
            after = json["meta"]!["pagination"]!["after"]?.GetValue<string>();
        }
        while (after is not null);

        var expected = Enumerable.Range(0, 60).Where(i => i % 2 == 0).Select(i => $"host{i:D6}.example").Reverse();
        Assert.Equal(expected, values);
    }

    [Fact]
    public async Task After_paging_resumes_correctly_when_the_last_item_was_deleted_meanwhile()
    {
        await using var sim = await Sim.StartAsync();
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        var seeded = sim.Host.Store.Seed(Enumerable.Range(0, 10).Select(i => Seed(i, start)));
        var first = await sim.GetJsonAsync("iocs/queries/indicators/v1?limit=5");
        var after = first["meta"]!["pagination"]!["after"]!.GetValue<string>();
        using (await sim.Http.DeleteAsync($"iocs/entities/indicators/v1?ids={seeded[4].Id}"))
        {
        }

        var second = await sim.GetJsonAsync($"iocs/queries/indicators/v1?limit=5&after={Uri.EscapeDataString(after)}");

        Assert.Equal(seeded.Skip(5).Select(s => s.Id), Sim.Strings(second["resources"]));
    }

    [Theory]
    [InlineData("sort=created_on|asc", "after=bm90IGEgdG9rZW4")]
    [InlineData("sort=value|asc", "after=%%%")]
    public async Task Invalid_after_tokens_answer_400(string sort, string after)
    {
        await using var sim = await Sim.StartAsync();

        var json = await sim.GetJsonAsync($"iocs/queries/indicators/v1?{sort}&{after}", HttpStatusCode.BadRequest);

        Assert.Contains("after", Sim.ErrorMessages(json).Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_after_token_only_continues_the_sort_it_was_issued_for()
    {
        await using var sim = await Sim.StartAsync();
        sim.Host.Store.Seed(Enumerable.Range(0, 4).Select(i => Seed(i, DateTimeOffset.UtcNow.AddDays(-1))));
        var after = (await sim.GetJsonAsync("iocs/queries/indicators/v1?limit=2&sort=value|asc"))["meta"]!["pagination"]!["after"]!.GetValue<string>();

        await sim.GetJsonAsync($"iocs/queries/indicators/v1?limit=2&sort=value|desc&after={Uri.EscapeDataString(after)}", HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("created_on|asc", new[] { "b.example", "c.example", "a.example" })]
    [InlineData("created_on|desc", new[] { "a.example", "c.example", "b.example" })]
    [InlineData("created_on.desc", new[] { "a.example", "c.example", "b.example" })]
    [InlineData("value|asc", new[] { "a.example", "b.example", "c.example" })]
    [InlineData("value.desc", new[] { "c.example", "b.example", "a.example" })]
    [InlineData("modified_on|desc", new[] { "b.example", "a.example", "c.example" })]
    public async Task Sort_orders_results(string sort, string[] expected)
    {
        await using var sim = await Sim.StartAsync();
        var t = DateTimeOffset.UtcNow.AddDays(-1);
        sim.Host.Store.Seed(
        [
            new SimIndicatorSeed { Type = "domain", Value = "b.example", CreatedOn = t, ModifiedOn = t.AddHours(3) },
            new SimIndicatorSeed { Type = "domain", Value = "c.example", CreatedOn = t.AddMinutes(1), ModifiedOn = t.AddHours(1) },
            new SimIndicatorSeed { Type = "domain", Value = "a.example", CreatedOn = t.AddMinutes(2), ModifiedOn = t.AddHours(2) },
        ]);

        var json = await sim.GetJsonAsync($"iocs/combined/indicator/v1?sort={Uri.EscapeDataString(sort)}");

        Assert.Equal(expected, json["resources"]!.AsArray().Select(r => r!["value"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Unknown_sort_field_answers_400()
    {
        await using var sim = await Sim.StartAsync();

        await sim.GetJsonAsync("iocs/queries/indicators/v1?sort=banana|asc", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Deleted_iocs_are_left_out_unless_the_filter_mentions_deleted()
    {
        await using var sim = await Sim.StartAsync();
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        var live = sim.Host.Store.Seed(Seed(1, start));
        var gone = sim.Host.Store.Seed(Seed(2, start, deleted: true));

        Assert.Equal([live.Id], Sim.Strings((await sim.GetJsonAsync("iocs/queries/indicators/v1"))["resources"]));
        Assert.Equal([live.Id], Sim.Strings((await sim.SearchAsync("type:'domain'"))["resources"]));
        Assert.Equal([gone.Id], Sim.Strings((await sim.SearchAsync("deleted:true"))["resources"]));
        Assert.Equal([live.Id], Sim.Strings((await sim.SearchAsync("deleted:false"))["resources"]));
        Assert.Equal(2, Sim.Strings((await sim.SearchAsync("deleted:true,deleted:false"))["resources"]).Count);

        sim.Host.Options.SearchIncludesDeletedByDefault = true;
        Assert.Equal(2, Sim.Strings((await sim.SearchAsync("type:'domain'"))["resources"]).Count);
    }

    [Fact]
    public async Task A_value_list_filter_finds_hundreds_of_values_in_one_request()
    {
        await using var sim = await Sim.StartAsync();
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        sim.Host.Store.Seed(Enumerable.Range(0, 5000).Select(i => Seed(i, start)));
        var wanted = Enumerable.Range(0, 300).Select(i => $"HOST{i * 7:D6}.example").Append("missing.example").ToList();
        var filter = "type:'domain'+deleted:false+value:[" + string.Join(",", wanted.Select(v => $"'{v}'")) + "]";

        var json = await sim.SearchAsync(filter, "&limit=500", combined: true);

        var values = json["resources"]!.AsArray().Select(r => r!["value"]!.GetValue<string>()).ToHashSet();
        Assert.Equal(300, values.Count);
        Assert.All(wanted.SkipLast(1), v => Assert.Contains(v.ToLowerInvariant(), values));
    }

    [Fact]
    public async Task A_plus_sent_unencoded_arrives_as_a_space_and_the_filter_is_refused()
    {
        await using var sim = await Sim.StartAsync();
        await sim.CreateOneAsync();

        var unencoded = await sim.GetJsonAsync("iocs/queries/indicators/v1?filter=type:'domain'+deleted:false", HttpStatusCode.BadRequest);
        var encoded = await sim.GetJsonAsync("iocs/queries/indicators/v1?filter=type:'domain'%2Bdeleted:false");

        Assert.Contains("'+'", Sim.ErrorMessages(unencoded).Single(), StringComparison.Ordinal);
        Assert.Single(Sim.Strings(encoded["resources"]));
    }

    [Fact]
    public async Task An_escaped_quote_inside_a_value_cannot_change_the_filter()
    {
        await using var sim = await Sim.StartAsync();
        await sim.CreateOneAsync(value: "a.example");
        await sim.CreateOneAsync(value: "b.example", edit: i => i["description"] = "it's b");

        var injected = await sim.SearchAsync(@"value:'x\',value:\'a.example'");
        var quoted = await sim.SearchAsync(@"description:'it\'s b'", combined: true);

        Assert.Empty(injected["resources"]!.AsArray());
        Assert.Equal("b.example", quoted["resources"]![0]!["value"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("type:")]
    [InlineData("type:'domain")]
    [InlineData("(type:'domain'")]
    [InlineData("nosuchproperty:'x'")]
    [InlineData("deleted:maybe")]
    [InlineData("created_on:>'yesterday'")]
    public async Task Malformed_filters_answer_400_with_a_message(string filter)
    {
        await using var sim = await Sim.StartAsync();

        var json = await sim.SearchAsync(filter, expected: HttpStatusCode.BadRequest);

        Assert.StartsWith("Invalid filter", Sim.ErrorMessages(json).Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_than_20_properties_in_a_filter_answers_400()
    {
        await using var sim = await Sim.StartAsync();
        var twenty = string.Join("+", Enumerable.Range(0, 20).Select(i => $"tags:'t{i}'"));

        await sim.SearchAsync(twenty);
        var json = await sim.SearchAsync(twenty + "+type:'domain'", expected: HttpStatusCode.BadRequest);

        Assert.Contains("at most 20", Sim.ErrorMessages(json).Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Searches_see_changes_made_after_an_identical_earlier_search()
    {
        await using var sim = await Sim.StartAsync();
        await sim.CreateOneAsync(value: "a.example");
        Assert.Single(Sim.Strings((await sim.SearchAsync("source:'OpenCTI IOC'"))["resources"]));

        var b = await sim.CreateOneAsync(value: "b.example");
        Assert.Equal(2, Sim.Strings((await sim.SearchAsync("source:'OpenCTI IOC'"))["resources"]).Count);

        using (await sim.UpdateAsync(new JsonObject { ["id"] = b["id"]!.DeepClone(), ["source"] = "moved" }))
        {
        }

        Assert.Single(Sim.Strings((await sim.SearchAsync("source:'OpenCTI IOC'"))["resources"]));
    }

    [Fact]
    public async Task Paging_a_hundred_thousand_iocs_with_after_returns_them_all()
    {
        await using var sim = await Sim.StartAsync();
        var start = DateTimeOffset.UtcNow.AddDays(-2);
        sim.Host.Store.Seed(Enumerable.Range(0, 100_000).Select(i => Seed(i, start)));

        var count = 0;
        string? after = null;
        do
        {
            var json = await sim.SearchAsync("created_by:'falcon-sim-client'+deleted:false", $"&limit=2000{(after is null ? "" : "&after=" + Uri.EscapeDataString(after))}");
            count += json["resources"]!.AsArray().Count;
            after = json["meta"]!["pagination"]!["after"]?.GetValue<string>();
        }
        while (after is not null);

        Assert.Equal(100_000, count);
    }
}
