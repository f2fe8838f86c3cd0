using System.Globalization;
using Connector.Persistence.Sqlite;
using Connector.Persistence.Tests.Infrastructure;
using Connector.Persistence.Tests.Sample;
using Microsoft.EntityFrameworkCore;

namespace Connector.Persistence.Tests;

public sealed class SqliteTuningTests : IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    public SqliteTuningTests() => Directory.CreateDirectory(_database.Folder);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Every_connection_runs_in_WAL_with_synchronous_NORMAL_and_the_default_busy_timeout()
    {
        await using var db = CounterStore.Open(_database.ConnectionString);

        Assert.Equal("wal", await PragmaAsync(db, "journal_mode"));
        Assert.Equal("1", await PragmaAsync(db, "synchronous")); // 1 = NORMAL
        Assert.Equal("5000", await PragmaAsync(db, "busy_timeout"));
    }

    [Fact]
    public async Task A_configured_busy_timeout_is_applied_and_survives_a_pooled_reopen()
    {
        var options = new DbContextOptionsBuilder<CounterDbContext>()
            .UseSagaSqlite(_database.ConnectionString, new SqliteTuning(TimeSpan.FromMilliseconds(1234)))
            .Options;

        await using (var first = new CounterDbContext(options))
            Assert.Equal("1234", await PragmaAsync(first, "busy_timeout"));
        await using var second = new CounterDbContext(options);

        Assert.Equal("1234", await PragmaAsync(second, "busy_timeout"));
        Assert.Equal("1", await PragmaAsync(second, "synchronous"));
    }

    [Fact]
    public void An_empty_connection_string_is_refused_at_configuration()
    {
        var builder = new DbContextOptionsBuilder<CounterDbContext>();

        Assert.Throws<ArgumentException>(() => builder.UseSagaSqlite(" "));
    }

    private static async Task<string?> PragmaAsync(DbContext db, string name)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"PRAGMA {name}";
            return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
