using Jixiao.Application.DataImports;
using Jixiao.Application.Datasets;
using Jixiao.Application.Persistence;
using Jixiao.Migrations.Sqlite;
using Jixiao.Testing;
using Jixiao.WebBench;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests;

/// <summary>
/// Keeps the web load bench (bench/web/run.sh) from rotting: seeds a 200-person company with the bulk seeder,
/// checks it stores exactly what the importer stores, and drives every scenario briefly over loopback. No timing
/// is asserted (timing belongs in bench/).
/// </summary>
public sealed class WebBenchSmokeTests
{
    private const string Period = "2026-10";

    [Fact]
    public async Task Seeds_a_small_company_like_the_importer_and_drives_every_scenario_over_loopback()
    {
        var folder = Directory.CreateTempSubdirectory("jixiao-webbench-").FullName;
        try
        {
            var data = Path.Combine(folder, "data");
            var database = Path.Combine(folder, "web.db");
            var clock = TestClock.New();
            var summary = await WebSeed.RunAsync(data, database, 200, 4000, Period, 3, PlanPath(), clock, TextWriter.Null);
            Assert.Equal(200, summary.Rows["employees"]);
            Assert.Equal(4000, summary.Rows["sales"]);
            Assert.True(summary.Computed > 150, $"{summary.Computed} computed");
            Assert.Equal(3, summary.Users.Count(u => u.Role == "salesperson"));
            Assert.Contains(summary.Users, u => u.Role == "manager");

            // The importer, given the same files, stores the same data: same fingerprint, same stored text.
            var imported = Path.Combine(folder, "imported.db");
            await using (var db = new JixiaoDbContext(SqliteStore.Options($"Data Source={imported}")))
            {
                await db.Database.MigrateAsync();
                var files = Directory.GetFiles(data, "*.csv").Select(f => new UploadFile(Path.GetFileNameWithoutExtension(f), Path.GetFileName(f), File.ReadAllBytes(f))).ToList();
                var outcome = await new DataImporter(db, clock).ImportAsync(files, "test", new DateOnly(2026, 1, 1));
                Assert.True(outcome.Ok, string.Join("; ", outcome.Errors));
            }

            Assert.Equal(await FingerprintAsync(imported), await FingerprintAsync(database));
            foreach (var sql in new[]
            {
                "SELECT group_concat(ExternalId || '/' || Units || '/' || Amount || '/' || Cost || '/' || Date || '/' || ifnull(ContractSigned, '-'), ';') FROM (SELECT * FROM sales ORDER BY ExternalId)",
                "SELECT group_concat(ExternalId || '/' || Share, ';') FROM (SELECT * FROM credits ORDER BY ExternalId)",
                "SELECT group_concat(ExternalId || '/' || Value || '/' || ifnull(Challenge, '-'), ';') FROM (SELECT * FROM targets ORDER BY ExternalId)",
                "SELECT group_concat(ExternalId || '/' || ifnull(Value, '-'), ';') FROM (SELECT * FROM activities ORDER BY ExternalId)",
                "SELECT group_concat(EmployeeId || '/' || OrgUnitId || '/' || ifnull(ManagerId, '-') || '/' || ValidFrom || '/' || ifnull(ValidTo, '-'), ';') FROM (SELECT * FROM assignments ORDER BY EmployeeId)",
            })
            {
                Assert.Equal(await ScalarAsync(imported, sql), await ScalarAsync(database, sql));
            }

            using var app = new BenchApp(database, clock);
            using var driver = new LoadDriver(app.Address, TextWriter.Null);
            await driver.SignInAsync(summary.Users, WebSeed.Password, default);
            // HR's comparison and not-computed scenarios read the period's latest run: the bench's changed copy of the first.
            Assert.Equal("1;2", await ScalarAsync(database, "SELECT group_concat(Id, ';') FROM (SELECT Id FROM calculation_runs ORDER BY Id)"));
            Assert.StartsWith(ChangedRun.Marker, await ScalarAsync(database, "SELECT InputFingerprint FROM calculation_runs WHERE Id = 2"), StringComparison.Ordinal);
            Assert.Equal(2, await driver.ResolveRunAsync(Period, default));
            foreach (var scenario in WebScenarios.For(Period))
            {
                // The first answer of a page on a cold server can take seconds when the machine is loaded (JIT): the window
                // leaves room for it, so that an empty window means a failing page, not a slow first render.
                var stats = await driver.RunAsync(scenario, 2, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), default);
                Assert.True(stats.Errors == 0, $"{scenario.Name}: {stats.Errors} errors");
                Assert.True(stats.Requests > 0, scenario.Name);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        double[] sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.Equal(5, LoadDriver.Percentile(sorted, 0.50));
        Assert.Equal(10, LoadDriver.Percentile(sorted, 0.95));
        Assert.Equal(1, LoadDriver.Percentile(sorted, 0.01));
        Assert.True(double.IsNaN(LoadDriver.Percentile([], 0.5)));
    }

    private static async Task<string> FingerprintAsync(string file)
    {
        await using var db = new JixiaoDbContext(SqliteStore.Options($"Data Source={file}"));
        return (await DatasetBuilder.BuildAsync(db, Jixiao.Domain.Periods.Period.Parse(Period))).Fingerprint;
    }

    private static async Task<string?> ScalarAsync(string file, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync())?.ToString();
    }

    private static string PlanPath()
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "bench-plan.yaml");
        if (File.Exists(copied))
        {
            return copied;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "bench", "bench-plan.yaml");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException("bench/bench-plan.yaml");
    }

    /// <summary>The web app on Kestrel (127.0.0.1, a free port) over the seeded database.</summary>
    private sealed class BenchApp(string database, TimeProvider clock) : WebApplicationFactory<Program>
    {
        private Uri? _address;

        public Uri Address
        {
            get
            {
                if (_address is null)
                {
                    UseKestrel(0);
                    StartServer();
                    var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                    _address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal) + "/");
                }

                return _address;
            }
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:Jixiao", $"Data Source={database}");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Scheduler:Enabled", "false");
            builder.UseEnvironment("Development");
            builder.UseUrls("http://127.0.0.1:0");
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }
}
