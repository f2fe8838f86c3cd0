using System.Diagnostics.Metrics;
using Connector.Contracts;
using Connector.Hosting.Settings;
using Microsoft.Extensions.Options;

namespace Connector.StreamIngest.Diagnostics;

/// <summary>
/// The service's metrics, on the Meter named <see cref="StreamIngestInstrumentation.SourceName"/>: ours
/// (<c>stream_ingest.*</c>) and the Python connector's <c>processed_messages_total{name,action}</c> and
/// <c>current_state{name}</c>, so existing dashboards keep working.
/// </summary>
public sealed class StreamIngestMetrics
{
    private readonly Counter<long> frames;
    private readonly Counter<long> iocsPublished;
    private readonly Counter<long> iocsSkipped;
    private readonly Counter<long> publishRetries;
    private readonly Counter<long> reconciliations;
    private readonly Counter<long> processedMessages;
    private readonly KeyValuePair<string, object?> connectorName;
    private readonly TimeProvider timeProvider;
    private long lastEventMilliseconds = -1;
    private long inFlight;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public StreamIngestMetrics(IMeterFactory meterFactory, IOptions<ConnectorOptions> connector, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(connector);
        this.timeProvider = timeProvider;
        connectorName = new("name", connector.Value.Name);
        var meter = meterFactory.Create(StreamIngestInstrumentation.SourceName);

        frames = meter.CreateCounter<long>(
            "stream_ingest.frames", "{frame}", "Live stream frames handled, by SSE event name and outcome (published, no-iocs, failed, handled, or why it was skipped).");
        iocsPublished = meter.CreateCounter<long>(
            "stream_ingest.iocs.published", "{message}", "IndicatorChanged messages confirmed by RabbitMQ, by change (upsert, release).");
        iocsSkipped = meter.CreateCounter<long>(
            "stream_ingest.iocs.skipped", "{ioc}", "Pattern terms and values that yield no Falcon IOC, by reason.");
        publishRetries = meter.CreateCounter<long>(
            "stream_ingest.publish.retries", "{attempt}", "Publishes that failed or timed out and were tried again.");
        reconciliations = meter.CreateCounter<long>(
            "stream_ingest.reconciliations.requested", "{request}", "ReconciliationRequested messages published, by reason.");
        meter.CreateObservableGauge(
            "stream_ingest.publish.in_flight", () => Interlocked.Read(ref inFlight), "{message}", "Publishes waiting for the broker's confirm.");
        meter.CreateObservableGauge(
            "stream_ingest.stream.lag", ObserveLag, "s", "Now minus the time of the last live stream event id handled.");

        // The Python connector's names (prometheus_client adds _total to the counter); no unit, so no suffix is added.
        processedMessages = meter.CreateCounter<long>(
            "processed_messages", null, "Live stream messages received, by connector name and SSE event name (as the Python connector counts them).");
        meter.CreateObservableGauge(
            "current_state", ObserveCurrentState, null, "Unix time in milliseconds of the last live stream event id handled.");
    }

    /// <summary>The Unix time in milliseconds of the last event id handled, or null before the first.</summary>
    public long? LastEventMilliseconds => Interlocked.Read(ref lastEventMilliseconds) is >= 0 and var ms ? ms : null;

    /// <summary>Publishes waiting for the broker's confirm now.</summary>
    public long InFlight => Interlocked.Read(ref inFlight);

    internal void FrameHandled(string eventName, string outcome) =>
        frames.Add(1, new KeyValuePair<string, object?>("event", eventName), new KeyValuePair<string, object?>("outcome", outcome));

    internal void MessageReceived(string eventName) =>
        processedMessages.Add(1, connectorName, new KeyValuePair<string, object?>("action", eventName));

    internal void PositionSeen(long milliseconds) => Interlocked.Exchange(ref lastEventMilliseconds, milliseconds);

    internal void IocPublished(IndicatorChangeKind change) =>
        iocsPublished.Add(1, new KeyValuePair<string, object?>("change", change == IndicatorChangeKind.Upsert ? "upsert" : "release"));

    internal void IocSkipped(string reason) => iocsSkipped.Add(1, new KeyValuePair<string, object?>("reason", reason));

    internal void PublishRetried() => publishRetries.Add(1);

    internal void ReconciliationRequested(string reason) => reconciliations.Add(1, new KeyValuePair<string, object?>("reason", reason));

    internal void InFlightChanged(int delta) => Interlocked.Add(ref inFlight, delta);

    private IEnumerable<Measurement<double>> ObserveLag()
    {
        if (LastEventMilliseconds is not { } ms)
        {
            return [];
        }

        var lag = (timeProvider.GetUtcNow().ToUnixTimeMilliseconds() - ms) / 1000.0;
        return [new Measurement<double>(Math.Max(lag, 0))];
    }

    private IEnumerable<Measurement<long>> ObserveCurrentState() =>
        LastEventMilliseconds is { } ms ? [new Measurement<long>(ms, connectorName)] : [];
}
