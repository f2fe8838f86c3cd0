using Microsoft.Data.Sqlite;

namespace Deployment.Tests.Support;

/// <summary>Where a SQLite connection string (IOC_SYNC_STORE) keeps its file.</summary>
internal static class SqliteStore
{
    /// <summary>The directory of the store's file, e.g. <c>/data</c> for <c>Data Source=/data/ioc-sync.db</c>.</summary>
    public static string DirectoryOf(string? connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        Assert.True(file.StartsWith('/'), $"the store '{connectionString}' is not an absolute path, so no volume can hold it");
        return file[..file.LastIndexOf('/')];
    }
}
