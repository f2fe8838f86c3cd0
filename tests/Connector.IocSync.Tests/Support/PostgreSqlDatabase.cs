using Npgsql;

namespace Connector.IocSync.Tests.Support;

/// <summary>
/// A fresh PostgreSQL database for one test class, dropped at the end. The server comes from
/// <c>CONNECTOR_TEST_POSTGRES</c> (set by tools/test.sh, which installs and starts a local PostgreSQL).
/// </summary>
public sealed class PostgreSqlDatabase : IAsyncLifetime
{
    private const string Variable = "CONNECTOR_TEST_POSTGRES";
    private const string LocalDefault = "Host=127.0.0.1;Port=5432;Username=connector;Password=connector;Database=postgres";

    private readonly string _server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured ? configured : LocalDefault;
    private readonly string _name = $"ioc_sync_test_{Guid.NewGuid():N}";

    /// <summary>The connection string of the test's own database.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;

    public async Task InitializeAsync()
    {
        try
        {
            await ExecuteAsync($"CREATE DATABASE \"{_name}\"");
        }
        catch (NpgsqlException ex)
        {
            throw new InvalidOperationException(
                $"No PostgreSQL to test against at '{new NpgsqlConnectionStringBuilder(_server) { Password = null }}': run tools/test.sh (it starts one) or set {Variable}.", ex);
        }
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
