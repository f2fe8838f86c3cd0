using System.Globalization;
using Connector.Hosting.Settings;
using Connector.OpenCti.LiveStream;
using Connector.OpenCti.State;

namespace Connector.StreamIngest.Ingest;

/// <summary>
/// Where a run starts when OpenCTI holds no position for the connector (a first run, or the first run after "reset
/// state"): <c>CONNECTOR_LIVE_STREAM_START_TIMESTAMP</c> and <c>CONNECTOR_LIVE_STREAM_RECOVER_ISO_DATE</c> replace
/// the defaults (<c>0-0</c>, recover until now), as in pycti. A saved position always wins over both.
/// </summary>
internal sealed class StartPosition(string? startTimestamp, string? recoverIsoDate)
{
    public static StartPosition From(ConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new StartPosition(options.LiveStreamStartTimestamp, options.LiveStreamRecoverIsoDate);
    }

    /// <summary>
    /// <paramref name="state"/> as is when it holds a position; otherwise the configured start and recover date, each
    /// falling back to the state's (the keeper's fresh first run: <c>0-0</c>, recover until now).
    /// </summary>
    public ConnectorState Resolve(ConnectorState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.StartFrom.IsZero)
        {
            return state;
        }

        var start = ParseStart(startTimestamp) ?? state.StartFrom;
        var recover = ParseDate(recoverIsoDate) ?? state.RecoverUntil;
        return new ConnectorState(start, recover);
    }

    private static StreamEventId? ParseStart(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        if (StreamEventId.TryParse(trimmed, out var id))
        {
            return id;
        }

        return ParseDate(trimmed) is { } date ? StreamEventId.FromTimestamp(date) : null;
    }

    private static DateTimeOffset? ParseDate(string? text) =>
        !string.IsNullOrWhiteSpace(text)
        && DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : null;
}
