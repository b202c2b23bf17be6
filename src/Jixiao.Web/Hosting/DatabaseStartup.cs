using System.Data.Common;
using Jixiao.Application.Persistence;
using Jixiao.Migrations.Postgres;
using Jixiao.Migrations.Sqlite;

namespace Jixiao.Web.Hosting;

/// <summary>
/// The start before the app serves: checks the database (creating a missing PostgreSQL database when the role may),
/// the data-protection certificate, then migrates and seeds (<see cref="DemoSetup"/>). What stops the start is one line
/// on stderr saying what to do — no stack trace, never a password — and the process exits with code 1
/// (docs/deployment.md, "First start").
/// </summary>
public static class DatabaseStartup
{
    public static async Task<bool> InitializeAsync(WebApplication app, bool seedDemo, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(error);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Jixiao.Web.Startup");
        var keys = app.Services.GetRequiredService<DataProtectionKeys>();
        if (keys.Problem is { } problem)
        {
            error.WriteLine(problem);
            return false;
        }

        if (!keys.Encrypted && !app.Environment.IsDevelopment())
        {
            logger.LogWarning(
                "Data-protection keys (they protect sign-in cookies) are stored in the database unencrypted: set DataProtection:Certificate:Path (docs/deployment.md, \"Data-protection keys\").");
        }

        try
        {
            var (postgres, connectionString) = DatabaseSetup.Resolve(app.Configuration);
            if (!postgres)
            {
                SqlitePreflight.Check(connectionString);
            }
            else if (await PostgresPreflight.EnsureDatabaseAsync(connectionString))
            {
                logger.LogInformation("Created the PostgreSQL database of ConnectionStrings:Jixiao (it did not exist).");
            }

            await DemoSetup.InitializeAsync(app.Services, seedDemo, output);
            return true;
        }
        catch (DatabaseUnavailableException e)
        {
            error.WriteLine(e.Message);
            return false;
        }
        catch (DbException e)
        {
            // After the checks above, e.g. a role that may connect but not create tables: still one line.
            error.WriteLine($"The database could not be prepared (migrations, first data): {e.GetBaseException().Message}");
            return false;
        }
    }
}
