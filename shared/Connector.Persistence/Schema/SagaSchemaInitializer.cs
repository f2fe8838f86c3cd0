using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connector.Persistence.Schema;

/// <summary>
/// Creates the saga store's schema once per process, before the first saga transaction.
/// </summary>
/// <remarks>
/// If <typeparamref name="TDbContext"/>'s assembly contains EF migrations they are applied
/// (<c>MigrateAsync</c>); otherwise the model is created with <c>EnsureCreatedAsync</c>. EnsureCreated needs
/// no design-time tooling, but it only acts on a database without tables and never evolves a schema: keep
/// one saga context per database, and add migrations (which then take over automatically) before the
/// first change to a saga's columns. A failed attempt is not cached; the next caller tries again.
/// </remarks>
public sealed class SagaSchemaInitializer<TDbContext>(IServiceScopeFactory scopeFactory, ILogger<SagaSchemaInitializer<TDbContext>> logger)
    : IDisposable
    where TDbContext : DbContext
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private volatile bool _ready;

    /// <summary>True once the schema is known to exist in this process.</summary>
    public bool IsReady => _ready;

    /// <summary>Ensures the schema exists; cheap after the first success.</summary>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        _ready ? Task.CompletedTask : EnsureCreatedSlowAsync(cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();

    private async Task EnsureCreatedSlowAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_ready)
                return;

            await using var scope = scopeFactory.CreateAsyncScope();
            var dbContext = scope.ServiceProvider.GetRequiredService<TDbContext>();
            var database = dbContext.Database;
            if (database.IsSqlite())
                CreateSqliteDirectory(database.GetConnectionString());

            string action;
            if (database.GetMigrations().Any())
            {
                await database.MigrateAsync(cancellationToken);
                action = "migrated";
            }
            else
            {
                action = await database.EnsureCreatedAsync(cancellationToken) ? "created" : "already present";
            }

            _ready = true;
            logger.SchemaReady(typeof(TDbContext).Name, database.ProviderName ?? "unknown", action);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.SchemaFailed(exception, typeof(TDbContext).Name);
            throw;
        }
        finally
        {
            _lock.Release();
        }
    }

    // SQLite creates the file but not its folder; a fresh volume mount or a relative path like data/x.db
    // would otherwise fail with the unhelpful "unable to open database file".
    private static void CreateSqliteDirectory(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
            return;

        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrWhiteSpace(dataSource)
            || dataSource.Equals(":memory:", StringComparison.OrdinalIgnoreCase)
            || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
            return;

        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
    }
}
