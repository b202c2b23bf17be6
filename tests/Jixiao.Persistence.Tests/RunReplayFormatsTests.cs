using System.Globalization;
using System.Text.Json;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.DataImports;
using Jixiao.Application.Demo;
using Jixiao.Application.Evaluations;
using Jixiao.Domain.Periods;
using Jixiao.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Persistence.Tests;

/// <summary>
/// Results are written with letters unescaped (<see cref="ResultDetails.Json"/>, issue 13); runs stored before hold the
/// same details with <c>\uXXXX</c> escapes. Both replay exactly, and a changed value in the old form is still found.
/// </summary>
public sealed class RunReplayFormatsTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Replay_WhenDetailsStoredInTheEscapedForm_ThenReproducedAndChangesStillFound()
    {
        long runId;
        using (var db = _db.NewContext())
        {
            var imported = await new DataImporter(db, TestClock.New()).ImportAsync(DemoCompany.Files(TestClock.Today), "seed", new DateOnly(2026, 1, 1));
            Assert.True(imported.Ok, string.Join("\n", imported.Errors.Select(e => e.Format(CultureInfo.InvariantCulture))));
            var yaml = await File.ReadAllTextAsync(DatasetBuilderTests.RepoFile("templates/4s-dealership.yaml"));
            _ = await new CalculationService(db, TestClock.New(), CompanyTimeZone.Default).AddPlanVersionAsync(yaml, "4s-dealership.yaml", "seed");
            runId = (await new CalculationService(db, TestClock.New(), CompanyTimeZone.Default).RunAsync(Period.Parse("2026-10"), "seed"))!.Run.Id;
        }

        using (var db = _db.NewContext())
        {
            var rows = await db.Results.Where(r => r.RunId == runId).ToListAsync();
            Assert.All(rows, r => Assert.DoesNotContain("\\u", r.DetailsJson, StringComparison.Ordinal));
            Assert.Contains(rows, r => r.DetailsJson.Contains("销售", StringComparison.Ordinal));
            Assert.True((await RunReplay.ReplayAsync(db, CompanyTimeZone.Default, runId)).Reproduced);

            // As stored before: the default encoder escapes every non-ASCII letter.
            foreach (var r in rows)
            {
                r.DetailsJson = JsonSerializer.Serialize(JsonSerializer.Deserialize<ResultDetails>(r.DetailsJson));
            }

            await db.SaveChangesAsync();
            Assert.Contains(rows, r => r.DetailsJson.Contains("\\u9500", StringComparison.Ordinal));
        }

        using (var db = _db.NewContext())
        {
            var replay = await RunReplay.ReplayAsync(db, CompanyTimeZone.Default, runId);
            Assert.True(replay.Reproduced, string.Join("\n", replay.Differences.Take(3)));

            // One pay line changed by a cent in the old form: found.
            var row = await db.Results.Where(r => r.RunId == runId).OrderBy(r => r.EmployeeId).FirstAsync(r => r.PayTotal > 0);
            var details = JsonSerializer.Deserialize<ResultDetails>(row.DetailsJson)!;
            var line = details.Pay.First(p => p.Amount > 0);
            row.DetailsJson = JsonSerializer.Serialize(details with { Pay = [.. details.Pay.Select(p => p == line ? p with { Amount = p.Amount + 0.01m } : p)] });
            await db.SaveChangesAsync();
            var changed = await RunReplay.ReplayAsync(db, CompanyTimeZone.Default, runId);
            Assert.Equal([(row.EmployeeId, "details")], changed.Differences.Select(d => (d.EmployeeId, d.What)));
        }
    }
}
