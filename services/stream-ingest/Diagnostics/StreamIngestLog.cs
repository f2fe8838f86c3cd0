namespace Connector.StreamIngest.Diagnostics;

/// <summary>The stream-ingest service's log messages. Event ids 4100–4199. None takes a token.</summary>
internal static partial class StreamIngestLog
{
    [LoggerMessage(4100, LogLevel.Information, "Reading OpenCTI live stream {StreamId} from {StartFrom} (recover until {RecoverUntil}); up to {MaxInFlight} publishes in flight")]
    public static partial void ReadingStream(ILogger logger, string streamId, string startFrom, string? recoverUntil, int maxInFlight);

    [LoggerMessage(4101, LogLevel.Information, "Indicator {IndicatorId} yields no Falcon IOC for part of its pattern ({Pattern}): {Reasons}")]
    public static partial void IndicatorSkipped(ILogger logger, string indicatorId, string? pattern, string reasons);

    [LoggerMessage(4102, LogLevel.Debug, "Skipped {EventName} frame {EventId}: {Reason} ({Detail})")]
    public static partial void FrameSkipped(ILogger logger, string eventName, string eventId, string reason, string? detail);

    [LoggerMessage(4103, LogLevel.Warning, "The live stream history was trimmed after {SavedId} (oldest event held: {FirstEventId}); events were lost, requesting a reconciliation")]
    public static partial void HistoryTrimmed(ILogger logger, string savedId, string firstEventId);

    [LoggerMessage(4104, LogLevel.Warning, "The connector state was reset from OpenCTI: stopping the current read and starting a fresh full run from {StartFrom} (recover until {RecoverUntil})")]
    public static partial void StateReset(ILogger logger, string startFrom, string? recoverUntil);

    [LoggerMessage(4105, LogLevel.Critical, "Stopping stream-ingest: {Reason}")]
    public static partial void StreamRefused(ILogger logger, string reason);

    [LoggerMessage(4106, LogLevel.Warning, "Publishing {MessageType} to RabbitMQ failed; retrying with backoff, the stream position will not move past it")]
    public static partial void PublishFailing(ILogger logger, string messageType, Exception exception);

    [LoggerMessage(4107, LogLevel.Information, "Publishing to RabbitMQ works again")]
    public static partial void PublishRecovered(ILogger logger);

    [LoggerMessage(4108, LogLevel.Error, "Handling {EventName} frame {EventId} about {IndicatorId} failed; it is skipped (the reconciler repairs what it missed)")]
    public static partial void FrameFailed(ILogger logger, string eventName, string eventId, string indicatorId, Exception exception);

    [LoggerMessage(4109, LogLevel.Warning, "Registering the connector in OpenCTI failed; retrying in {DelayMs} ms")]
    public static partial void RegisterFailed(ILogger logger, long delayMs, Exception exception);

    [LoggerMessage(4110, LogLevel.Information, "Stopped reading the live stream; waiting up to {DrainMs} ms for {InFlight} publishes to be confirmed")]
    public static partial void Draining(ILogger logger, long drainMs, int inFlight);

    [LoggerMessage(4112, LogLevel.Critical, "Stopping stream-ingest after an unexpected failure; the saved position is the last confirmed one")]
    public static partial void Crashed(ILogger logger, Exception exception);

    [LoggerMessage(4111, LogLevel.Information, "Stopped; the saved position is {Position}")]
    public static partial void Stopped(ILogger logger, string? position);
}
