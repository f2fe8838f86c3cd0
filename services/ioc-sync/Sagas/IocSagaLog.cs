namespace Connector.IocSync.Sagas;

internal static partial class IocSagaLog
{
    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "Another replica changed a saga of a batch of {Count} messages first; applying the batch again (attempt {Attempt})")]
    public static partial void LostRace(ILogger logger, int count, int attempt);
}
