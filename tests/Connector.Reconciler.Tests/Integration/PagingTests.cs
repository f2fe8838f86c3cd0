using Connector.Contracts;
using Connector.Domain.Falcon;
using Connector.Reconciler.Tests.Support;

namespace Connector.Reconciler.Tests.Integration;

/// <summary>Both sides are read page after page: nothing is lost or counted twice at the page boundaries.</summary>
public sealed class PagingTests(RabbitMqBroker broker) : IClassFixture<RabbitMqBroker>
{
    [Fact]
    public async Task Both_listings_page_through_every_item()
    {
        await using var bed = await Testbed.StartAsync(broker, new Dictionary<string, string?>
        {
            ["RECONCILER_OPENCTI_PAGE_SIZE"] = "3",
            ["RECONCILER_FALCON_PAGE_SIZE"] = "4",
        });
        for (var i = 0; i < 10; i++)
        {
            var indicator = bed.AddIndicator($"[domain-name:value = 'p{i}.paging.example']", d => d with { Score = 10 * i });
            if (i < 8)
            {
                var fields = bed.FieldsFor(indicator, IocType.Domain);
                bed.Falcon.Store.Seed(bed.OursWith("domain", $"p{i}.paging.example", i == 7 ? fields with { Severity = "critical" } : fields));
            }
        }

        var armed = new FalconIocFields { Action = "detect", MobileAction = "detect", Severity = "low", Platforms = ["linux"], Source = IocPolicy.DefaultSource };
        for (var i = 0; i < 3; i++)
        {
            bed.Falcon.Store.Seed(bed.OursWith("domain", $"o{i}.paging.example", armed));
        }

        var indicatorsCallsBefore = bed.OpenCti.Platform.Counters.GraphQlCallsOf("indicators");
        var report = await bed.RunAsync(dryRun: true);

        Assert.True(report.Completed, report.Error);
        Assert.Equal(10, report.OpenCti.Indicators);
        Assert.Equal(4, report.OpenCti.Pages); // 3 + 3 + 3 + 1
        Assert.Equal(4, bed.OpenCti.Platform.Counters.GraphQlCallsOf("indicators") - indicatorsCallsBefore);
        Assert.Equal(11, report.Falcon.OwnedIocs);
        Assert.Equal(4, bed.Falcon.Counters.Requests("/iocs/combined/indicator/v1", "GET", 200)); // 4 + 4 + 3, then one lookup of the missing values
        Assert.Equal(2, report.Drift.Missing);
        Assert.Equal(1, report.Drift.Stale);
        Assert.Equal(3, report.Drift.Orphan);
        Assert.Equal(6, report.Drift.Total);
        Assert.Equal(
            ["p8.paging.example", "p9.paging.example", "p7.paging.example", "o0.paging.example", "o1.paging.example", "o2.paging.example"],
            report.Items.Select(i => i.Value));
    }
}
