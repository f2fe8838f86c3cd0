using Microsoft.EntityFrameworkCore;

namespace Connector.Persistence.Sqlite;

/// <summary>Configures a saga store <see cref="DbContext"/> for a SQLite file.</summary>
public static class SqliteSagaStoreExtensions
{
    /// <summary>The connection string used when the service configures none.</summary>
    public const string DefaultConnectionString = "Data Source=ioc-sync.db";

    /// <summary>
    /// Uses SQLite at <paramref name="connectionString"/> with the saga store's pragmas
    /// (see <see cref="SqliteTuning"/>).
    /// </summary>
    public static DbContextOptionsBuilder UseSagaSqlite(this DbContextOptionsBuilder builder,
        string connectionString = DefaultConnectionString, SqliteTuning? tuning = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        return builder
            .UseSqlite(connectionString)
            .AddInterceptors(new SqliteTuningInterceptor(tuning ?? SqliteTuning.Default));
    }

    /// <inheritdoc cref="UseSagaSqlite(DbContextOptionsBuilder, string, SqliteTuning?)"/>
    public static DbContextOptionsBuilder<TContext> UseSagaSqlite<TContext>(this DbContextOptionsBuilder<TContext> builder,
        string connectionString = DefaultConnectionString, SqliteTuning? tuning = null)
        where TContext : DbContext =>
        (DbContextOptionsBuilder<TContext>)UseSagaSqlite((DbContextOptionsBuilder)builder, connectionString, tuning);
}
