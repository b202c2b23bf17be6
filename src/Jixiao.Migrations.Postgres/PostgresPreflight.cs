using System.Net.Sockets;
using Jixiao.Application.Persistence;
using Npgsql;

namespace Jixiao.Migrations.Postgres;

/// <summary>
/// Before anything else touches PostgreSQL: connects to the configured database and, when it does not exist, creates
/// it if the role may (CREATEDB). Every other outcome is a <see cref="DatabaseUnavailableException"/> whose one-line
/// message says what is wrong and what to do (docs/deployment.md, "First start on PostgreSQL"); no message contains the
/// password. Runs on plain Npgsql connections, so nothing is logged as a failed EF command.
/// </summary>
public static class PostgresPreflight
{
    /// <summary>True when the database was created now; false when it existed (or another instance just created it).</summary>
    public static async Task<bool> EnsureDatabaseAsync(string connectionString, CancellationToken ct = default)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        }
        catch (ArgumentException e)
        {
            throw new DatabaseUnavailableException($"ConnectionStrings:Jixiao is not a valid PostgreSQL connection string: {e.Message}");
        }

        var target = new Target(builder);
        try
        {
            var connection = new NpgsqlConnection(builder.ConnectionString);
            await using (connection.ConfigureAwait(false))
            {
                await connection.OpenAsync(ct).ConfigureAwait(false);
                CheckEncoding(connection, target);
                return false;
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // The database does not exist: create it below.
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or SocketException or ArgumentException)
        {
            throw new DatabaseUnavailableException(target.Describe(e), e);
        }

        return await CreateAsync(builder, target, ct).ConfigureAwait(false);
    }

    private static async Task<bool> CreateAsync(NpgsqlConnectionStringBuilder builder, Target target, CancellationToken ct)
    {
        // Like EF's database creator: CREATE DATABASE from the maintenance database "postgres", else "template1".
        string[] maintenance = ["postgres", "template1"];
        Exception? last = null;
        foreach (var database in maintenance)
        {
            var admin = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Database = database };
            try
            {
                var connection = new NpgsqlConnection(admin.ConnectionString);
                await using (connection.ConfigureAwait(false))
                {
                    await connection.OpenAsync(ct).ConfigureAwait(false);
                    var create = new NpgsqlCommand($"CREATE DATABASE {Quote(target.Database)}", connection);
                    await using (create.ConfigureAwait(false))
                    {
                        await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                    }
                }

                return true;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                return false; // another instance created it meanwhile
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                throw new DatabaseUnavailableException(target.CannotCreate("role " + Quote(target.Role) + " may not create databases"), e);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or SocketException)
            {
                last = e;
            }
        }

        var reason = last is PostgresException p ? p.MessageText : last!.Message;
        throw new DatabaseUnavailableException(target.CannotCreate(target.Scrub(reason)), last);
    }

    private static void CheckEncoding(NpgsqlConnection connection, Target target)
    {
        if (connection.PostgresParameters.TryGetValue("server_encoding", out var encoding)
            && !string.Equals(encoding, "UTF8", StringComparison.OrdinalIgnoreCase))
        {
            throw new DatabaseUnavailableException(
                $"PostgreSQL database {Quote(target.Database)} on {target.Server} uses the encoding {encoding}; Jixiao needs UTF8: " +
                $"create it with CREATE DATABASE {Quote(target.Database)} ENCODING 'UTF8' TEMPLATE template0 OWNER {Quote(target.Role)};");
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Where the app tried to connect, for the messages.</summary>
    private sealed class Target(NpgsqlConnectionStringBuilder b)
    {
        private readonly string? _password = b.Password;

        public string Server { get; } = $"{b.Host}:{b.Port}";

        public string Role { get; } = b.Username ?? Environment.UserName;

        // Npgsql connects to the database named like the role when none is given.
        public string Database { get; } = b.Database ?? b.Username ?? Environment.UserName;

        public string CannotCreate(string why) =>
            $"PostgreSQL database {Quote(Database)} does not exist on {Server} and cannot be created ({why}): create it as a superuser " +
            $"with CREATE DATABASE {Quote(Database)} OWNER {Quote(Role)}; (or let the role create it: ALTER ROLE {Quote(Role)} CREATEDB;) and start again.";

        public string Describe(Exception e) => Scrub(e switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword } =>
                $"PostgreSQL on {Server} refused the password of role {Quote(Role)}: check Password in ConnectionStrings:Jixiao.",
            PostgresException p =>
                $"PostgreSQL on {Server} refused role {Quote(Role)} on database {Quote(Database)}: {p.MessageText} ({p.SqlState}).",
            _ when Find<SocketException>(e) is { } s =>
                $"Cannot reach PostgreSQL at {Server} ({s.SocketErrorCode}: {s.Message}): is the server running, and are Host and Port in ConnectionStrings:Jixiao right?",
            _ when Find<TimeoutException>(e) is not null =>
                $"Cannot reach PostgreSQL at {Server} (no answer within {b.Timeout} s): is the server running and reachable from here, and are Host and Port in ConnectionStrings:Jixiao right?",
            _ => $"Cannot connect to PostgreSQL at {Server} as role {Quote(Role)}: {e.GetBaseException().Message}",
        });

        /// <summary>Never print the password, whatever an exception's message contains.</summary>
        public string Scrub(string message) =>
            string.IsNullOrEmpty(_password) ? message : message.Replace(_password, "***", StringComparison.Ordinal);

        private static T? Find<T>(Exception e)
            where T : Exception
        {
            for (Exception? x = e; x is not null; x = x.InnerException)
            {
                if (x is T found)
                {
                    return found;
                }
            }

            return null;
        }
    }
}
