using Jixiao.Application.Persistence;
using Jixiao.Migrations.Postgres;
using Jixiao.Migrations.Sqlite;

namespace Jixiao.Web.Hosting;

/// <summary>Registers the database for the configured provider: `Database:Provider` = Sqlite (default) or Postgres.</summary>
public static class DatabaseSetup
{
    public static IServiceCollection AddJixiaoDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var (postgres, connectionString) = Resolve(configuration);
        services.AddDbContext<JixiaoDbContext>(o =>
        {
            if (postgres)
            {
                PostgresStore.Configure(o, connectionString);
            }
            else
            {
                SqliteStore.Configure(o, connectionString);
            }
        });
        return services;
    }

    /// <summary>The configured provider (PostgreSQL or SQLite) and connection string.</summary>
    public static (bool Postgres, string ConnectionString) Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        var connectionString = configuration.GetConnectionString("Jixiao") ?? "Data Source=jixiao.db";
        var postgres = string.Equals(provider, "Postgres", StringComparison.OrdinalIgnoreCase)
            || string.Equals(provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase);
        if (!postgres && !string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{provider}'.");
        }

        return (postgres, connectionString);
    }
}
