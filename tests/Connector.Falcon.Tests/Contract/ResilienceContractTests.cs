using Connector.Contracts;
using Connector.Falcon.Tests.Support;
using FalconSim;

namespace Connector.Falcon.Tests.Contract;

public sealed class ResilienceContractTests
{
    private const string EntitiesPath = "/iocs/entities/indicators/v1";

    [Fact]
    public async Task A_burst_of_429s_is_waited_out_until_each_retry_time_and_the_call_succeeds()
    {
        await using var sim = await FalconSimHost.StartAsync();
        await using var harness = FalconClientHarness.For(sim);
        await harness.Client.GetAsync([new string('0', 64)]);
        sim.Options.TriggerRateLimitBurst(3);

        var created = await harness.Client.CreateAsync([TestIocs.Domain("throttled.example")]);

        Assert.True(created.AllSucceeded);
        var posts = harness.Wire.Exchanges.Where(e => e.Method == "POST").ToList();
        Assert.Equal([429, 429, 429, 201], posts.Select(p => p.Status));
        for (var i = 1; i < posts.Count; i++)
        {
            var retryAt = DateTimeOffset.FromUnixTimeSeconds(posts[i - 1].RetryAfterEpoch!.Value);
            Assert.True(posts[i].SentAt >= retryAt, $"Attempt {i + 1} left at {posts[i].SentAt:O}, before the retry time {retryAt:O}.");
        }

        Assert.Equal(3, sim.Counters.BurstRateLimited);
        Assert.Equal(3, harness.Statistics.Throttled);
        Assert.Equal(1, sim.Store.ActiveCount);
    }

    [Fact]
    public async Task After_a_429_no_request_of_the_process_leaves_before_the_retry_time()
    {
        await using var sim = await FalconSimHost.StartAsync();
        await using var harness = FalconClientHarness.For(sim);
        var id = Assert.Single((await harness.Client.CreateAsync([TestIocs.Domain("gate.example")])).Items).Ioc!.Id;
        sim.Options.TriggerRateLimitBurst(1);

        var first = harness.Client.GetAsync([id]);
        var blockedUntil = await WaitForBlockAsync(harness);
        var others = Enumerable.Range(0, 5).Select(_ => harness.Client.GetAsync([id])).ToList();
        var results = await Task.WhenAll(others.Prepend(first));

        Assert.All(results, r => Assert.Equal(id, Assert.Single(r).Id));
        var throttled = Assert.Single(harness.Wire.Exchanges, e => e.Status == 429);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(throttled.RetryAfterEpoch!.Value), blockedUntil);
        var later = harness.Wire.Exchanges.Where(e => e.SentAt > throttled.SentAt).ToList();
        Assert.Equal(6, later.Count);
        Assert.All(later, e => Assert.True(e.SentAt >= blockedUntil, $"A request left at {e.SentAt:O}, before {blockedUntil:O}."));
    }

    [Fact]
    public async Task With_a_third_of_answers_failing_with_5xx_every_operation_still_succeeds()
    {
        await using var sim = await FalconSimHost.StartAsync(new FalconSimOptions { ServerErrorRate = 0.3, Seed = 20_240_611 });
        await using var harness = FalconClientHarness.For(sim, settings: new Dictionary<string, string?>
        {
            ["max_retries"] = "10",
            ["batch_size"] = "10",
        });
        var client = harness.Client;
        var writes = Enumerable.Range(0, 30).Select(i => TestIocs.Write(IocType.Md5, TestIocs.Sha256(i)[..32])).ToList();

        var created = await client.CreateAsync(writes);
        var ids = created.Items.Select(i => i.Ioc?.Id).OfType<string>().ToList();
        var read = await client.GetAsync(ids);
        var updated = await client.UpdateAsync([.. ids.Select(id => new FalconIocUpdate { Id = id, Severity = "low" })]);
        var listed = await client.ListAsync(Fql.Eq("type", "md5"), new FalconSearchOptions { PageSize = 10 }).ToListAsync();
        var found = await client.FindByValuesAsync(IocType.Md5, writes.Select(w => w.Value));
        var deleted = await client.DeleteAsync(ids);

        Assert.True(created.AllSucceeded);
        Assert.Equal(30, read.Count);
        Assert.True(updated.AllSucceeded);
        Assert.Equal(30, listed.Count);
        Assert.All(listed, i => Assert.Equal("low", i.Severity));
        Assert.Equal(30, found.Count);
        Assert.True(deleted.AllSucceeded);
        Assert.True(sim.Counters.ServerErrorsInjected > 0);
        Assert.True(harness.Statistics.Retries >= sim.Counters.ServerErrorsInjected);
        Assert.Equal(30, sim.Store.Count);
    }

    [Fact]
    public async Task A_create_whose_answer_was_lost_comes_back_from_its_retry_as_a_duplicate()
    {
        await using var sim = await FalconSimHost.StartAsync(new FalconSimOptions { ServerErrorAfterCommit = true });
        await using var harness = FalconClientHarness.For(sim);
        await harness.Client.GetAsync([new string('0', 64)]);
        sim.Options.ServerErrorRate = 1.0;
        harness.Wire.AfterAnswer = e =>
        {
            if (e.Status >= 500)
            {
                sim.Options.ServerErrorRate = 0;
            }
        };

        var result = await harness.Client.CreateAsync([TestIocs.Domain("lost.example")]);

        Assert.Equal(FalconItemStatus.Duplicate, Assert.Single(result.Items).Status);
        Assert.Equal(1, sim.Store.ActiveCount);
        Assert.Equal(2, sim.Counters.Requests(EntitiesPath, "POST"));
    }

    [Fact]
    public async Task When_retries_run_out_the_call_fails_as_transient()
    {
        await using var sim = await FalconSimHost.StartAsync(new FalconSimOptions { ServerErrorRate = 1.0 });
        await using var harness = FalconClientHarness.For(sim, settings: new Dictionary<string, string?> { ["max_retries"] = "1" });

        var error = await Assert.ThrowsAsync<FalconApiException>(() => harness.Client.GetAsync([new string('0', 64)]));

        Assert.True(error.IsTransient);
        Assert.NotNull(error.StatusCode);
        Assert.True((int)error.StatusCode!.Value >= 500);
        Assert.Equal(2, sim.Counters.Requests(EntitiesPath, "GET"));
    }

    private static async Task<DateTimeOffset> WaitForBlockAsync(FalconClientHarness harness)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            if (harness.Limiter.BlockedUntil is { } until)
            {
                return until;
            }

            await Task.Delay(5, timeout.Token);
        }
    }
}
