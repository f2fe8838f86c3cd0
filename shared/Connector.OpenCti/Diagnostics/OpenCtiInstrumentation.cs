using System.Diagnostics;
using System.Diagnostics.Metrics;
using Connector.OpenCti.LiveStream;

namespace Connector.OpenCti.Diagnostics;

/// <summary>
/// The OpenCTI client's traces and metrics. Subscribe with <see cref="ActivitySourceName"/> and <see cref="MeterName"/>.
/// Nothing recorded here holds a secret: no token, no header, no request body.
/// </summary>
public sealed class OpenCtiInstrumentation
{
    /// <summary>The <see cref="ActivitySource"/> name: a span per GraphQL call and per live stream connection.</summary>
    public const string ActivitySourceName = "Connector.OpenCti";

    /// <summary>The <see cref="Meter"/> name.</summary>
    public const string MeterName = "Connector.OpenCti";

    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    // Bucket bounds in seconds (OpenTelemetry's defaults suit milliseconds): a GraphQL call takes from a few ms to
    // tens of seconds for a large page, retries included.
    private static readonly double[] GraphQlDurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Counter<long> frames;
    private readonly Counter<long> reconnects;
    private readonly Counter<long> graphQlCalls;
    private readonly Histogram<double> graphQlDuration;
    private long lastEventMilliseconds = -1;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public OpenCtiInstrumentation(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        frames = meter.CreateCounter<long>("opencti.stream.frames", "{frame}", "Live stream frames received, by SSE event name.");
        reconnects = meter.CreateCounter<long>("opencti.stream.reconnects", "{reconnect}", "Live stream reconnects, by reason.");
        meter.CreateObservableGauge(
            "opencti.stream.last_event_time",
            ObserveLastEventTime,
            "ms",
            "Unix time in milliseconds of the last live stream event id received (heartbeats included).");
        graphQlCalls = meter.CreateCounter<long>("opencti.graphql.calls", "{call}", "GraphQL calls, by operation and outcome.");
        graphQlDuration = meter.CreateHistogram(
            "opencti.graphql.duration",
            "s",
            "GraphQL call duration, retries included.",
            tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = GraphQlDurationBuckets });
    }

    /// <summary>The Unix time in milliseconds of the last event id received, or null before the first.</summary>
    public long? LastEventMilliseconds
    {
        get
        {
            var ms = Interlocked.Read(ref lastEventMilliseconds);
            return ms >= 0 ? ms : null;
        }
    }

    internal void FrameReceived(string eventName) => frames.Add(1, new KeyValuePair<string, object?>("event", eventName));

    internal void Reconnecting(string reason) => reconnects.Add(1, new KeyValuePair<string, object?>("reason", reason));

    internal void EventIdReceived(StreamEventId id) => Interlocked.Exchange(ref lastEventMilliseconds, id.Milliseconds);

    internal void GraphQlCall(string operation, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "operation", operation }, { "outcome", outcome } };
        graphQlCalls.Add(1, tags);
        graphQlDuration.Record(duration.TotalSeconds, tags);
    }

    private IEnumerable<Measurement<long>> ObserveLastEventTime() =>
        LastEventMilliseconds is { } ms ? [new Measurement<long>(ms)] : [];
}
