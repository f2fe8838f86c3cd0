namespace FalconSim;

/// <summary>The simulator's log messages.</summary>
internal static partial class FalconSimLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Falcon simulator failed on {Method} {Path}; answering 500")]
    public static partial void RequestFailed(this ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Falcon simulator ready: region {Region}, client {ClientId}, rate limit {RateLimit}/min")]
    public static partial void Ready(this ILogger logger, string region, string clientId, int rateLimit);
}
