using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Jixiao.Migrations.Postgres;

/// <summary>Configures <see cref="JixiaoDbContext"/> for PostgreSQL with this assembly's migrations.</summary>
public static class PostgresStore
{
    /// <summary>Uses PostgreSQL at <paramref name="connectionString"/>.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(typeof(PostgresStore).Assembly.GetName().Name));
    }

    /// <summary>Options for a context on the given PostgreSQL connection string.</summary>
    public static DbContextOptions<JixiaoDbContext> Options(string connectionString) =>
        (DbContextOptions<JixiaoDbContext>)Configure(new DbContextOptionsBuilder<JixiaoDbContext>(), connectionString).Options;
}

/// <summary>Lets `dotnet ef` build the context when adding PostgreSQL migrations (no server is contacted).</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<JixiaoDbContext>
{
    public JixiaoDbContext CreateDbContext(string[] args) =>
        new(PostgresStore.Options("Host=localhost;Database=jixiao_design;Username=jixiao"));
}
