using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.Import;
using Jixiao.Application.Persistence;
using Jixiao.Application.Synthetic;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Jixiao.Migrations.Postgres;
using Jixiao.Migrations.Sqlite;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Jixiao.WebBench;

/// <summary>A bench account: user name, role and the employee it is linked to.</summary>
public sealed record BenchUser(string UserName, string Role, string EmployeeId);

/// <summary>What <c>WebSeed.RunAsync</c> built.</summary>
public sealed record SeedSummary(string Database, IReadOnlyDictionary<string, long> Rows, int Computed, int Failed, IReadOnlyList<BenchUser> Users);

/// <summary>
/// Builds the web bench database: the synthetic company (<see cref="BenchDataGenerator"/>, CSV cached in a
/// directory), validated by <see cref="DataDirectoryLoader"/>, written by <see cref="BulkSeeder"/> into a new
/// migrated SQLite file, the bench plan stored as a plan version, one month calculated by the engine and stored
/// through <see cref="CalculationService.StoreAsync"/>, and sign-in accounts for salespeople and store managers.
/// </summary>
public static class WebSeed
{
    /// <summary>The password of every bench account.</summary>
    public const string Password = "Bench-user-2026!";

    public static async Task<SeedSummary> RunAsync(
        string dataDirectory, string database, int employees, long sales, string period, int usersPerRole, string planPath, TimeProvider time, TextWriter log, CancellationToken ct = default) =>
        await RunAsync(dataDirectory, database, postgres: null, employees, sales, period, usersPerRole, planPath, time, log, ct);

    /// <summary>
    /// As above; with <paramref name="postgres"/> (a connection string naming the database) the company goes into that
    /// PostgreSQL database instead, dropped and created afresh (rows through binary COPY), and <paramref name="database"/>
    /// is only the name the summary reports.
    /// </summary>
    public static async Task<SeedSummary> RunAsync(
        string dataDirectory, string database, string? postgres, int employees, long sales, string period, int usersPerRole, string planPath, TimeProvider time, TextWriter log, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(time);
        var clock = Stopwatch.StartNew();
        if (!File.Exists(Path.Combine(dataDirectory, "ratings.csv")))
        {
            log.WriteLine($"generating {employees:N0} employees / {sales:N0} sales into {dataDirectory}");
            var partial = dataDirectory + ".partial";
            if (Directory.Exists(partial))
            {
                Directory.Delete(partial, recursive: true);
            }

            BenchDataGenerator.Write(partial, employees, sales);
            Directory.Move(partial, dataDirectory);
            log.WriteLine($"  generated in {clock.Elapsed.TotalSeconds:F1} s");
        }

        var loaded = DataDirectoryLoader.Load(dataDirectory);
        if (!loaded.Ok)
        {
            throw new InvalidOperationException("The generated data does not load: " + string.Join("; ", loaded.Errors.Take(5)));
        }

        var data = loaded.Dataset!;
        log.WriteLine($"  loaded and validated at {clock.Elapsed.TotalSeconds:F1} s");

        var temporary = database + ".partial";
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time);
        if (postgres is null)
        {
            foreach (var f in new[] { temporary, temporary + "-wal", temporary + "-shm", temporary + "-journal" })
            {
                File.Delete(f);
            }

            services.AddDbContext<JixiaoDbContext>(o => SqliteStore.Configure(o, $"Data Source={temporary}"));
        }
        else
        {
            await DropAsync(postgres, ct);
            services.AddDbContext<JixiaoDbContext>(o => PostgresStore.Configure(o, postgres));
        }

        services.AddIdentityCore<AppUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<JixiaoDbContext>();
        SeedCounts counts;
        RunOutcome outcome;
        var users = new List<BenchUser>();
        await using (var provider = services.BuildServiceProvider())
        {
            using var scope = provider.CreateScope();
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<JixiaoDbContext>();
            await db.Database.MigrateAsync(ct);
            var now = time.GetUtcNow().UtcDateTime;
            counts = await BulkSeeder.SeedAsync(db, data, "bench", now, m => log.WriteLine("    " + m), ct);
            log.WriteLine($"  seeded {counts.Rows.Values.Sum():N0} rows at {clock.Elapsed.TotalSeconds:F1} s");

            var calc = new CalculationService(db, time, CompanyTimeZone.Default);
            var yaml = await File.ReadAllTextAsync(planPath, ct);
            var (version, problems) = await calc.AddPlanVersionAsync(yaml, Path.GetFileName(planPath), "bench", ct);
            if (version is null)
            {
                throw new InvalidOperationException("The bench plan does not load: " + string.Join("; ", problems));
            }

            var p = Period.Parse(period);
            var plan = PlanLoader.Load(yaml).Plan!;
            var started = time.GetUtcNow().UtcDateTime;
            var result = Calculator.Run(plan, data, p);
            outcome = await calc.StoreAsync(p, version, "files-sha256:" + HashFiles(dataDirectory), result, started, "bench", ct);
            log.WriteLine($"  calculated {period}: {result.Results.Count:N0} computed, {result.Errors.Count:N0} failed; stored at {clock.Elapsed.TotalSeconds:F1} s");
            await ChangedRun.AddAsync(db, period, log, ct);

            var roles = sp.GetRequiredService<RoleManager<IdentityRole>>();
            foreach (var role in new[] { "admin", "hr", "finance", "manager", "supervisor", "salesperson" })
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }

            // Accounts for people with a result: salespeople spread over the company, and store managers (manager of a
            // unit whose parent is the root), each seeing about one store.
            var computed = result.Results.Select(r => r.Employee).ToHashSet(StringComparer.Ordinal);
            var sellers = data.Employees.Where(e => e.Position == "salesperson" && computed.Contains(e.Id)).Select(e => e.Id).ToList();
            var root = data.OrgUnits.Where(u => u.ParentId is null).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
            var managers = data.OrgUnits.Where(u => u.ParentId is not null && root.Contains(u.ParentId) && u.ManagerId is not null).Select(u => u.ManagerId!).Distinct().ToList();
            users.AddRange(Spread(sellers, usersPerRole).Select((id, i) => new BenchUser("sales" + (i + 1).ToString("D3", CultureInfo.InvariantCulture), "salesperson", id)));
            users.AddRange(Spread(managers, usersPerRole).Select((id, i) => new BenchUser("manager" + (i + 1).ToString("D3", CultureInfo.InvariantCulture), "manager", id)));
            // HR for the calculation page (not linked to an employee: HR sees the whole company).
            users.AddRange(Enumerable.Range(1, usersPerRole).Select(i => new BenchUser("hr" + i.ToString("D3", CultureInfo.InvariantCulture), "hr", "")));
            var userManager = sp.GetRequiredService<UserManager<AppUser>>();
            string? hash = null;
            foreach (var u in users)
            {
                var user = new AppUser { UserName = u.UserName, EmployeeId = u.EmployeeId.Length == 0 ? null : u.EmployeeId, DisplayName = u.UserName };
                // One PBKDF2 hash for all (it carries its own salt); the web app verifies it as usual.
                hash ??= userManager.PasswordHasher.HashPassword(user, Password);
                user.PasswordHash = hash;
                Check(await userManager.CreateAsync(user));
                Check(await userManager.AddToRoleAsync(user, u.Role));
            }

            log.WriteLine($"  {users.Count} accounts at {clock.Elapsed.TotalSeconds:F1} s");
        }

        if (postgres is not null)
        {
            NpgsqlConnection.ClearAllPools();
            log.WriteLine($"  PostgreSQL database {new NpgsqlConnectionStringBuilder(postgres).Database} ready in {clock.Elapsed.TotalSeconds:F1} s");
            return new SeedSummary(database, counts.Rows, outcome.Run.Computed, outcome.Run.Failed, users);
        }

        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(database + suffix);
        }

        File.Move(temporary, database);
        log.WriteLine($"  database {database} ({new FileInfo(database).Length / 1_000_000.0:N0} MB) ready in {clock.Elapsed.TotalSeconds:F1} s");
        return new SeedSummary(database, counts.Rows, outcome.Run.Computed, outcome.Run.Failed, users);
    }

    /// <summary>Adds <see cref="ChangedRun"/> to a seeded SQLite file, or the PostgreSQL database <paramref name="postgres"/> names.</summary>
    public static async Task AddChangedRunAsync(string database, string? postgres, string period, TextWriter log, CancellationToken ct = default)
    {
        await using var db = new JixiaoDbContext(postgres is null ? SqliteStore.Options($"Data Source={database}") : PostgresStore.Options(postgres));
        await ChangedRun.AddAsync(db, period, log, ct);
    }

    /// <summary>Drops the database <paramref name="postgres"/> names (EF's migrator creates it again).</summary>
    private static async Task DropAsync(string postgres, CancellationToken ct)
    {
        var target = new NpgsqlConnectionStringBuilder(postgres);
        var admin = new NpgsqlConnectionStringBuilder(postgres) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{target.Database!.Replace("\"", "\"\"", StringComparison.Ordinal)}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Writes the accounts as "user TAB role TAB employee" lines.</summary>
    public static void WriteUsers(string path, IEnumerable<BenchUser> users) =>
        File.WriteAllLines(path, users.Select(u => $"{u.UserName}\t{u.Role}\t{u.EmployeeId}"));

    /// <summary>Reads a file written by <see cref="WriteUsers"/>.</summary>
    public static IReadOnlyList<BenchUser> ReadUsers(string path) =>
        [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => l.Split('\t')).Select(f => new BenchUser(f[0], f[1], f[2]))];

    /// <summary>Up to <paramref name="count"/> items spread evenly over <paramref name="items"/>.</summary>
    internal static IEnumerable<string> Spread(IReadOnlyList<string> items, int count)
    {
        var n = Math.Min(count, items.Count);
        for (var i = 0; i < n; i++)
        {
            yield return items[(int)((long)i * items.Count / n)];
        }
    }

    private static string HashFiles(string directory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        foreach (var file in Directory.GetFiles(directory, "*.csv").Order(StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(file)));
            using var stream = File.OpenRead(file);
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
