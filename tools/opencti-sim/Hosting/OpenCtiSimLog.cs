namespace OpenCtiSim.Hosting;

/// <summary>The simulator's log messages.</summary>
internal static partial class OpenCtiSimLog
{
    [LoggerMessage(1, LogLevel.Information, "OpenCTI simulator listening on {Address} (live stream {StreamId}, {Indicators} indicators)")]
    public static partial void SimulatorStarted(this ILogger logger, string address, string streamId, int indicators);

    [LoggerMessage(2, LogLevel.Information, "Live stream {StreamId} connection {ConnectionId} opened (start {Start}, recover {Recover})")]
    public static partial void StreamOpened(this ILogger logger, string streamId, string connectionId, string start, string recover);

    [LoggerMessage(3, LogLevel.Information, "Live stream connection {ConnectionId} closed after {Frames} frames ({Reason})")]
    public static partial void StreamClosed(this ILogger logger, string connectionId, long frames, string reason);

    [LoggerMessage(4, LogLevel.Information, "Live stream {StreamId} request refused with {Status}: {Reason}")]
    public static partial void StreamRefused(this ILogger logger, string streamId, int status, string reason);

    [LoggerMessage(5, LogLevel.Debug, "GraphQL {Operation} answered ({Errors} errors)")]
    public static partial void GraphQlAnswered(this ILogger logger, string operation, int errors);

    [LoggerMessage(6, LogLevel.Warning, "Fault switch: answering {Path} with 500")]
    public static partial void FailureInjected(this ILogger logger, string path);
}
