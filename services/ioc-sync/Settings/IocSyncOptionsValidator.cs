using Microsoft.Extensions.Options;

namespace Connector.IocSync.Settings;

/// <summary>Checks the ioc-sync settings at start; each message names the variable, the yaml key and the fix.</summary>
internal sealed class IocSyncOptionsValidator : IValidateOptions<IocSyncOptions>
{
    public ValidateOptionsResult Validate(string? name, IocSyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.Store))
        {
            failures.Add("IOC_SYNC_STORE (ioc_sync.store) is empty: set it to a SQLite connection string such as 'Data Source=/data/ioc-sync.db', or leave it unset for ioc-sync.db in the working directory.");
        }

        if (options.StoreProvider is not (IocSyncOptions.SqliteProvider or IocSyncOptions.PostgreSqlProvider))
        {
            failures.Add($"IOC_SYNC_STORE_PROVIDER (ioc_sync.store_provider) is '{options.StoreProvider}': set it to '{IocSyncOptions.SqliteProvider}' (a file, one replica) or '{IocSyncOptions.PostgreSqlProvider}' (with an Npgsql connection string in IOC_SYNC_STORE).");
        }

        Range(failures, options.BatchSize, 1, 2000, "IOC_SYNC_BATCH_SIZE (ioc_sync.batch_size)", "it is the number of IOCs per Falcon bulk request, at most Falcon's 2000");
        Range(failures, options.BatchWindowMilliseconds, 1, 60_000, "IOC_SYNC_BATCH_WINDOW_MS (ioc_sync.batch_window_ms)", "it is how long a batch may wait to fill");
        Range(failures, options.WriterConcurrency, 1, 16, "IOC_SYNC_WRITER_CONCURRENCY (ioc_sync.writer_concurrency)", "it is the number of batches written at once");
        Range(failures, options.SagaBatchSize, 1, 5000, "IOC_SYNC_SAGA_BATCH_SIZE (ioc_sync.saga_batch_size)", "it is the number of saga messages applied in one store transaction");
        Range(failures, options.SagaBatchWindowMilliseconds, 1, 60_000, "IOC_SYNC_SAGA_BATCH_WINDOW_MS (ioc_sync.saga_batch_window_ms)", "it is how long a saga batch may wait to fill");
        Range(failures, options.SagaConcurrency, 1, 16, "IOC_SYNC_SAGA_CONCURRENCY (ioc_sync.saga_concurrency)", "it is the number of saga batches handled at once");
        if (options.SagaBatchSize * (options.SagaConcurrency + 1) > ushort.MaxValue)
        {
            failures.Add($"IOC_SYNC_SAGA_BATCH_SIZE × (IOC_SYNC_SAGA_CONCURRENCY + 1) is {options.SagaBatchSize * (options.SagaConcurrency + 1)}: RabbitMQ's prefetch is at most {ushort.MaxValue}; lower one of them.");
        }
        Range(failures, options.MaxTransientFailures, 1, 100, "IOC_SYNC_MAX_TRANSIENT_FAILURES (ioc_sync.max_transient_failures)", "it is how often a failed write is sent again before the reconciler takes over");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Range(List<string> failures, int value, int min, int max, string setting, string why)
    {
        if (value < min || value > max)
        {
            failures.Add($"{setting} is {value}: set it between {min} and {max}; {why}.");
        }
    }
}
