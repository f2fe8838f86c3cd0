using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Connector.StreamIngest.Tests.Support;

/// <summary>
/// Listens to one host's instruments (by meter name and the host's own <see cref="IMeterFactory"/>, so hosts running
/// in parallel in the test process do not mix) and adds up what they record, per instrument and tag set.
/// </summary>
public sealed class MetricProbe : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, double> sums = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double> lastValues = new(StringComparer.Ordinal);

    public MetricProbe(IMeterFactory scope, string meterName)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == meterName && ReferenceEquals(instrument.Meter.Scope, scope))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();
    }

    /// <summary>The total a counter recorded with exactly these tags (none: the total over every tag set).</summary>
    public double Sum(string instrument, params (string Key, string Value)[] tags)
    {
        if (tags.Length > 0)
        {
            return sums.GetValueOrDefault(Key(instrument, tags.Select(t => new KeyValuePair<string, object?>(t.Key, t.Value))));
        }

        return sums.Where(s => s.Key == instrument || s.Key.StartsWith(instrument + "|", StringComparison.Ordinal)).Sum(s => s.Value);
    }

    /// <summary>Reads the observable instruments now and returns the last value of <paramref name="instrument"/> with these tags.</summary>
    public double? Observe(string instrument, params (string Key, string Value)[] tags)
    {
        listener.RecordObservableInstruments();
        var key = Key(instrument, tags.Select(t => new KeyValuePair<string, object?>(t.Key, t.Value)));
        return lastValues.TryGetValue(key, out var value) ? value : null;
    }

    public void Dispose() => listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = Key(instrument.Name, tags.ToArray());
        sums.AddOrUpdate(key, value, (_, sum) => sum + value);
        lastValues[key] = value;
    }

    private static string Key(string instrument, IEnumerable<KeyValuePair<string, object?>> tags)
    {
        var parts = tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}").ToList();
        return parts.Count == 0 ? instrument : instrument + "|" + string.Join(",", parts);
    }
}
