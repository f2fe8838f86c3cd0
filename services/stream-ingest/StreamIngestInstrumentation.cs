using System.Diagnostics;

namespace Connector.StreamIngest;

/// <summary>
/// The stream-ingest service's telemetry names, used both to emit (ActivitySource, Meter) and to subscribe
/// (<c>AddServiceDefaults</c>).
/// </summary>
public static class StreamIngestInstrumentation
{
    /// <summary>The service's name in logs and traces.</summary>
    public const string ServiceName = "stream-ingest";

    /// <summary>The name of the service's ActivitySource and Meter.</summary>
    public const string SourceName = "Connector.StreamIngest";

    /// <summary>
    /// A span per handled live stream frame; the publishes it starts are its children, and MassTransit carries the trace
    /// on to ioc-sync, so one OpenCTI event is one trace.
    /// </summary>
    public static ActivitySource ActivitySource { get; } = new(SourceName);
}
