using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Connector.Falcon.Telemetry;
using Connector.Falcon.Tests.Support;
using FalconSim;
using Microsoft.Extensions.DependencyInjection;

namespace Connector.Falcon.Tests.Contract;

public sealed class TelemetryContractTests
{
    [Fact]
    public async Task Each_exchange_is_a_span_with_endpoint_status_and_item_count_and_no_secret()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == FalconInstrumentation.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var sim = await FalconSimHost.StartAsync();
        await using var harness = FalconClientHarness.For(sim);
        using var marker = new Activity("telemetry-test").Start();

        await harness.Client.CreateAsync([TestIocs.Domain("span-1.example"), TestIocs.Domain("span-2.example"), TestIocs.Domain("span-3.example")]);

        var mine = spans.Where(s => s.TraceId == marker.TraceId).ToList();
        var create = Assert.Single(mine, s => s.DisplayName == "falcon iocs.create");
        Assert.Equal(ActivityKind.Client, create.Kind);
        Assert.Equal("iocs.create", create.GetTagItem("falcon.endpoint"));
        Assert.Equal(3, create.GetTagItem("falcon.item_count"));
        Assert.Equal(201, create.GetTagItem("http.response.status_code"));
        Assert.NotNull(create.GetTagItem("falcon.trace_id"));
        Assert.Single(mine, s => s.DisplayName == "falcon oauth2.token");
        var tagText = string.Join('\n', mine.SelectMany(s => s.TagObjects).Select(t => $"{t.Key}={t.Value}"));
        Assert.DoesNotContain(sim.Options.ClientSecret, tagText, StringComparison.Ordinal);
        Assert.DoesNotContain("Bearer", tagText, StringComparison.Ordinal);
        Assert.DoesNotContain("span-1.example", tagText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_meter_counts_requests_by_endpoint_and_status_and_reports_headroom()
    {
        await using var sim = await FalconSimHost.StartAsync(new FalconSimOptions { RateLimitPerMinute = 1000 });
        await using var harness = FalconClientHarness.For(sim);
        var factory = harness.Services.GetRequiredService<IMeterFactory>();
        var requests = new ConcurrentDictionary<string, long>();
        var remaining = new ConcurrentQueue<long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == FalconInstrumentation.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "falcon.client.requests")
            {
                var tagMap = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
                requests.AddOrUpdate($"{tagMap["falcon.endpoint"]} {tagMap["http.response.status_code"]}", value, (_, n) => n + value);
            }
            else if (instrument.Name == "falcon.client.ratelimit.remaining")
            {
                remaining.Enqueue(value);
            }
        });
        listener.Start();

        await harness.Client.GetAsync([new string('0', 64)]);
        await harness.Client.CreateAsync([TestIocs.Domain("meter.example")]);
        listener.RecordObservableInstruments();

        Assert.Equal(1, requests.GetValueOrDefault("oauth2.token 201"));
        Assert.Equal(1, requests.GetValueOrDefault("iocs.get 404"));
        Assert.Equal(1, requests.GetValueOrDefault("iocs.create 201"));
        Assert.Equal(998, Assert.Single(remaining));
        var statistics = harness.Statistics;
        Assert.Equal(1000, statistics.RateLimitLimit);
        Assert.Equal(500, statistics.Budget);
        Assert.Equal(2, statistics.SentInWindow);
    }
}
