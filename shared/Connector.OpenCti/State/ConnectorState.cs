using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Connector.OpenCti.LiveStream;

namespace Connector.OpenCti.State;

/// <summary>
/// Where the live stream reader stands, kept by OpenCTI as the connector's state in the Python client's format:
/// <c>{"start_from":"&lt;last id&gt;","recover_until":"&lt;iso&gt;"}</c>, so a switch from the Python connector keeps its place.
/// </summary>
/// <param name="StartFrom">The last handled event id; <c>0-0</c> for the start of the stream.</param>
/// <param name="RecoverUntil">
/// The first run's recover date, fixed once and kept. While <see cref="StartFrom"/> has not passed it, the reader is
/// still in the first-run recovery and sends <c>?recover=</c>.
/// </param>
public sealed record ConnectorState(StreamEventId StartFrom, DateTimeOffset? RecoverUntil)
{
    /// <summary>A first run: from the start of the stream, recovering every object updated up to <paramref name="now"/>.</summary>
    public static ConnectorState FirstRun(DateTimeOffset now) => new(StreamEventId.Zero, TruncateToMilliseconds(now));

    /// <summary>
    /// True while the first-run recovery is under way: recovery frames carry ids of the objects' update times, all at
    /// or before <see cref="RecoverUntil"/>; the first live event after it carries a later id.
    /// </summary>
    public bool IsRecovering => RecoverUntil is { } until && StartFrom.Milliseconds <= until.ToUnixTimeMilliseconds();

    /// <summary>The same state at a later position.</summary>
    public ConnectorState AdvanceTo(StreamEventId position) => this with { StartFrom = position };

    /// <summary>The state as OpenCTI keeps it: <c>{"start_from":"…","recover_until":"…"}</c> (<c>null</c> when there is no recover date).</summary>
    public string ToJson()
    {
        var recover = RecoverUntil is { } until ? $"\"{FormatDate(until)}\"" : "null";
        return string.Create(CultureInfo.InvariantCulture, $"{{\"start_from\":\"{StartFrom}\",\"recover_until\":{recover}}}");
    }

    /// <summary>ISO 8601 in UTC with milliseconds, as the <c>recover</c> parameter and the saved state carry it.</summary>
    public static string FormatDate(DateTimeOffset date) =>
        date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads a saved state. False for no state (<c>null</c>, <c>""</c>, <c>"null"</c>) and for text that is not a state
    /// this client understands. Accepts the Python client's older keys (<c>connectorLastEventId</c>,
    /// <c>connectorStartTime</c>) and a start position given as an ISO date.
    /// </summary>
    public static bool TryParse(string? json, [NotNullWhen(true)] out ConnectorState? state)
    {
        state = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var startText = ReadString(root, "start_from") ?? ReadString(root, "connectorLastEventId");
            if (!TryParseStart(startText, out var start))
            {
                return false;
            }

            var recoverElement = root.TryGetProperty("recover_until", out var current) ? current
                : root.TryGetProperty("connectorStartTime", out var legacy) ? legacy
                : default;
            state = new ConnectorState(start, ReadRecover(recoverElement));
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryParseStart(string? text, out StreamEventId start)
    {
        if (StreamEventId.TryParse(text, out start))
        {
            return true;
        }

        // The platform also accepts an ISO date as a start position; it means the first id at that time.
        if (text is not null && TryParseDate(text, out var date))
        {
            start = StreamEventId.FromTimestamp(date);
            return true;
        }

        return false;
    }

    private static DateTimeOffset? ReadRecover(JsonElement element)
    {
        // Anything but a date ("no", "none", "false", false, null) means "do not recover", as in the Python client.
        if (element.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var text = element.GetString();
        return text is not null && TryParseDate(text, out var date) ? date : null;
    }

    private static bool TryParseDate(string text, out DateTimeOffset date)
    {
        date = default;

        // Only full ISO dates: a bare number is a stream id, and culture-free parsing accepts surprising short forms.
        return text.Length >= 10
            && char.IsAsciiDigit(text[0])
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date);
    }

    private static string? ReadString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());
}
