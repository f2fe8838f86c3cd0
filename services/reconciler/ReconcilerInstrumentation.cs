using System.Diagnostics;

namespace Connector.Reconciler;

/// <summary>
/// The reconciler service's telemetry names, used both to emit (ActivitySource, Meter) and to subscribe
/// (<c>AddServiceDefaults</c>).
/// </summary>
public static class ReconcilerInstrumentation
{
    /// <summary>The service's name in logs and traces.</summary>
    public const string ServiceName = "reconciler";

    /// <summary>The name of the service's ActivitySource and Meter.</summary>
    public const string SourceName = "Connector.Reconciler";

    /// <summary>One span per run (<c>reconciler.run</c>); the OpenCTI and Falcon calls nest under it.</summary>
    public static ActivitySource ActivitySource { get; } = new(SourceName);
}
