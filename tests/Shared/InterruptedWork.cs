using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.DataImports;
using Jixiao.Application.Demo;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Testing;

/// <summary>
/// An upload or a calculation interrupted half-way (<see cref="FailingInserts"/> throws after some rows were sent)
/// leaves nothing behind, and running it again succeeds. The same scenarios for each provider:
/// <c>newContext(null)</c> is a plain context, <c>newContext(interceptor)</c> one that fails.
/// </summary>
public static class InterruptedWork
{
    public static async Task UploadAsync(Func<FailingInserts?, JixiaoDbContext> newContext)
    {
        ArgumentNullException.ThrowIfNull(newContext);
        var files = DemoCompany.Files(TestClock.Today);
        var crash = new FailingInserts(allowed: 5);
        await using (var db = newContext(crash))
        {
            var e = await Assert.ThrowsAnyAsync<Exception>(() =>
                new DataImporter(db, TestClock.New()).ImportAsync(files, "tester", new DateOnly(2026, 1, 1)));
            Assert.IsType<SimulatedCrashException>(e.GetBaseException());
        }

        Assert.True(crash.Failed);
        Assert.Equal(5, crash.Executed);
        await AssertEmptyAsync(newContext);

        await using (var db = newContext(null))
        {
            var again = await new DataImporter(db, TestClock.New()).ImportAsync(files, "tester", new DateOnly(2026, 1, 1));
            Assert.True(again.Ok);
            Assert.Equal(files.Count, again.Uploads.Count);
            Assert.All(again.Uploads, u => Assert.Equal(u.Rows, u.Inserted));
        }
    }

    /// <summary>
    /// A calculation interrupted after its run row was written: <see cref="FailingInserts"/> refuses the result rows'
    /// INSERT; where the rows bypass EF's command pipeline (PostgreSQL's binary COPY, SQLite's prepared statement) so that no
    /// command interceptor sees them, <paramref name="failResultRows"/> makes the database refuse them instead (a trigger), and
    /// <paramref name="allowResultRows"/> lifts that before the retry.
    /// </summary>
    public static async Task CalculationAsync(
        Func<FailingInserts?, JixiaoDbContext> newContext, Func<JixiaoDbContext, Task>? failResultRows = null, Func<JixiaoDbContext, Task>? allowResultRows = null)
    {
        ArgumentNullException.ThrowIfNull(newContext);
        await using (var db = newContext(null))
        {
            Assert.True((await new DataImporter(db, TestClock.New()).ImportAsync(DemoCompany.Files(TestClock.Today), "seed", new DateOnly(2026, 1, 1))).Ok);
            var yaml = await File.ReadAllTextAsync(RepoFile("templates/4s-dealership.yaml"));
            Assert.NotNull((await new CalculationService(db, TestClock.New(), CompanyTimeZone.Default).AddPlanVersionAsync(yaml, "4s-dealership.yaml", "seed")).Version);
        }

        var audited = await CountAsync(newContext, db => db.AuditLog);
        var crash = failResultRows is null ? new FailingInserts(allowed: 1) : null;
        await using (var db = newContext(crash))
        {
            if (failResultRows is not null)
            {
                await failResultRows(db);
            }

            var e = await Assert.ThrowsAnyAsync<Exception>(() => new CalculationService(db, TestClock.New(), CompanyTimeZone.Default).RunAsync(Period.Parse("2026-10"), "hr"));
            if (crash is not null)
            {
                Assert.IsType<SimulatedCrashException>(e.GetBaseException());
            }
            else
            {
                Assert.Contains("simulated crash", e.GetBaseException().Message, StringComparison.Ordinal);
            }

            if (allowResultRows is not null)
            {
                await allowResultRows(db);
            }
        }

        if (crash is not null)
        {
            Assert.True(crash.Failed);
        }

        Assert.Equal(0, await CountAsync(newContext, db => db.Runs));
        Assert.Equal(0, await CountAsync(newContext, db => db.Results));
        Assert.Equal(audited, await CountAsync(newContext, db => db.AuditLog));

        await using (var db = newContext(null))
        {
            var outcome = await new CalculationService(db, TestClock.New(), CompanyTimeZone.Default).RunAsync(Period.Parse("2026-10"), "hr");
            Assert.NotNull(outcome);
            Assert.Equal(outcome.Result.Results.Count, await db.Results.CountAsync());
        }

        Assert.Equal(1, await CountAsync(newContext, db => db.Runs));
    }

    private static async Task AssertEmptyAsync(Func<FailingInserts?, JixiaoDbContext> newContext)
    {
        Assert.Equal(0, await CountAsync(newContext, db => db.Uploads));
        Assert.Equal(0, await CountAsync(newContext, db => db.OrgUnits));
        Assert.Equal(0, await CountAsync(newContext, db => db.Employees));
        Assert.Equal(0, await CountAsync(newContext, db => db.Assignments));
        Assert.Equal(0, await CountAsync(newContext, db => db.Sales));
        Assert.Equal(0, await CountAsync(newContext, db => db.AuditLog));
    }

    private static async Task<int> CountAsync<T>(Func<FailingInserts?, JixiaoDbContext> newContext, Func<JixiaoDbContext, IQueryable<T>> set)
    {
        await using var db = newContext(null);
        return await set(db).CountAsync();
    }

    private static string RepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(relative);
    }
}
