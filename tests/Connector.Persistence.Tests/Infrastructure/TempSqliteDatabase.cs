using Microsoft.Data.Sqlite;

namespace Connector.Persistence.Tests.Infrastructure;

/// <summary>A real SQLite file in its own temporary folder, removed (with its WAL files) on dispose.</summary>
public sealed class TempSqliteDatabase : IDisposable
{
    public TempSqliteDatabase(string fileName = "sagas.db")
    {
        Folder = Path.Combine(Path.GetTempPath(), "connector-persistence-tests", Guid.NewGuid().ToString("N"));
        FilePath = Path.Combine(Folder, fileName);
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = FilePath }.ToString();
    }

    public string Folder { get; }

    public string FilePath { get; }

    public string ConnectionString { get; }

    /// <summary>Closes this file's pooled connections, as a process exit would.</summary>
    public void ReleasePooledConnections()
    {
        using var connection = new SqliteConnection(ConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    public void Dispose()
    {
        ReleasePooledConnections();
        if (Directory.Exists(Folder))
            Directory.Delete(Folder, recursive: true);
    }
}
