using System.Globalization;
using Connector.Contracts;
using Connector.IocSync.Tests.Support;
using Connector.Testing;
using FalconSim;
using Xunit.Abstractions;

namespace Connector.IocSync.Tests.Integration;

[Collection(IocSyncIntegration.Name)]
public sealed class FaultToleranceSpecs(RabbitMqBroker broker, ITestOutputHelper output) : IntegrationFixture(broker), IClassFixture<RabbitMqBroker>
{
    private const int Count = 2000;

    protected override FalconSimOptions FalconOptions => new() { ServerErrorRate = 0.2, Seed = 11 };

    [Fact]
    public async Task Under_429_bursts_and_20_percent_5xx_every_ioc_of_a_2000_ioc_sync_ends_right()
    {
        var changes = Enumerable.Range(0, Count)
            .Select(n => Indicators.Upsert($"f{n}", IocType.Ipv4, $"10.{n / 256 % 256}.{n % 256}.{1 + (n / 65536)}", version: 1, score: n % 100))
            .ToArray();

        // Bursts of 429s now and then, as when another tool of the customer spends the shared budget.
        using var bursts = new CancellationTokenSource();
        var burster = Task.Run(async () =>
        {
            for (var burst = 0; burst < 3 && !bursts.IsCancellationRequested; burst++)
            {
                Falcon.Options.TriggerRateLimitBurst(8);
                await Task.Delay(4000);
            }
        });

        await Sync.PublishAsync(changes);
        await Eventually.HoldsAsync(() => Falcon.Store.ActiveCount, n => n == Count, $"{Count} IOCs in Falcon", TimeSpan.FromMinutes(3));
        await bursts.CancelAsync();
        await burster;
        await QuietAsync();

        var byValue = Falcon.Store.Snapshot().Where(i => !i.Deleted).ToDictionary(i => i.Value, StringComparer.Ordinal);
        Assert.Equal(Count, byValue.Count);
        foreach (var change in changes)
        {
            var ioc = byValue[change.Value];
            var expected = change.Attributes!.Score switch
            {
                < 20 => "informational",
                < 40 => "low",
                < 60 => "medium",
                < 80 => "high",
                _ => "critical",
            };
            Assert.Equal(expected, ioc.Severity);
            Assert.Equal("detect", ioc.Action);
        }

        Assert.Empty(await ErrorQueuesWithMessagesAsync());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"5xx injected: {Falcon.Counters.ServerErrorsInjected}, 429 sent: {Falcon.Counters.RateLimited}, requests: {Falcon.Counters.TotalRequests}"));
        Assert.True(Falcon.Counters.ServerErrorsInjected > 0, "no 5xx was injected");
        Assert.True(Falcon.Counters.RateLimited > 0, "no 429 was sent");
    }
}

[Collection(IocSyncIntegration.Name)]
public sealed class DurabilitySpecs(RabbitMqBroker broker) : IntegrationFixture(broker), IClassFixture<RabbitMqBroker>
{
    protected override FalconSimOptions FalconOptions => new() { LatencyPerRequest = TimeSpan.FromMilliseconds(100) };

    // Small Falcon batches, so the sync takes many requests and the stop lands in its middle.
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["ioc_sync:batch_size"] = "50" };

    [Fact]
    public async Task A_service_stopped_in_the_middle_of_a_sync_finishes_it_after_a_restart_without_duplicates()
    {
        const int count = 1500;
        var changes = Enumerable.Range(0, count)
            .Select(n => Indicators.Upsert($"d{n}", IocType.Domain, $"durable{n}.example", version: 1))
            .ToArray();
        await Sync.PublishAsync(changes);
        await Eventually.HoldsAsync(() => Falcon.Store.ActiveCount, n => n > 0, "the sync to start");

        await Sync.StopAsync();
        Assert.True(Falcon.Store.ActiveCount < count, "the sync finished before the stop; the test proves nothing");
        await Sync.StartAsync();

        await Eventually.HoldsAsync(() => Falcon.Store.ActiveCount, n => n == count, $"{count} IOCs in Falcon", TimeSpan.FromMinutes(2));
        await QuietAsync();
        Assert.Equal(count, Falcon.Store.Snapshot().Count(i => !i.Deleted));
        Assert.Empty(await ErrorQueuesWithMessagesAsync());
    }
}
