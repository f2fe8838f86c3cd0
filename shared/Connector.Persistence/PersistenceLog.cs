using Microsoft.Extensions.Logging;

namespace Connector.Persistence;

/// <summary>Log events of the saga store (event ids 3100–3199).</summary>
internal static partial class PersistenceLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information,
        Message = "Saga store schema for {DbContext} ready on {Provider} ({Action})")]
    public static partial void SchemaReady(this ILogger logger, string dbContext, string provider, string action);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Error,
        Message = "Saga store schema for {DbContext} could not be ensured; it is tried again on the next message")]
    public static partial void SchemaFailed(this ILogger logger, Exception exception, string dbContext);

    [LoggerMessage(EventId = 3110, Level = LogLevel.Debug,
        Message = "Saga {SagaType} {CorrelationId} lost a concurrent update; the message will be retried")]
    public static partial void LostRace(this ILogger logger, string sagaType, Guid? correlationId);
}
