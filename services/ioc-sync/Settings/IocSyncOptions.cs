using Connector.Hosting.Settings;
using Microsoft.Extensions.Configuration;

namespace Connector.IocSync.Settings;

/// <summary>
/// The ioc-sync service's own settings (section <c>ioc_sync</c> of <c>config.yml</c>, or <c>IOC_SYNC_*</c>
/// environment variables). None existed in the Python connector.
/// </summary>
public sealed class IocSyncOptions : IConnectorSettings
{
    /// <inheritdoc />
    public static string SectionName => "ioc_sync";

    /// <summary>The saga store: a connection string (<c>IOC_SYNC_STORE</c>); a SQLite file by default.</summary>
    [ConfigurationKeyName("store")]
    public string Store { get; set; } = "Data Source=ioc-sync.db";

    /// <summary>
    /// The store's database (<c>IOC_SYNC_STORE_PROVIDER</c>): <c>sqlite</c> (default; one ioc-sync replica) or
    /// <c>postgresql</c> (an Npgsql connection string in <c>IOC_SYNC_STORE</c>; the way to several replicas).
    /// </summary>
    [ConfigurationKeyName("store_provider")]
    public string StoreProvider { get; set; } = SqliteProvider;

    /// <summary>The SQLite provider name.</summary>
    public const string SqliteProvider = "sqlite";

    /// <summary>The PostgreSQL provider name.</summary>
    public const string PostgreSqlProvider = "postgresql";

    /// <summary>Most commands written as one batch, i.e. IOCs per Falcon bulk request (<c>IOC_SYNC_BATCH_SIZE</c>, 1–2000).</summary>
    [ConfigurationKeyName("batch_size")]
    public int BatchSize { get; set; } = 500;

    /// <summary>How long a batch may wait to fill, in milliseconds (<c>IOC_SYNC_BATCH_WINDOW_MS</c>).</summary>
    [ConfigurationKeyName("batch_window_ms")]
    public int BatchWindowMilliseconds { get; set; } = 200;

    /// <summary>Batches written at the same time (<c>IOC_SYNC_WRITER_CONCURRENCY</c>).</summary>
    [ConfigurationKeyName("writer_concurrency")]
    public int WriterConcurrency { get; set; } = 2;

    /// <summary>Most saga messages applied in one store transaction (<c>IOC_SYNC_SAGA_BATCH_SIZE</c>).</summary>
    [ConfigurationKeyName("saga_batch_size")]
    public int SagaBatchSize { get; set; } = 500;

    /// <summary>How long a saga batch may wait to fill, in milliseconds (<c>IOC_SYNC_SAGA_BATCH_WINDOW_MS</c>).</summary>
    [ConfigurationKeyName("saga_batch_window_ms")]
    public int SagaBatchWindowMilliseconds { get; set; } = 50;

    /// <summary>Saga batches handled at the same time (<c>IOC_SYNC_SAGA_CONCURRENCY</c>).</summary>
    [ConfigurationKeyName("saga_concurrency")]
    public int SagaConcurrency { get; set; } = 2;

    /// <summary>Transient write failures in a row before a saga waits for the reconciler (<c>IOC_SYNC_MAX_TRANSIENT_FAILURES</c>).</summary>
    [ConfigurationKeyName("max_transient_failures")]
    public int MaxTransientFailures { get; set; } = 5;

    /// <summary>
    /// Take over IOCs created in Falcon by someone else (an analyst, another integration) when OpenCTI wants the
    /// same value (<c>IOC_SYNC_TAKE_OVER_FOREIGN_IOCS</c>). Off by default: they are left as they are and reported.
    /// </summary>
    [ConfigurationKeyName("take_over_foreign_iocs")]
    public bool TakeOverForeignIocs { get; set; }
}
