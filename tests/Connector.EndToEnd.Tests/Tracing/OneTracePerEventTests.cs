using System.Globalization;
using Connector.EndToEnd.Tests.Otlp;
using Connector.EndToEnd.Tests.Support;
using OpenCtiSim;
using static Connector.EndToEnd.Tests.Tracing.IocTraceAttributes;

namespace Connector.EndToEnd.Tests.Tracing;

/// <summary>
/// Issue 6, "one trace per event": an OpenCTI stream event, and a reconciler repair, each become one trace that crosses
/// the services (by their resource <c>service.name</c>) and ends at the Falcon request. The writer's batch carries
/// commands of many traces, so it has its own trace and links to each command; the Falcon request is under the batch.
/// </summary>
[Collection(PipelineTests.Name)]
public sealed class OneTracePerEventTests(Pipeline pipeline)
{
    private const string CreatePath = "/iocs/entities/indicators/v1";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_stream_event_is_one_trace_through_stream_ingest_and_ioc_sync_and_the_falcon_create_batch_links_to_it()
    {
        var value = pipeline.UniqueIpv4();
        var indicator = pipeline.OpenCti.Platform.AddIndicator(new IndicatorDraft { Pattern = $"[ipv4-addr:value = '{value}']", Score = 80 });
        await pipeline.WaitForFalconIocAsync("ipv4", value, Timeout);

        var frame = await Eventually.WaitAsync(
            () => pipeline.Otlp.Spans.FirstOrDefault(s => s.Service == ConnectorService.StreamIngest.Name && s.Attribute(IndicatorId) == indicator.StandardId),
            Timeout,
            () => $"no stream-ingest span carries {IndicatorId}={indicator.StandardId}; received:\n{Describe(pipeline.Otlp.Spans)}");
        var (write, linked) = await WaitForLinkedCreateAsync(frame.TraceId, value);
        var view = new TraceView(pipeline.Otlp.Spans);
        var trace = view.Trace(frame.TraceId);

        Assert.Contains(trace, s => s.Service == ConnectorService.StreamIngest.Name);
        Assert.Contains(trace, s => s.Service == ConnectorService.IocSync.Name);
        Assert.Equal(ConnectorService.IocSync.Name, write.Service);
        Assert.Equal("Ipv4", write.Attribute(IocType));
        Assert.Equal("Create", write.Attribute(Operation));
        AssertFalconCreate(linked);

        // One event, one trace: every span about this indicator or its IOC is in it (the batch only links to it).
        var about = pipeline.Otlp.Spans.Where(s =>
            s.Attribute(IndicatorId) is { } id && (id == indicator.StandardId || id == indicator.Id)
            || s.Attribute(ValueHash) == HashOf(value)).ToList();
        Assert.All(about, s => Assert.Equal(frame.TraceId, s.TraceId));
        Assert.DoesNotContain(write.Attributes.Values, v => v.Contains(value, StringComparison.Ordinal)); // hashed, not written out
        AssertNoSecretInAnySpan();
    }

    [Fact]
    public async Task A_reconciler_repair_is_one_trace_through_the_reconciler_and_ioc_sync_and_the_falcon_create_batch_links_to_it()
    {
        var value = pipeline.UniqueIpv4();
        pipeline.OpenCti.Platform.AddIndicator(new IndicatorDraft { Pattern = $"[ipv4-addr:value = '{value}']", Score = 80 });
        var created = await pipeline.WaitForFalconIocAsync("ipv4", value, Timeout);

        await AnalystConsole.DeleteAsync(pipeline.Falcon.BaseAddress, created.Id);
        using var report = await pipeline.RunReconcilerAsync(Timeout);
        var run = report.RootElement.GetProperty("run").GetInt64().ToString(CultureInfo.InvariantCulture);
        Assert.Equal("completed", report.RootElement.GetProperty("outcome").GetString());
        Assert.True(report.RootElement.GetProperty("drift").GetProperty("missing").GetInt32() >= 1, report.RootElement.ToString());
        await pipeline.WaitForFalconIocAsync("ipv4", value, Timeout, otherThanId: created.Id);

        var runSpan = await Eventually.WaitAsync(
            () => pipeline.Otlp.Spans.FirstOrDefault(s => s.Service == ConnectorService.Reconciler.Name && s.Name == "reconciler.run" && s.Attribute("reconciler.run") == run),
            Timeout,
            () => $"no reconciler.run span of run {run}; received:\n{Describe(pipeline.Otlp.Spans.Where(s => s.Service == ConnectorService.Reconciler.Name))}");
        var (write, linked) = await WaitForLinkedCreateAsync(runSpan.TraceId, value);
        var trace = new TraceView(pipeline.Otlp.Spans).Trace(runSpan.TraceId);

        Assert.Contains(trace, s => s.Service == ConnectorService.Reconciler.Name);
        Assert.Contains(trace, s => s.Service == ConnectorService.IocSync.Name);
        Assert.Equal(ConnectorService.IocSync.Name, write.Service);
        Assert.Equal("Ipv4", write.Attribute(IocType));
        Assert.Equal("Create", write.Attribute(Operation));
        AssertFalconCreate(linked);
        AssertNoSecretInAnySpan();
    }

    /// <summary>
    /// Waits for the ioc-sync span in <paramref name="traceId"/> that decided to create <paramref name="value"/>, and for
    /// a batch span linking to it (or to a span under it, the command's send) with the Falcon create request under it.
    /// </summary>
    private async Task<(ReceivedSpan Write, LinkedRequest Linked)> WaitForLinkedCreateAsync(string traceId, string value)
    {
        var hash = HashOf(value);
        var found = await Eventually.WaitAsync(
            () =>
            {
                var view = new TraceView(pipeline.Otlp.Spans);
                var write = view.Trace(traceId).FirstOrDefault(s => s.Service == ConnectorService.IocSync.Name && s.Attribute(ValueHash) == hash);
                if (write is null)
                {
                    return null;
                }

                var linked = view.LinkedRequest(traceId, "POST", CreatePath);
                var linkedToWrite = linked is not null && linked.Batch.Links.Any(l =>
                    l.TraceId == traceId && view.Trace(traceId).FirstOrDefault(s => s.SpanId == l.SpanId) is { } target
                    && (target.SpanId == write.SpanId || view.IsUnder(target, write)));
                return linkedToWrite ? Tuple.Create(write, linked!) : null;
            },
            Timeout,
            () => $"trace {traceId} has no ioc-sync span with {ValueHash}={hash} that a batch span links to with POST {CreatePath} under it; "
                + $"the trace:\n{Describe(pipeline.Otlp.Spans.Where(s => s.TraceId == traceId))}\nspans linking to it:\n"
                + Describe(pipeline.Otlp.Spans.Where(s => s.Links.Any(l => l.TraceId == traceId))));
        return (found.Item1, found.Item2);
    }

    private static void AssertFalconCreate(LinkedRequest linked)
    {
        Assert.Equal(ConnectorService.IocSync.Name, linked.Batch.Service);
        // A link per command the batch carries, not only to the trace it happens to run in.
        Assert.Equal(linked.Batch.Attribute("ioc_sync.batch.size"), linked.Batch.Links.Count.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(ConnectorService.IocSync.Name, linked.Request.Service);
        Assert.Equal("201", linked.Request.Attribute(HttpStatus));
        // The Falcon client's own span names the endpoint and Falcon's answer.
        Assert.Contains(linked.Between, s => s.Attribute("falcon.endpoint") == "iocs.create" && s.Attribute(HttpStatus) == "201");
    }

    private void AssertNoSecretInAnySpan()
    {
        string[] secrets = [pipeline.FalconClientSecret, pipeline.OpenCtiToken];
        var spans = pipeline.Otlp.Spans;
        Assert.NotEmpty(spans);
        var leaks = spans.Where(s => s.AllAttributeValues.Any(v => secrets.Any(secret => v.Contains(secret, StringComparison.Ordinal)))).ToList();
        Assert.True(leaks.Count == 0, "spans carry a secret:\n" + Describe(leaks));
        Assert.Equal(0, pipeline.Otlp.Refused);
    }

    private static string Describe(IEnumerable<ReceivedSpan> spans) => string.Join("\n", spans.Select(s => "  " + s));
}
