using System.Text.Json;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.Persistence;
using Jixiao.Application.Plans;
using Jixiao.Domain.Evaluations;
using Jixiao.Migrations.Postgres;
using Jixiao.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Jixiao.Persistence.Tests;

/// <summary>
/// The calculation page's comparison and headline figures computed in the database (issue 13) give exactly what the
/// in-memory comparison (<see cref="RunComparison.ForRunAsync"/>) and sums over every stored row give: page by page,
/// with and without a scope, on SQLite and PostgreSQL.
/// </summary>
public sealed class RunComparisonPageTests : IDisposable
{
    private readonly string _pgDatabase = "jixiao_test_" + Guid.NewGuid().ToString("N")[..12];
    private string? _pg;

    [Fact]
    public async Task Sqlite_WhenPagedInTheDatabase_ThenSameChangesAndTotalsAsInMemory()
    {
        using var database = new TestDatabase();
        await CheckAsync(database.NewContext);
    }

    [PostgresFact]
    public async Task Postgres_WhenPagedInTheDatabase_ThenSameChangesAndTotalsAsInMemory()
    {
        var admin = PostgresFactAttribute.ConnectionString;
        Assert.False(string.IsNullOrWhiteSpace(admin), "JIXIAO_TEST_PG must name a PostgreSQL server under CI (run scripts/postgres.sh).");
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"CREATE DATABASE {_pgDatabase}";
            await cmd.ExecuteNonQueryAsync();
        }

        _pg = new NpgsqlConnectionStringBuilder(admin) { Database = _pgDatabase }.ConnectionString;
        await using (var db = new JixiaoDbContext(PostgresStore.Options(_pg)))
        {
            await db.Database.MigrateAsync();
        }

        await CheckAsync(() => new JixiaoDbContext(PostgresStore.Options(_pg)));
    }

    public void Dispose()
    {
        if (_pg is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        using var conn = new NpgsqlConnection(PostgresFactAttribute.ConnectionString);
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = $"DROP DATABASE IF EXISTS {_pgDatabase} WITH (FORCE)";
        cmd.ExecuteNonQuery();
    }

    private static async Task CheckAsync(Func<JixiaoDbContext> newContext)
    {
        long first, second;
        await using (var db = newContext())
        {
            var (version, _) = await new CalculationService(db, TestClock.New(), CompanyTimeZone.Default).AddPlanVersionAsync(PlanTemplates.Text("4s-dealership"), "4s.yaml", null);
            Assert.NotNull(version);
            // Run 1: P001–P060. Run 2: P001–P045 (every 3rd a new total, every 5th new pay, every 7th loses its grade,
            // the rest equal but written with other trailing zeros), P046–P060 removed, Q001–Q030 added.
            var one = Run(version.Id, Enumerable.Range(1, 60).Select(i => Row($"P{i:000}", 70m + (i * 0.25m), 1000m + i, "B", projected: null)));
            db.Runs.Add(one);
            await db.SaveChangesAsync();
            var two = Run(version.Id, Enumerable.Range(1, 45).Select(i => Row($"P{i:000}",
                    i % 3 == 0 ? 71.5m + i : decimal.Parse((70m + (i * 0.25m)).ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture),
                    i % 5 == 0 ? 1000.01m + i : 1000m + i, i % 7 == 0 ? null : "B", projected: i % 4 == 0 ? 2000.05m + i : null))
                .Concat(Enumerable.Range(1, 30).Select(i => Row($"Q{i:000}", 50m + i, 300.33m * i, "C", projected: null))));
            db.Runs.Add(two);
            await db.SaveChangesAsync();
            (first, second) = (one.Id, two.Id);
        }

        await using (var db = newContext())
        {
            var all = (await RunComparison.ForRunAsync(db, second))!;
            Assert.Equal(first, all.PreviousRunId);
            Assert.Contains(all.Changes, c => c.Kind == ChangeKind.Changed);
            Assert.Equal(30, all.Changes.Count(c => c.Kind == ChangeKind.Added));
            Assert.Equal(15, all.Changes.Count(c => c.Kind == ChangeKind.Removed));
            var visible = new HashSet<string>(Enumerable.Range(1, 60).Where(i => i % 2 == 1).Select(i => $"P{i:000}").Append("Q007").Append("Q030"), StringComparer.Ordinal);
            foreach (var (scope, expected) in new[] { ((IReadOnlySet<string>?)null, all.Changes), (visible, [.. all.Changes.Where(c => visible.Contains(c.EmployeeId))]) })
            {
                foreach (var size in new[] { 1, 7, 20, 500 })
                {
                    var pages = new List<RunChange>();
                    for (var page = 1; ; page++)
                    {
                        var part = (await RunComparisonPage.ForRunAsync(db, second, scope, page, size))!;
                        Assert.Equal(first, part.PreviousRunId);
                        Assert.Equal(expected.Count, part.Total);
                        if (part.Changes.Count == 0)
                        {
                            break;
                        }

                        Assert.True(part.Changes.Count <= size);
                        pages.AddRange(part.Changes);
                    }

                    Assert.Equal(expected, pages);
                }
            }

            // The first run has nothing to compare with; an unknown run is null.
            var none = (await RunComparisonPage.ForRunAsync(db, first, null, 1, 20))!;
            Assert.Null(none.PreviousRunId);
            Assert.Equal(0, none.Total);
            Assert.Empty(none.Changes);
            Assert.Null(await RunComparisonPage.ForRunAsync(db, second + 100, null, 1, 20));

            var rows = await db.Results.AsNoTracking().Where(r => r.RunId == second).ToListAsync();
            var totals = await RunTotals.ForRunAsync(db, second);
            Assert.Equal(75, totals.People);
            Assert.Equal(rows.Sum(r => r.PayTotal), totals.PayTotal);
            Assert.Equal(rows.Select(r => JsonSerializer.Deserialize<ResultDetails>(r.DetailsJson)!.Projection).Sum(p => p?.PayTotal ?? 0m), totals.ProjectedPayTotal);
            var before = await RunTotals.ForRunAsync(db, first);
            Assert.Equal(new RunTotals(60, Enumerable.Range(1, 60).Sum(i => 1000m + i), null), before);
        }
    }

    private static CalculationRun Run(long version, IEnumerable<PersonResult> rows)
    {
        var run = new CalculationRun
        {
            Period = "2026-10",
            PlanVersionId = version,
            InputFingerprint = "test",
            CodeVersion = "test",
            StartedAt = DateTime.UnixEpoch,
            Status = RunStatus.Succeeded,
            Visibility = RunVisibility.Draft,
        };
        run.Results.AddRange(rows);
        run.Computed = run.Results.Count;
        return run;
    }

    private static PersonResult Row(string id, decimal total, decimal pay, string? grade, decimal? projected) => new()
    {
        EmployeeId = id,
        OrgUnitId = "U" + id[^1],
        Scorecard = "sales",
        Total = total,
        Grade = grade,
        Coefficient = grade is null ? null : 1.2m,
        PayTotal = pay,
        DetailsJson = JsonSerializer.Serialize(new ResultDetails("名" + id, [], [],
            projected is { } p ? new ProjectionDetails(new DateOnly(2026, 10, 12), 12, 31, total, grade, null, p, [], [], []) : null)),
    };
}
