using System.Diagnostics;
using System.Globalization;
using System.Net;
using FalconSim.Tests.Support;

namespace FalconSim.Tests;

public sealed class RateLimitAndFaultTests
{
    [Fact]
    public async Task Sliding_window_counts_down_remaining_then_answers_429_with_an_epoch_retry_time()
    {
        await using var sim = await Sim.StartAsync(o => o.RateLimitPerMinute = 3, fakeClock: true);
        var first = sim.Clock!.GetUtcNow();
        var remaining = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await sim.Http.GetAsync("iocs/queries/indicators/v1");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            remaining.Add(ok.Headers.GetValues("X-Ratelimit-Remaining").Single());
            sim.Clock.Advance(TimeSpan.FromSeconds(10));
        }

        using var limited = await sim.Http.GetAsync("iocs/queries/indicators/v1");

        Assert.Equal(["2", "1", "0"], remaining);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("3", limited.Headers.GetValues("X-Ratelimit-Limit").Single());
        Assert.Equal("0", limited.Headers.GetValues("X-Ratelimit-Remaining").Single());
        var retryAfter = long.Parse(limited.Headers.GetValues("X-Ratelimit-Retryafter").Single(), CultureInfo.InvariantCulture);
        Assert.Equal(first.AddSeconds(60).ToUnixTimeSeconds(), retryAfter);
        var json = await Sim.ReadJsonAsync(limited);
        Assert.Equal(429, json["errors"]![0]!["code"]!.GetValue<int>());
        Assert.NotNull(json["meta"]!["trace_id"]);

        sim.Clock.Advance(TimeSpan.FromSeconds(30));
        using var freed = await sim.Http.GetAsync("iocs/queries/indicators/v1");
        Assert.Equal(HttpStatusCode.OK, freed.StatusCode);
        Assert.Equal(1, sim.Host.Counters.RateLimited);
        Assert.Equal(1, sim.Host.Counters.Requests("/iocs/queries/indicators/v1", "GET", 429));
    }

    [Fact]
    public async Task The_window_is_shared_by_all_api_clients()
    {
        await using var sim = await Sim.StartAsync(o =>
        {
            o.RateLimitPerMinute = 2;
            o.AdditionalClients["other"] = "other-secret";
        });
        using var other = await Sim.ClientAsync(sim.Host, "other", "other-secret");

        using var a = await sim.Http.GetAsync("iocs/queries/indicators/v1");
        using var b = await other.GetAsync("iocs/queries/indicators/v1");
        using var c = await sim.Http.GetAsync("iocs/queries/indicators/v1");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], [a.StatusCode, b.StatusCode, c.StatusCode]);
    }

    [Fact]
    public async Task The_token_endpoint_has_its_own_limit()
    {
        await using var sim = await Sim.StartAsync(o =>
        {
            o.TokenRateLimitPerMinute = 2;
            o.RateLimitPerMinute = 100;
        });
        using var http = Sim.Anonymous(sim.Host);

        using var second = await Sim.RequestTokenAsync(http, "falcon-sim-client", "falcon-sim-secret");
        using var third = await Sim.RequestTokenAsync(http, "falcon-sim-client", "falcon-sim-secret");

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("2", second.Headers.GetValues("X-Ratelimit-Limit").Single());
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(third.Headers.Contains("X-Ratelimit-Retryafter"));
        await sim.GetJsonAsync("iocs/queries/indicators/v1");
    }

    [Fact]
    public async Task A_burst_answers_the_next_N_api_requests_429_then_normal_service_resumes()
    {
        await using var sim = await Sim.StartAsync();
        sim.Host.Options.TriggerRateLimitBurst(2);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await sim.Http.GetAsync("iocs/queries/indicators/v1");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retry = long.Parse(response.Headers.GetValues("X-Ratelimit-Retryafter").Single(), CultureInfo.InvariantCulture);
                Assert.InRange(retry, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
            }
        }

        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.OK], statuses);
        Assert.Equal(2, sim.Host.Counters.BurstRateLimited);
        Assert.Equal(0, sim.Host.Options.PendingRateLimitBurst);
    }

    [Fact]
    public async Task Server_error_injection_answers_500_502_or_503_with_the_envelope_and_counts_it()
    {
        await using var sim = await Sim.StartAsync(o => o.ServerErrorRate = 1.0);
        var statuses = new HashSet<int>();

        for (var i = 0; i < 30; i++)
        {
            using var response = await sim.Http.GetAsync("iocs/queries/indicators/v1");
            statuses.Add((int)response.StatusCode);
            Assert.True(response.Headers.Contains("X-Cs-Traceid"));
            Assert.True(response.Headers.Contains("X-Ratelimit-Remaining"));
            var json = await Sim.ReadJsonAsync(response);
            Assert.Equal((int)response.StatusCode, json["errors"]![0]!["code"]!.GetValue<int>());
        }

        Assert.Subset(new HashSet<int> { 500, 502, 503 }, statuses);
        Assert.True(statuses.Count > 1);
        Assert.Equal(30, sim.Host.Counters.ServerErrorsInjected);

        sim.Host.Options.ServerErrorRate = 0;
        await sim.GetJsonAsync("iocs/queries/indicators/v1");
    }

    [Fact]
    public async Task An_injected_server_error_does_not_write_unless_after_commit_is_on()
    {
        await using var sim = await Sim.StartAsync(o => o.ServerErrorRate = 1.0);

        using var lost = await sim.CreateAsync(Sim.Indicator(value: "lost.example"));
        Assert.True((int)lost.StatusCode >= 500);
        Assert.Equal(0, sim.Host.Store.Count);

        sim.Host.Options.ServerErrorAfterCommit = true;
        using var committed = await sim.CreateAsync(Sim.Indicator(value: "committed.example"));
        Assert.True((int)committed.StatusCode >= 500);
        Assert.NotNull(sim.Host.Store.FindActive("domain", "committed.example"));
    }

    [Fact]
    public async Task Latency_delays_every_answer_and_can_be_changed_live()
    {
        await using var sim = await Sim.StartAsync();
        sim.Host.Options.LatencyPerRequest = TimeSpan.FromMilliseconds(300);

        var watch = Stopwatch.StartNew();
        await sim.GetJsonAsync("iocs/queries/indicators/v1");
        watch.Stop();

        // A lower bound only: the delay may not be skipped; how much longer it takes is not asserted.
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(280), watch.Elapsed.ToString());
    }

    [Fact]
    public async Task Counters_record_requests_by_endpoint_method_and_status()
    {
        await using var sim = await Sim.StartAsync();
        await sim.CreateOneAsync();
        using (await sim.CreateAsync(Sim.Indicator()))
        {
        }

        await sim.GetJsonAsync("iocs/queries/indicators/v1");

        var counters = sim.Host.Counters;
        Assert.Equal(1, counters.Requests("/oauth2/token", "POST", 201));
        Assert.Equal(1, counters.Requests("/iocs/entities/indicators/v1", "POST", 201));
        Assert.Equal(1, counters.Requests("/iocs/entities/indicators/v1", "POST", 400));
        Assert.Equal(2, counters.Requests("/iocs/entities/indicators/v1"));
        Assert.Equal(1, counters.Requests("/iocs/queries/indicators/v1", "GET", 200));
        Assert.Equal(4, counters.TotalRequests);
        Assert.Equal(1, counters.IndicatorsCreated);
        var snapshot = counters.Snapshot();
        Assert.Contains(new EndpointCount("/iocs/entities/indicators/v1", "POST", 400, 1), snapshot.Requests);
    }
}
