using System.Diagnostics;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.Compensation;
using Jixiao.Application.Payroll;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.DbBench;

/// <summary>
/// Cost control at scale (docs/pay-ledger.md "Cost control"), on a throwaway database (e.g. one made by <c>--seed-demo</c>; the
/// decision opens its own transaction, so nothing is rolled back): every stored plan version gets a budget pool of 1,000.00 and the period gets one synthetic run of <c>people</c> results (copies
/// of a stored result of the period with pay, person ids C0000001…, spread over the stored units), given to the service as
/// the period's payable run. Measured, <c>repeat</c> times: the headline of the undecided period, its first and a middle page
/// of 20 lines and a filter by one person (each a fresh service: one request), the scale decision, then the decided period's
/// headline and pages (read from the stored decision in SQL). Each step reports its wall time and the bytes it allocated.
/// </summary>
public static class CostControlBench
{
    public static async Task RunAsync(JixiaoDbContext db, Period period, int people, int repeat, Action<string> report)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(report);
        var time = TimeProvider.System;
        var key = period.ToString();
        if (!await db.Results.AnyAsync(r => db.Runs.Any(x => x.Id == r.RunId && x.Period == key) && r.PayTotal > 0m))
        {
            // A fresh demo database has no run yet: compute the period once (kept, as dbbench's runs are; `--mode clean` deletes them).
            await new CalculationService(db, time, CompanyTimeZone.Default).RunAsync(period, "dbbench");
        }

        var template = await db.Results.AsNoTracking().Where(r => db.Runs.Any(x => x.Id == r.RunId && x.Period == key) && r.PayTotal > 0m).OrderBy(r => r.Id).FirstAsync();
        var units = await db.OrgUnits.AsNoTracking().Select(u => u.Id).ToListAsync();
        foreach (var v in db.PlanVersions)
        {
            v.Yaml = v.Yaml.TrimEnd() + "\ncost_control:\n  pool: { budget: 1000 }\n";
        }

        var version = (await CalculationService.PlanVersionForAsync(db, period))!;
        var run = new CalculationRun { Period = key, PlanVersionId = version.Id, InputFingerprint = "costbench", CodeVersion = "dbbench", StartedBy = "dbbench", StartedAt = DateTime.UnixEpoch, Status = RunStatus.Succeeded, Computed = people };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < people; i += 5000)
        {
            db.Results.AddRange(Enumerable.Range(i, Math.Min(5000, people - i)).Select(n => new PersonResult
            {
                RunId = run.Id,
                EmployeeId = "C" + (n + 1).ToString("0000000", System.Globalization.CultureInfo.InvariantCulture),
                OrgUnitId = units[n % units.Count],
                Scorecard = template.Scorecard,
                Total = template.Total,
                Grade = template.Grade,
                Coefficient = template.Coefficient,
                PayTotal = template.PayTotal,
                DetailsJson = template.DetailsJson,
            }));
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        report($"seeded {people:N0} results of {key} (run {run.Id}, {template.DetailsJson.Length:N0} bytes of details each) in {clock.Elapsed.TotalSeconds:N1} s");
        PayableRuns payable = (_, _) => Task.FromResult<IReadOnlyDictionary<string, long>>(new Dictionary<string, long>(StringComparer.Ordinal) { [key] = run.Id });
        var middle = 0;
        var someone = "C" + (people / 2).ToString("0000000", System.Globalization.CultureInfo.InvariantCulture);
        async Task<T> Step<T>(string what, Func<CostControlService, Task<T>> step, Func<T, string> said)
        {
            db.ChangeTracker.Clear();
            var before = GC.GetTotalAllocatedBytes(true);
            var watch = Stopwatch.StartNew();
            var value = await step(new CostControlService(db, time, payable));
            report($"{what,-34} {watch.Elapsed.TotalMilliseconds,9:N0} ms {(GC.GetTotalAllocatedBytes(true) - before) / 1048576.0,9:N1} MB allocated  {said(value)}");
            return value;
        }

        for (var pass = 1; pass <= repeat; pass++)
        {
            var h = await Step("undecided: headline", s => s.HeadlinesAsync(), l => $"{l[0].LineCount:N0} lines, total {l[0].Check.Total:N2}, pool {l[0].Check.Pool:N2}");
            middle = Math.Max(1, h[0].LineCount / 20 / 2);
            await Step("undecided: headline + page 1", async s => (await s.HeadlinesAsync(), await s.LinesAsync(period, new CostLineQuery(null, null, 1, 20))), v => $"{v.Item2!.Items.Count} of {v.Item2.Total:N0}");
            await Step($"undecided: page {middle}", s => s.LinesAsync(period, new CostLineQuery(null, null, middle, 20)), v => $"{v!.Items.Count} lines, first {v.Items[0].Employee}");
            await Step("undecided: filter one person", s => s.LinesAsync(period, new CostLineQuery(someone, null, 1, 20)), v => $"{v!.Total} lines");
        }

        var decided = await Step("decide: scale", s => s.DecideAsync(period, CostDecisionKind.Scale, "bench", "dbbench"), o => o.Ok ? "scaled" : o.Problem.ToString()!);
        for (var pass = 1; pass <= repeat; pass++)
        {
            await Step("decided: headline", s => s.HeadlinesAsync(), l => $"{l[0].LineCount:N0} lines, {l[0].Decision?.Kind}");
            await Step("decided: page 1", s => s.LinesAsync(period, new CostLineQuery(null, null, 1, 20)), v => $"{v!.Items.Count} of {v.Total:N0}, sum of page {v.Items.Sum(l => l.Decided):N2}");
            await Step($"decided: page {middle}", s => s.LinesAsync(period, new CostLineQuery(null, null, middle, 20)), v => $"{v!.Items.Count} lines, first {v.Items[0].Employee}");
            await Step("decided: filter one person", s => s.LinesAsync(period, new CostLineQuery(someone, null, 1, 20)), v => $"{v!.Total} lines");
            await Step("decided: filter a unit", s => s.LinesAsync(period, new CostLineQuery(null, units[0], 1, 20)), v => $"{v!.Total:N0} lines");
        }

        report("done: the database keeps the synthetic run, its decision and the capped plan — use a throwaway copy");
    }
}
