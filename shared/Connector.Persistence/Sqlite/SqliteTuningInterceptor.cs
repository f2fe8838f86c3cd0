using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Connector.Persistence.Sqlite;

/// <summary>
/// Applies the saga store's pragmas (WAL, <c>synchronous=NORMAL</c>, <see cref="SqliteTuning.BusyTimeout"/>)
/// to each SQLite connection EF Core opens.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite pools native handles, and pragmas live on the handle, so each handle is tuned once
/// and remembered (weakly, so closed handles are not kept alive); reopening a pooled connection costs nothing.
/// </remarks>
public sealed class SqliteTuningInterceptor(SqliteTuning tuning) : DbConnectionInterceptor
{
    private static readonly ConditionalWeakTable<sqlite3, SqliteTuning> Tuned = [];

    /// <summary>The settings this interceptor applies.</summary>
    public SqliteTuning Tuning { get; } = tuning ?? throw new ArgumentNullException(nameof(tuning));

    /// <inheritdoc />
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    /// <inheritdoc />
    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        // Microsoft.Data.Sqlite runs async commands synchronously anyway; the pragmas take microseconds.
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite)
            return;
        if (Tuned.TryGetValue(handle, out var applied) && applied == Tuning)
            return;

        using var command = sqlite.CreateCommand();
        var busyMilliseconds = ((long)Tuning.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        // busy_timeout first, so switching the journal mode already waits for other connections' locks.
        command.CommandText = $"PRAGMA busy_timeout = {busyMilliseconds}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
        command.ExecuteNonQuery();
        Tuned.AddOrUpdate(handle, Tuning);
    }
}
