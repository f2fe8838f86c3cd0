using System.Collections.Concurrent;
using System.Diagnostics;
using Connector.StreamIngest.Tests.Support;
using OpenCtiSim;

namespace Connector.StreamIngest.Tests.Integration;

public sealed class TracingTests(RabbitMqVirtualHost broker) : IClassFixture<RabbitMqVirtualHost>
{
    [Fact]
    public async Task Each_frame_is_a_span_whose_children_are_its_publishes_and_the_consumer_continues_the_trace()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is StreamIngestInstrumentation.SourceName or "MassTransit",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        await using var sim = await OpenCtiSimHost.StartAsync(Expectations.SimOptions());
        var indicator = sim.Platform.AddIndicator(new IndicatorDraft { Pattern = "[ipv4-addr:value = '198.51.100.7' OR domain-name:value = 'traced.example']" });
        await using var collector = await ChangeCollector.StartAsync(broker);
        await using var host = await StreamIngestHost.StartAsync(sim, broker);
        await collector.WaitForChangesAsync(c => c.Count == 2, "both messages arrived");

        Activity? frame = null;
        await Eventually.HoldsAsync(
            () => (frame = stopped.FirstOrDefault(a => a.Source.Name == StreamIngestInstrumentation.SourceName
                && Equals(a.GetTagItem("opencti.indicator.id"), indicator.StandardId))) is not null,
            "the frame's span ended");
        Assert.Equal("create", frame!.GetTagItem("opencti.stream.event"));
        Assert.Equal(2, frame.GetTagItem("stream_ingest.ioc_count"));
        Assert.NotNull(frame.GetTagItem("opencti.stream.event_id"));

        await Eventually.HoldsAsync(
            () => stopped.Count(a => a.Source.Name == "MassTransit" && a.ParentSpanId == frame.SpanId) >= 2,
            "both publishes were traced as children of the frame");
        await Eventually.HoldsAsync(
            () => stopped.Count(a => a.Source.Name == "MassTransit" && a.TraceId == frame.TraceId && a.Kind == ActivityKind.Consumer) >= 2,
            "the consumer side continued the frame's trace");
    }
}
