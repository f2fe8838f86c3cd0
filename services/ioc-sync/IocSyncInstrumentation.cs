namespace Connector.IocSync;

/// <summary>
/// The ioc-sync service's telemetry names, used both to emit (ActivitySource, Meter) and to subscribe
/// (<c>AddServiceDefaults</c>).
/// </summary>
public static class IocSyncInstrumentation
{
    /// <summary>The service's name in logs and traces.</summary>
    public const string ServiceName = "ioc-sync";

    /// <summary>The name of the service's ActivitySource and Meter.</summary>
    public const string SourceName = "Connector.IocSync";
}
