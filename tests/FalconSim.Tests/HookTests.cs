using System.Net;
using System.Text;
using FalconSim.Tests.Support;

namespace FalconSim.Tests;

public sealed class HookTests
{
    [Fact]
    public async Task Seeded_iocs_keep_any_creator_source_and_state_and_show_in_state_and_search()
    {
        await using var sim = await Sim.StartAsync();
        using var hooks = Sim.Anonymous(sim.Host);
        const string Seeds = """
            {"indicators":[
              {"type":"domain","value":"foreign.example","created_by":"someone-else","source":"Manual","action":"prevent"},
              {"type":"md5","value":"d41d8cd98f00b204e9800998ecf8427e","deleted":true,"created_on":"2024-01-02T03:04:05.123456789Z"}
            ]}
            """;

        using var seeded = await hooks.PostAsync("_sim/iocs", new StringContent(Seeds, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, seeded.StatusCode);
        var state = await Sim.ReadJsonAsync(await hooks.GetAsync("_sim/state"));
        Assert.Equal(2, state["count"]!.GetValue<int>());
        Assert.Equal(1, state["active_count"]!.GetValue<int>());
        var foreign = sim.Host.Store.FindActive("domain", "foreign.example")!;
        Assert.Equal("someone-else", foreign.CreatedBy);
        Assert.Equal("prevent", foreign.Action);
        var deleted = sim.Host.Store.Snapshot().Single(i => i.Type == "md5");
        Assert.True(deleted.Deleted);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567), deleted.CreatedOn);

        var search = await sim.SearchAsync("created_by:'someone-else'");
        Assert.Equal([foreign.Id], Sim.Strings(search["resources"]));
    }

    [Fact]
    public async Task Seeding_a_second_active_ioc_with_the_same_type_and_value_is_refused()
    {
        await using var sim = await Sim.StartAsync();
        using var hooks = Sim.Anonymous(sim.Host);
        const string Seeds = """[{"type":"domain","value":"x.example"},{"type":"domain","value":"X.example"}]""";

        using var response = await hooks.PostAsync("_sim/iocs", new StringContent(Seeds, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, sim.Host.Store.Count);
    }

    [Fact]
    public async Task Reset_empties_the_store_and_zeroes_counters_but_keeps_tokens()
    {
        await using var sim = await Sim.StartAsync();
        await sim.CreateOneAsync();
        using var hooks = Sim.Anonymous(sim.Host);

        using var reset = await hooks.PostAsync("_sim/reset", null);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(0, sim.Host.Store.Count);
        Assert.Equal(0, sim.Host.Counters.TotalRequests);
        await sim.GetJsonAsync("iocs/queries/indicators/v1");
    }

    [Fact]
    public async Task Counters_hook_shows_requests_and_faults_and_is_not_counted_itself()
    {
        await using var sim = await Sim.StartAsync();
        await sim.GetJsonAsync("iocs/queries/indicators/v1");
        using var hooks = Sim.Anonymous(sim.Host);

        var counters = await Sim.ReadJsonAsync(await hooks.GetAsync("_sim/counters"));

        Assert.Equal(2, counters["total_requests"]!.GetValue<long>());
        var rows = counters["requests"]!.AsArray();
        Assert.Contains(rows, r => r!["endpoint"]!.GetValue<string>() == "/iocs/queries/indicators/v1" && r["status"]!.GetValue<int>() == 200 && r["count"]!.GetValue<long>() == 1);
        Assert.Equal(0, counters["server_errors_injected"]!.GetValue<long>());
        Assert.Equal(2, sim.Host.Counters.TotalRequests);
    }

    [Fact]
    public async Task Faults_hook_sets_switches_at_runtime()
    {
        await using var sim = await Sim.StartAsync();
        using var hooks = Sim.Anonymous(sim.Host);
        const string Faults = """{"server_error_rate":1,"burst_429":1,"rate_limit_per_minute":1234,"batch_mode":"partial","capacity":7,"warning_values":["google.com"]}""";

        using var response = await hooks.PostAsync("_sim/faults", new StringContent(Faults, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var options = sim.Host.Options;
        Assert.Equal(1.0, options.ServerErrorRate);
        Assert.Equal(1234, options.RateLimitPerMinute);
        Assert.Equal(BatchFailureMode.PartialCommit, options.BatchFailureMode);
        Assert.Equal(7, options.Capacity);
        Assert.Contains("google.com", options.WarningValues);
        using var burst = await sim.Http.GetAsync("iocs/queries/indicators/v1");
        Assert.Equal(HttpStatusCode.TooManyRequests, burst.StatusCode);
        using var failing = await sim.Http.GetAsync("iocs/queries/indicators/v1");
        Assert.True((int)failing.StatusCode >= 500);
        Assert.Equal("1234", failing.Headers.GetValues("X-Ratelimit-Limit").Single());
    }

    [Theory]
    [InlineData("""{"server_error_rate":2}""")]
    [InlineData("""{"batch_mode":"sometimes"}""")]
    [InlineData("""{"rate_limit_per_minute":0}""")]
    [InlineData("not json")]
    public async Task Faults_hook_refuses_bad_values_and_changes_nothing(string body)
    {
        await using var sim = await Sim.StartAsync();
        using var hooks = Sim.Anonymous(sim.Host);

        using var response = await hooks.PostAsync("_sim/faults", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, sim.Host.Options.ServerErrorRate);
        Assert.Equal(6000, sim.Host.Options.RateLimitPerMinute);
        Assert.Equal(BatchFailureMode.AllOrNothing, sim.Host.Options.BatchFailureMode);
    }

    [Fact]
    public async Task Token_expire_hook_makes_api_calls_401()
    {
        await using var sim = await Sim.StartAsync();
        using var hooks = Sim.Anonymous(sim.Host);

        using var response = await hooks.PostAsync("_sim/tokens/expire", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await sim.GetJsonAsync("iocs/queries/indicators/v1", HttpStatusCode.Unauthorized);
    }
}
