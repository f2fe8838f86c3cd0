using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace OpenCtiSim;

/// <summary>
/// A redis stream id <c>"&lt;epoch-ms&gt;-&lt;seq&gt;"</c>, the id of OpenCTI's stream events. Ids in the event log
/// are strictly increasing; ids on the wire are only non-decreasing (dependency and recovery frames reuse ids).
/// </summary>
public readonly record struct StreamEventId(long Milliseconds, long Sequence) : IComparable<StreamEventId>
{
    /// <summary>The position before every event (<c>"0-0"</c>).</summary>
    public static readonly StreamEventId Zero = new(0, 0);

    /// <summary>The instant of the id's millisecond part.</summary>
    public DateTimeOffset Timestamp => DateTimeOffset.FromUnixTimeMilliseconds(Milliseconds);

    /// <summary>The first id of a millisecond (<c>"&lt;ms&gt;-0"</c>).</summary>
    public static StreamEventId At(DateTimeOffset instant) => new(instant.ToUnixTimeMilliseconds(), 0);

    /// <summary>Parses <c>"ms-seq"</c> or a bare <c>"ms"</c> (redis reads it as <c>"ms-0"</c>).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out StreamEventId id)
    {
        id = Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var msText = dash < 0 ? text.AsSpan() : text.AsSpan(0, dash);
        var seqText = dash < 0 ? "0".AsSpan() : text.AsSpan(dash + 1);
        if (!IsDigits(msText) || !IsDigits(seqText)
            || !long.TryParse(msText, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            || !long.TryParse(seqText, NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            return false;
        }

        id = new StreamEventId(ms, seq);
        return true;
    }

    /// <summary>Parses an id or throws <see cref="FormatException"/>.</summary>
    public static StreamEventId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a stream id of the form <ms>-<seq>.");

    /// <inheritdoc/>
    public int CompareTo(StreamEventId other)
    {
        var byMs = Milliseconds.CompareTo(other.Milliseconds);
        return byMs != 0 ? byMs : Sequence.CompareTo(other.Sequence);
    }

    /// <summary>The later of two ids.</summary>
    public static StreamEventId Max(StreamEventId a, StreamEventId b) => a >= b ? a : b;

    /// <summary>The earlier of two ids.</summary>
    public static StreamEventId Min(StreamEventId a, StreamEventId b) => a <= b ? a : b;

    public static bool operator <(StreamEventId left, StreamEventId right) => left.CompareTo(right) < 0;

    public static bool operator >(StreamEventId left, StreamEventId right) => left.CompareTo(right) > 0;

    public static bool operator <=(StreamEventId left, StreamEventId right) => left.CompareTo(right) <= 0;

    public static bool operator >=(StreamEventId left, StreamEventId right) => left.CompareTo(right) >= 0;

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Milliseconds}-{Sequence}");

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
