using System.Diagnostics;
using System.Globalization;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Datasets;
using Jixiao.Application.Persistence;
using Jixiao.Application.Targets;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Jixiao.Migrations.Postgres;
using Microsoft.EntityFrameworkCore;

// Last year's actuals for the "by last year's share" split (docs/targets.md), measured on a stored database, opened read-only:
//   dotnet run -c Release --project bench/Jixiao.TargetsBench -- DB YEAR METRIC whole|monthly|aggregate
// DB: a SQLite file, or a PostgreSQL connection string ("Host=…").
// whole: DatasetBuilder + MetricActuals.For (the first way); monthly: the engine month by month (the second way,
// LastYearActuals.MonthByMonthAsync); aggregate: one aggregate pass (LastYearActuals.ForAsync, now).
// prints wall time, CPU time, peak working set, bytes allocated and a checksum of the values (equal in both modes).
// One mode per process, so that the peak working set is the mode's own.
if (args.Length != 4 || args[3] is not ("whole" or "monthly" or "aggregate"))
{
    Console.Error.WriteLine("usage: Jixiao.TargetsBench DB YEAR METRIC whole|monthly|aggregate");
    return 2;
}

var options = args[0].StartsWith("Host=", StringComparison.OrdinalIgnoreCase)
    ? PostgresStore.Options(args[0])
    : new DbContextOptionsBuilder<JixiaoDbContext>().UseSqlite($"Data Source={args[0]};Mode=ReadOnly").Options;
await using var db = new JixiaoDbContext(options);
var year = int.Parse(args[1], CultureInfo.InvariantCulture);
var period = new Period(PeriodKind.Year, year, 1);
var version = await CalculationService.PlanVersionForAsync(db, period);
var plan = PlanLoader.Load(version!.Yaml).Plan!;
var metric = plan.Metrics.Single(m => m.Code == args[2]);
var subjects = (await db.OrgUnits.Select(u => u.Id).ToListAsync()).Concat(await db.Employees.Select(e => e.Id).ToListAsync()).ToList();

var process = Process.GetCurrentProcess();
var cpu = process.TotalProcessorTime;
var allocated = GC.GetTotalAllocatedBytes(precise: false);
var clock = Stopwatch.StartNew();
IReadOnlyDictionary<string, decimal?> values;
if (args[3] == "whole")
{
    var data = await DatasetBuilder.BuildAsync(db, period);
    values = MetricActuals.For(plan, data.Dataset, period, metric.Code, subjects);
}
else if (args[3] == "monthly")
{
    values = await LastYearActuals.MonthByMonthAsync(db, plan, metric, year, subjects);
}
else
{
    values = await LastYearActuals.ForAsync(db, plan, metric, year, subjects);
}

clock.Stop();
process.Refresh();
var sum = values.Values.Sum(v => v ?? 0m);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{args[3]}: {subjects.Count} subjects, wall {clock.Elapsed.TotalSeconds:0.0} s, cpu {(process.TotalProcessorTime - cpu).TotalSeconds:0.0} s, peak working set {process.PeakWorkingSet64 / 1048576.0:0} MiB, allocated {(GC.GetTotalAllocatedBytes(precise: false) - allocated) / 1048576.0:0} MiB, checksum {sum}, non-null {values.Values.Count(v => v is not null)}"));
return 0;
