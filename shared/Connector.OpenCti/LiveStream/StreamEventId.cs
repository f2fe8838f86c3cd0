using System.Globalization;

namespace Connector.OpenCti.LiveStream;

/// <summary>
/// A live stream event id: a Redis stream id <c>"&lt;epoch-ms&gt;-&lt;seq&gt;"</c>. Ids are ordered numerically
/// (never as strings: <c>"999-0"</c> is before <c>"1000-0"</c>) and are <b>not unique</b>: dependency frames reuse
/// their parent's id and recovery frames use <c>"&lt;updated_at-ms&gt;-0"</c>, so never deduplicate on them.
/// </summary>
/// <param name="Milliseconds">The Unix time in milliseconds part.</param>
/// <param name="Sequence">The sequence number within that millisecond.</param>
public readonly record struct StreamEventId(long Milliseconds, long Sequence) : IComparable<StreamEventId>, IComparable
{
    // DateTimeOffset.MaxValue in Unix milliseconds: larger ids cannot have a Timestamp.
    private const long MaxMilliseconds = 253_402_300_799_999;

    /// <summary><c>"0-0"</c>: the start of the stream.</summary>
    public static StreamEventId Zero => default;

    /// <summary>True for <c>"0-0"</c>, the start of the stream.</summary>
    public bool IsZero => Milliseconds == 0 && Sequence == 0;

    /// <summary>The time the id encodes (UTC).</summary>
    public DateTimeOffset Timestamp => DateTimeOffset.FromUnixTimeMilliseconds(Milliseconds);

    /// <summary>The first id at a given time: <c>"&lt;ms&gt;-0"</c>.</summary>
    public static StreamEventId FromTimestamp(DateTimeOffset time) => new(time.ToUnixTimeMilliseconds(), 0);

    /// <summary>Parses <c>"&lt;ms&gt;-&lt;seq&gt;"</c> (or a bare <c>"&lt;ms&gt;"</c>, which Redis reads as sequence 0).</summary>
    /// <exception cref="FormatException">The text is not a stream id.</exception>
    public static StreamEventId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text.AsSpan(), out var id)
            ? id
            : throw new FormatException($"'{text}' is not a live stream event id (expected \"<epoch-ms>-<sequence>\").");
    }

    /// <summary>Parses a stream id; false when <paramref name="text"/> is null or not a stream id.</summary>
    public static bool TryParse(string? text, out StreamEventId id)
    {
        if (text is null)
        {
            id = default;
            return false;
        }

        return TryParse(text.AsSpan(), out id);
    }

    /// <summary>Parses a stream id from characters without allocating.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out StreamEventId id)
    {
        id = default;
        var dash = text.IndexOf('-');
        var msPart = dash < 0 ? text : text[..dash];
        var seqPart = dash < 0 ? "0".AsSpan() : text[(dash + 1)..];
        if (!TryParseNumber(msPart, out var ms) || ms > MaxMilliseconds || !TryParseNumber(seqPart, out var seq))
        {
            return false;
        }

        id = new StreamEventId(ms, seq);
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(StreamEventId other)
    {
        var byTime = Milliseconds.CompareTo(other.Milliseconds);
        return byTime != 0 ? byTime : Sequence.CompareTo(other.Sequence);
    }

    /// <inheritdoc />
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        StreamEventId other => CompareTo(other),
        _ => throw new ArgumentException("Can only compare with another StreamEventId.", nameof(obj)),
    };

    /// <summary>The id as OpenCTI writes it.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Milliseconds}-{Sequence}");

    /// <summary>Compares ids numerically.</summary>
    public static bool operator <(StreamEventId left, StreamEventId right) => left.CompareTo(right) < 0;

    /// <summary>Compares ids numerically.</summary>
    public static bool operator >(StreamEventId left, StreamEventId right) => left.CompareTo(right) > 0;

    /// <summary>Compares ids numerically.</summary>
    public static bool operator <=(StreamEventId left, StreamEventId right) => left.CompareTo(right) <= 0;

    /// <summary>Compares ids numerically.</summary>
    public static bool operator >=(StreamEventId left, StreamEventId right) => left.CompareTo(right) >= 0;

    // Digits only: no sign, no spaces, no thousands separators, whatever the culture.
    private static bool TryParseNumber(ReadOnlySpan<char> digits, out long value) =>
        long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
