using Microsoft.Extensions.Logging;

namespace Connector.OpenCti.Diagnostics;

/// <summary>The OpenCTI client's log messages. Event ids 3100–3199. No message takes a token or a header.</summary>
internal static partial class OpenCtiLog
{
    [LoggerMessage(3100, LogLevel.Information, "Connecting to OpenCTI live stream {StreamId} at {Path} from {ResumeFrom} (recover until {RecoverUntil})")]
    public static partial void StreamConnecting(ILogger logger, string streamId, string path, string resumeFrom, string? recoverUntil);

    [LoggerMessage(3101, LogLevel.Information, "Connected to OpenCTI live stream {StreamId}: connection {ConnectionId}, stream holds {FirstEventId} to {LastEventId} ({StreamSize} events)")]
    public static partial void StreamConnected(ILogger logger, string streamId, string? connectionId, string? firstEventId, string? lastEventId, long? streamSize);

    [LoggerMessage(3102, LogLevel.Warning, "OpenCTI live stream {StreamId} interrupted ({Reason}); reconnecting in {DelayMs} ms from {ResumeFrom} (attempt {Attempt})")]
    public static partial void StreamReconnecting(ILogger logger, string streamId, string reason, long delayMs, string resumeFrom, int attempt);

    [LoggerMessage(3103, LogLevel.Warning, "OpenCTI live stream {StreamId} history was trimmed: resumed from {SavedId} but the oldest event held is {FirstEventId}; events were lost and a reconciliation is needed")]
    public static partial void HistoryTrimmed(ILogger logger, string streamId, string savedId, string firstEventId);

    [LoggerMessage(3104, LogLevel.Error, "OpenCTI live stream {StreamId} cannot be read: {Reason}")]
    public static partial void StreamRefused(ILogger logger, string streamId, string reason);

    [LoggerMessage(3105, LogLevel.Warning, "Skipped a malformed {EventName} frame {EventId}: {Error}")]
    public static partial void FrameMalformed(ILogger logger, string eventName, string eventId, string error);

    [LoggerMessage(3106, LogLevel.Warning, "Could not apply the reverse_patch of {EventName} frame {EventId}, previous state unknown: {Error}")]
    public static partial void ReversePatchFailed(ILogger logger, string eventName, string eventId, string error);

    [LoggerMessage(3110, LogLevel.Warning, "OpenCTI GraphQL {Operation} returned errors: {Error}")]
    public static partial void GraphQlErrors(ILogger logger, string operation, string error);

    [LoggerMessage(3120, LogLevel.Information, "Registered connector {ConnectorId} ({ConnectorName}) in OpenCTI; saved state: {State}")]
    public static partial void ConnectorRegistered(ILogger logger, string connectorId, string connectorName, string state);

    [LoggerMessage(3121, LogLevel.Warning, "The connector state was reset in OpenCTI; restarting the stream with a fresh first run ({State})")]
    public static partial void ConnectorStateReset(ILogger logger, string state);

    [LoggerMessage(3122, LogLevel.Warning, "Pinging OpenCTI failed; the state will be sent again at the next ping")]
    public static partial void PingFailed(ILogger logger, Exception exception);

    [LoggerMessage(3123, LogLevel.Warning, "Registering the connector in OpenCTI failed; retrying in {DelayMs} ms")]
    public static partial void RegisterFailed(ILogger logger, long delayMs, Exception exception);

    [LoggerMessage(3124, LogLevel.Warning, "The connector state saved in OpenCTI is not readable ({State}); starting a fresh first run")]
    public static partial void StateUnreadable(ILogger logger, string state);
}
