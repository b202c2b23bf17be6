using System.Diagnostics;
using System.Globalization;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.DataImports;
using Jixiao.Application.Datasets;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Jixiao.Migrations.Postgres;
using Jixiao.Migrations.Sqlite;
using Microsoft.EntityFrameworkCore;

// Measures a whole-company calculation from the database (docs/decisions/0005-persistence.md, "Reading a period"):
//   dbbench --sqlite PATH | --postgres CONNSTR  --period 2026-10  --mode legacy|read|store|project|run|clean|due-steps  [--as-of 2026-10-12] [--pairs 3]
//           [--migrate true] [--repeat N] [--rolled-back SQL|-]
// cost-control: CostControlBench (--people N, default 10000): headlines, pages and the decision on a synthetic run (kept: use a throwaway database)
// legacy:  DatasetBuilder (EF entities) + Calculator.Run        read:  PeriodReader + Calculator.Run
// run:     CalculationService.RunAsync (the app's path; one line for the whole run)
// due-steps: DueSteps.AllAsync and one home card's ForAsync with the period in evaluation, then published (rolled back)
// store:   PeriodReader + Calculator.Run + CalculationService.StoreAsync (writes a run: use a copy of the database)
//          with --rolled-back: inside a transaction that runs SQL first ("-": none) and is rolled back after the store
// project: PeriodReader once, then closed and open (as of --as-of) runs alternating, --pairs times
// clean:   deletes what dbbench stored (its runs, their person results, its 'calculation.run' audit rows)
// One mode per process, so the peak resident set (VmHWM) is that mode's. --repeat N measures the mode N times in the
// same process: the first is cold (JIT, caches), the later ones warm, as a web app runs a period the second time.
var options = Args(args);
if (options.TryGetValue("seed-demo", out var demoPath))
{
    // A demo company database to measure on: migrated, the demo's files imported, the 4S plan stored. The demo is the
    // one seeded on 2026-11-26 (May–October 2026 and November to the 25th) whatever the date, so --period 2026-10 is in it.
    using var seed = new JixiaoDbContext(SqliteStore.Options("Data Source=" + demoPath));
    await seed.Database.MigrateAsync();
    var imported = await new DataImporter(seed, TimeProvider.System).ImportAsync(Jixiao.Application.Demo.DemoCompany.Files(new DateOnly(2026, 11, 26)), "seed", new DateOnly(2026, 1, 1));
    Console.WriteLine(imported.Ok ? "demo imported" : "demo import failed");
    var yaml = Jixiao.Application.Plans.PlanTemplates.Text("4s-dealership");
    await new CalculationService(seed, TimeProvider.System, CompanyTimeZone.Default).AddPlanVersionAsync(yaml, "4s-dealership.yaml", "seed");
    return;
}

var period = Period.Parse(options.GetValueOrDefault("period", "2026-10"));
var mode = options.GetValueOrDefault("mode", "read");
var asOf = options.TryGetValue("as-of", out var a) ? DateOnly.ParseExact(a, "yyyy-MM-dd", CultureInfo.InvariantCulture) : (DateOnly?)null;
var db = new JixiaoDbContext(options.TryGetValue("postgres", out var pg) ? PostgresStore.Options(pg) : SqliteStore.Options("Data Source=" + options["sqlite"]));
if (options.GetValueOrDefault("migrate") == "true")
{
    // A bench database seeded by an older build lacks later migrations (the web app applies them on start).
    await db.Database.MigrateAsync();
}

if (mode == "clean")
{
    var runs = db.Runs.Where(r => r.StartedBy == "dbbench").Select(r => r.Id);
    var results = await db.Results.Where(r => runs.Contains(r.RunId)).ExecuteDeleteAsync();
    var audit = await db.AuditLog.Where(e => e.Action == "calculation.run" && e.UserId == "dbbench").ExecuteDeleteAsync();
    var deleted = await db.Runs.Where(r => r.StartedBy == "dbbench").ExecuteDeleteAsync();
    Console.WriteLine($"deleted {deleted} runs, {results:N0} person results, {audit} audit rows stored by dbbench");
    return;
}

if (mode == "due-steps")
{
    // DueSteps at scale (DueStepsBench): the cycle's states are set inside a transaction that is rolled back.
    await Jixiao.DbBench.DueStepsBench.RunAsync(db, period, int.Parse(options.GetValueOrDefault("repeat", "3"), CultureInfo.InvariantCulture), Console.WriteLine);
    return;
}

if (mode == "cost-control")
{
    // Cost control at scale (CostControlBench): a synthetic run of --people results, kept (a throwaway database).
    await Jixiao.DbBench.CostControlBench.RunAsync(db, period, int.Parse(options.GetValueOrDefault("people", "10000"), CultureInfo.InvariantCulture),
        int.Parse(options.GetValueOrDefault("repeat", "2"), CultureInfo.InvariantCulture), Console.WriteLine);
    return;
}

var repeat = int.Parse(options.GetValueOrDefault("repeat", "1"), CultureInfo.InvariantCulture);
var clock = Stopwatch.StartNew();
var cpu = Cpu();
var pass = 0;
for (pass = 1; pass <= repeat; pass++)
{
    await OnceAsync();
}

async Task OnceAsync()
{
    var calc = new CalculationService(db, TimeProvider.System, CompanyTimeZone.Default);
    var version = await CalculationService.PlanVersionForAsync(db, period) ?? throw new InvalidOperationException("no plan stored");
    var plan = PlanLoader.Load(version.Yaml).Plan!;
    clock.Restart();
    cpu = Cpu();
    Report("start");
    if (mode == "run")
    {
        // The app's own path (CalculationService.RunAsync: read, calculate, store, as the calculation page and the API run it).
        var run = await calc.RunAsync(period, "dbbench") ?? throw new InvalidOperationException("no plan stored");
        Report($"run {run.Run.Id} through CalculationService.RunAsync: {run.Run.Computed:N0} computed, {run.Run.Failed:N0} failed");
        return;
    }

    StoredDataset data;
    if (mode == "legacy")
    {
        data = await DatasetBuilder.BuildAsync(db, period);
    }
    else
    {
        data = await PeriodReader.ReadAsync(db, period, plan);
    }

    Report($"read ({data.Dataset.Sales.Count:N0} sales, {data.Dataset.Activities.Count:N0} activities, {data.Dataset.Targets.Count:N0} targets, {data.Dataset.Ratings.Count:N0} ratings, {data.Dataset.Employees.Count:N0} employees)");
    if (mode == "project")
    {
        var pairs = int.Parse(options.GetValueOrDefault("pairs", "3"), CultureInfo.InvariantCulture);
        for (var i = 0; i < pairs; i++)
        {
            Report($"closed: {Calculator.Run(plan, data.Dataset, period).Results.Count:N0} computed");
            var open = Calculator.Run(plan, data.Dataset, period, new CalculationOptions { AsOf = asOf });
            Report($"open as of {asOf}: {open.Results.Count:N0} computed, {open.Projection?.Results.Count ?? 0:N0} projected");
        }

        return;
    }

    var result = Calculator.Run(plan, data.Dataset, period, new CalculationOptions { AsOf = asOf });
    Report($"calculated: {result.Results.Count:N0} computed, {result.Errors.Count:N0} failed, {result.Projection?.Results.Count ?? 0:N0} projected");
    if (mode == "store-ef")
    {
        // As CalculationService stored runs before the multi-row inserts: every person row a tracked entity, one SaveChanges.
        var run = new CalculationRun { Period = period.ToString(), PlanVersionId = version.Id, InputFingerprint = data.Fingerprint, CodeVersion = "dbbench", StartedAt = DateTime.UnixEpoch, Status = RunStatus.Succeeded, Computed = result.Results.Count };
        run.Results.AddRange(result.Results.Select(r => new PersonResult
        {
            EmployeeId = r.Employee,
            OrgUnitId = r.OrgUnit,
            Scorecard = r.Scorecard,
            Total = r.Total,
            Grade = r.Grade,
            Coefficient = r.Coefficient,
            PayTotal = r.PayTotal,
            DetailsJson = System.Text.Json.JsonSerializer.Serialize(new ResultDetails(r.Name, r.Indicators, r.Pay, ProjectionDetails.Of(result.Projection, r.Employee)), ResultDetails.Json),
        }));
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        Report($"stored run {run.Id} (EF entities): {run.Results.Count:N0} rows");
    }

    if (mode == "store" && options.TryGetValue("rolled-back", out var inside))
    {
        // An experiment on a shared database: the store runs inside a transaction that is rolled back, after the given SQL
        // (e.g. "ALTER TABLE person_results DROP CONSTRAINT …"; "-" for none); nothing of it stays (bench/README.md).
        await using var tx = await db.Database.BeginTransactionAsync();
        if (inside != "-")
        {
            await db.Database.ExecuteSqlRawAsync(inside);
        }

        var outcome = await calc.StoreAsync(period, version, data.Fingerprint, result, DateTime.SpecifyKind(new DateTime(2026, 11, 30), DateTimeKind.Utc), "dbbench");
        Report($"stored run {outcome.Run.Id}: {outcome.Run.Computed:N0} rows, rolled back after: {inside}");
        await tx.RollbackAsync();
        db.ChangeTracker.Clear();
    }
    else if (mode == "store")
    {
        var outcome = await calc.StoreAsync(period, version, data.Fingerprint, result, DateTime.SpecifyKind(new DateTime(2026, 11, 30), DateTimeKind.Utc), "dbbench");
        Report($"stored run {outcome.Run.Id}: {outcome.Run.Computed:N0} rows");
    }
}

void Report(string what)
{
    var now = Cpu();
    var info = GC.GetGCMemoryInfo();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{mode,-7} #{pass} {clock.Elapsed.TotalSeconds,7:F1} s wall {(now - cpu).TotalSeconds,7:F1} s cpu  VmHWM {Status("VmHWM"),6:N0} MB  VmRSS {Status("VmRSS"),6:N0} MB  heap {info.HeapSizeBytes / 1e6,6:N0} MB  allocated {GC.GetTotalAllocatedBytes() / 1e6,8:N0} MB  gen2 {GC.CollectionCount(2)}  {what}"));
    clock.Restart();
    cpu = now;
}

static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

static double Status(string key)
{
    foreach (var line in File.ReadLines("/proc/self/status"))
    {
        if (line.StartsWith(key + ":", StringComparison.Ordinal))
        {
            return double.Parse(line[(key.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024;
        }
    }

    return 0;
}

static Dictionary<string, string> Args(string[] args)
{
    var result = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        result[args[i].TrimStart('-')] = args[i + 1];
    }

    return result;
}
