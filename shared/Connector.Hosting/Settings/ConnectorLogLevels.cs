using Serilog.Events;

namespace Connector.Hosting.Settings;

/// <summary>Reads the log settings the way pycti names them.</summary>
internal static class ConnectorLogLevels
{
    /// <summary>The Serilog level of a <c>CONNECTOR_LOG_LEVEL</c> value; null when it is not one pycti accepts.</summary>
    public static LogEventLevel? Parse(string? level) => level?.Trim().ToLowerInvariant() switch
    {
        "debug" => LogEventLevel.Debug,
        "info" => LogEventLevel.Information,
        "warn" or "warning" => LogEventLevel.Warning,
        "error" => LogEventLevel.Error,
        _ => null,
    };

    /// <summary>True for <c>json</c>, false for <c>text</c>, null otherwise.</summary>
    public static bool? IsJson(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        "json" => true,
        "text" => false,
        _ => null,
    };
}
