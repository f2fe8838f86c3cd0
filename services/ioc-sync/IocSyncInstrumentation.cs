using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Connector.IocSync;

/// <summary>
/// The ioc-sync service's telemetry names and instruments, used both to emit and to subscribe
/// (<c>AddServiceDefaults</c> listens to <see cref="SourceName"/>).
/// </summary>
public static class IocSyncInstrumentation
{
    /// <summary>The service's name in logs and traces.</summary>
    public const string ServiceName = "ioc-sync";

    /// <summary>The name of the service's ActivitySource and Meter.</summary>
    public const string SourceName = "Connector.IocSync";

    /// <summary>Spans of the writes sagas decide on (in the trace of their cause) and of the Falcon writer's batches (linked to every command's trace).</summary>
    public static ActivitySource ActivitySource { get; } = new(SourceName);

    // Batches hold 1 to 2000 items; the default buckets (up to 10,000 in steps made for milliseconds) would hide that.
    private static readonly int[] BatchBuckets = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2000];

    /// <summary>The service's meter.</summary>
    public static Meter Meter { get; } = new(SourceName);

    /// <summary>Commands answered by the Falcon writer, by <c>operation</c> and <c>outcome</c> (synced, adopted, or the failure kind).</summary>
    public static Counter<long> Writes { get; } = Meter.CreateCounter<long>(
        "ioc_sync.writes", "{ioc}", "IOC commands answered by the Falcon writer, by operation and outcome.");

    /// <summary>Messages applied per saga batch, by <c>message_type</c>.</summary>
    public static Histogram<int> SagaBatchSize { get; } = Meter.CreateHistogram<int>(
        "ioc_sync.saga_batch.size", "{message}", "Messages applied to IOC sagas per store transaction, by message type.",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = BatchBuckets });

    /// <summary>Saga batches applied again because another replica changed one of their sagas first.</summary>
    public static Counter<long> SagaLostRaces { get; } = Meter.CreateCounter<long>(
        "ioc_sync.saga_batch.lost_races", "{batch}", "Saga batches applied again after another replica changed one of their sagas first.");

    /// <summary>Commands per writer batch.</summary>
    public static Histogram<int> BatchSize { get; } = Meter.CreateHistogram<int>(
        "ioc_sync.batch.size", "{command}", "SyncIoc commands written per batch.",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = BatchBuckets });
}
