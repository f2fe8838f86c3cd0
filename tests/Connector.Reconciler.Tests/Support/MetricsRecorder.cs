using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Connector.Reconciler.Tests.Support;

/// <summary>Listens to one host's <c>Connector.Reconciler</c> meter (other hosts in the process have their own).</summary>
public sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();

    public MetricsRecorder(IMeterFactory meterFactory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ReconcilerInstrumentation.SourceName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _measurements.Enqueue((instrument.Name, value, tags.ToArray())));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => _measurements.Enqueue((instrument.Name, value, tags.ToArray())));
        _listener.Start();
    }

    /// <summary>Reads the gauges now.</summary>
    public void Collect() => _listener.RecordObservableInstruments();

    public IReadOnlyList<double> Values(string instrument, string? tag = null, string? value = null) =>
        [.. _measurements
            .Where(m => m.Instrument == instrument && (tag is null || m.Tags.Any(t => t.Key == tag && Equals(t.Value?.ToString(), value))))
            .Select(m => m.Value)];

    /// <summary>The latest observation of a gauge.</summary>
    public double Gauge(string instrument, string? tag = null, string? value = null) => Values(instrument, tag, value)[^1];

    /// <summary>The sum of a counter's increments.</summary>
    public double Sum(string instrument, string? tag = null, string? value = null) => Values(instrument, tag, value).Sum();

    public void Dispose() => _listener.Dispose();
}
