using Microsoft.Extensions.Logging;

namespace Connector.IocSync.Writer;

internal static partial class FalconWriterLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Wrote a batch of {Count} IOC commands: {Synced} synced ({Adopted} adopted), {Failed} failed")]
    public static partial void BatchWritten(this ILogger logger, int count, int synced, int adopted, int failed);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "IOC {Ioc} breaks a Falcon rule and is not sent: {Reason}")]
    public static partial void InvalidItem(this ILogger logger, string ioc, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "IOC {Ioc} already exists in Falcon as {FalconId}, created by {CreatedBy} with source {Source}: left untouched")]
    public static partial void OwnedElsewhere(this ILogger logger, string ioc, string falconId, string? createdBy, string? source);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "A Falcon request for {Count} IOC commands failed: {Reason}")]
    public static partial void RequestFailed(this ILogger logger, int count, string reason);
}
