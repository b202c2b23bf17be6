using Jixiao.Application.Persistence;
using Microsoft.Data.Sqlite;

namespace Jixiao.Migrations.Sqlite;

/// <summary>
/// Before EF touches the SQLite file: opens it (creating it when missing) and reads its header, so that a missing folder,
/// a file that is not a database or one without rights is one <see cref="DatabaseUnavailableException"/> line, not a logged
/// stack trace.
/// </summary>
public static class SqlitePreflight
{
    public static void Check(string connectionString)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new DatabaseUnavailableException($"ConnectionStrings:Jixiao is not a valid SQLite connection string: {e.Message}");
        }

        var file = builder.DataSource;
        if (!string.IsNullOrEmpty(file) && file != ":memory:" && !file.StartsWith("file:", StringComparison.Ordinal))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (folder is not null && !Directory.Exists(folder))
            {
                throw new DatabaseUnavailableException($"Cannot open the SQLite database {file}: the folder {folder} does not exist.");
            }
        }

        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA schema_version";
            command.ExecuteScalar();
        }
        catch (SqliteException e)
        {
            throw new DatabaseUnavailableException($"Cannot open the SQLite database {file}: {e.Message}", e);
        }
    }
}
