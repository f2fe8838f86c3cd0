using Microsoft.Extensions.Logging;

namespace Connector.Hosting.ServiceDefaults;

internal static partial class HostingLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Critical, Message = "{Service:l} cannot start: the configuration has {Count} problem(s): {Problems}")]
    public static partial void ConfigurationInvalid(this ILogger logger, string service, int count, IReadOnlyList<string> problems);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "{Service:l} starting; settings from the environment, then {ConfigFile:l}, then defaults")]
    public static partial void ServiceStarting(this ILogger logger, string service, string configFile);
}
