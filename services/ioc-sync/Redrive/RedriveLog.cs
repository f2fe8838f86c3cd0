using Microsoft.Extensions.Logging;

namespace Connector.IocSync.Redrive;

internal static partial class RedriveLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Re-driving {Count} IOC writes that got no answer since before {SentBefore:o}")]
    public static partial void RedrivingStuckWrites(this ILogger logger, int count, DateTimeOffset sentBefore);
}
