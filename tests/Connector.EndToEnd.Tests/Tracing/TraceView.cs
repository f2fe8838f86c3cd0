using Connector.EndToEnd.Tests.Otlp;
using Connector.EndToEnd.Tests.Otlp.Trace;

namespace Connector.EndToEnd.Tests.Tracing;

/// <summary>The spans received so far, read as trees: parents, descendants, and the batches that link to a trace.</summary>
internal sealed class TraceView(IReadOnlyList<ReceivedSpan> spans)
{
    private readonly Dictionary<(string Trace, string Span), ReceivedSpan> _byId =
        spans.GroupBy(s => (s.TraceId, s.SpanId)).ToDictionary(g => g.Key, g => g.First());

    public IReadOnlyList<ReceivedSpan> Spans => spans;

    public IReadOnlyList<ReceivedSpan> Trace(string traceId) => [.. spans.Where(s => s.TraceId == traceId)];

    /// <summary>True when <paramref name="ancestor"/> is on <paramref name="span"/>'s parent chain.</summary>
    public bool IsUnder(ReceivedSpan span, ReceivedSpan ancestor)
    {
        var current = span;
        while (current.ParentSpanId is { } parent && _byId.TryGetValue((current.TraceId, parent), out var next))
        {
            if (next.SpanId == ancestor.SpanId && next.TraceId == ancestor.TraceId)
            {
                return true;
            }

            current = next;
        }

        return false;
    }

    /// <summary>
    /// A span linking to <paramref name="traceId"/> (the writer's batch, which carries commands of many traces) with an
    /// HTTP client request <paramref name="method"/> <paramref name="path"/> under it; null until both arrived.
    /// </summary>
    public LinkedRequest? LinkedRequest(string traceId, string method, string path)
    {
        foreach (var batch in spans.Where(s => s.Links.Any(l => l.TraceId == traceId)))
        {
            var request = spans.FirstOrDefault(s =>
                s.TraceId == batch.TraceId && IsHttpRequest(s, method, path) && IsUnder(s, batch));
            if (request is not null)
            {
                return new LinkedRequest(batch, request, [.. spans.Where(s => s.TraceId == batch.TraceId && IsUnder(request, s) && IsUnder(s, batch))]);
            }
        }

        return null;
    }

    /// <summary>An HTTP client span (OpenTelemetry's HttpClient instrumentation) of <paramref name="method"/> to <paramref name="path"/>.</summary>
    public static bool IsHttpRequest(ReceivedSpan span, string method, string path) =>
        span.Kind == Span.Types.SpanKind.Client
        && span.Attribute("http.request.method") == method
        && span.Attribute("url.full") is { } url
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && uri.AbsolutePath == path;
}

/// <summary>A batch span, the HTTP request under it, and the spans between them (e.g. the Falcon client's own span).</summary>
internal sealed record LinkedRequest(ReceivedSpan Batch, ReceivedSpan Request, IReadOnlyList<ReceivedSpan> Between);
