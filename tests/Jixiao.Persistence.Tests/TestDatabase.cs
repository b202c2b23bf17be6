using Jixiao.Application.Persistence;
using Jixiao.Migrations.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Persistence.Tests;

/// <summary>A migrated SQLite file in its own temporary folder, deleted on dispose.</summary>
public sealed class TestDatabase : IDisposable
{
    public TestDatabase()
    {
        Folder = Directory.CreateTempSubdirectory("jixiao-db-").FullName;
        ConnectionString = $"Data Source={Path.Combine(Folder, "jixiao.db")}";
        using var db = NewContext();
        db.Database.Migrate();
    }

    public string Folder { get; }

    public string ConnectionString { get; }

    public JixiaoDbContext NewContext() => new(SqliteStore.Options(ConnectionString));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
