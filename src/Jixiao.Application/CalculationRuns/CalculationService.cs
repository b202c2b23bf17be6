using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Jixiao.Application.Calendar;
using Jixiao.Application.Datasets;
using Jixiao.Application.Evaluations;
using Jixiao.Application.Organisation;
using Jixiao.Application.Persistence;
using Jixiao.Application.Telemetry;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.CalculationRuns;

/// <summary>
/// The stored run and the engine's result (with explanations when asked for). <see cref="CalculationRun.Results"/> holds the
/// stored rows of a unit or people run; a whole-company run streams its rows into the store and leaves it empty (read them
/// with <see cref="JixiaoDbContext.Results"/>): 100,000 people's details are not held twice.
/// </summary>
public sealed record RunOutcome(CalculationRun Run, CalculationResult Result)
{
    /// <summary>The org unit whose subtree was run, or null for the whole company.</summary>
    public string? Unit { get; init; }

    /// <summary>For a unit run: people outside the unit whose kept numbers differ from what would be computed now.</summary>
    public IReadOnlyList<string> StaleOutside { get; init; } = [];
}

/// <summary>
/// Computes a period with the plan version in force and stores the run and every person's result in one
/// transaction. All numbers come from <see cref="Calculator"/>; nothing is recomputed here.
/// </summary>
public sealed class CalculationService(JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone)
{
    /// <summary>The version of the engine that computed a run (recorded for reproducibility).</summary>
    public static string CodeVersion { get; } =
        typeof(Calculator).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";

    /// <summary>The plan version in force for <paramref name="period"/>: the latest effective on or before its first day, else the earliest.</summary>
    public static async Task<PlanVersionEntity?> PlanVersionForAsync(JixiaoDbContext db, Period period, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var versions = await db.PlanVersions.AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
        return versions.Where(v => v.EffectiveFrom <= period.Start).MaxBy(v => (v.EffectiveFrom, v.Number))
            ?? versions.MinBy(v => (v.EffectiveFrom, v.Number));
    }

    /// <summary>
    /// Computes without storing, e.g. to explain one person's numbers. Without an as-of date in
    /// <paramref name="options"/>, the as-of date of the period's latest run is used (today when there is none),
    /// so an explanation of an open period explains the stored points so far.
    /// </summary>
    public async Task<CalculationResult?> ComputeAsync(Period period, CalculationOptions? options, CancellationToken ct = default)
    {
        options ??= new CalculationOptions();
        if (options.AsOf is null)
        {
            options = options with { AsOf = await AsOfAsync(period, ct).ConfigureAwait(false) };
        }

        var version = await PlanVersionForAsync(db, period, ct).ConfigureAwait(false);
        if (version is null)
        {
            return null;
        }

        var plan = Plans.StoredPlans.Required(version);
        var data = await PeriodReader.ReadAsync(db, period, plan, keepIds: options.Explain.Count > 0, ct).ConfigureAwait(false);
        return Calculator.Run(plan, data.Dataset, period, options);
    }

    /// <summary>
    /// One person's explanation tree for <paramref name="period"/>, computed by the engine from only the rows that
    /// person's numbers depend on (<see cref="PeriodReader.ReadForAsync"/>, the run's reader restricted in SQL), not from the
    /// whole period: null when no plan is stored or the person is not computed.
    /// </summary>
    public Task<Jixiao.Domain.Explanations.Explanation?> ExplainAsync(Period period, string employee, CancellationToken ct = default) =>
        ExplainAsync(period, employee, asOf: null, ct);

    /// <summary>
    /// As <see cref="ExplainAsync(Period, string, CancellationToken)"/>, computed as of <paramref name="asOf"/> (the as-of
    /// date of the run being explained; null: that of the period's latest run).
    /// </summary>
    public async Task<Jixiao.Domain.Explanations.Explanation?> ExplainAsync(Period period, string employee, DateOnly? asOf, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(employee);
        var version = await PlanVersionForAsync(db, period, ct).ConfigureAwait(false);
        if (version is null)
        {
            return null;
        }

        var plan = Plans.StoredPlans.Required(version);
        var team = plan.Metrics.Any(m => m.Scope == MetricScope.Team);
        var scope = await PeriodReader.ExplanationScopeAsync(db, period, employee, team, ct).ConfigureAwait(false);
        var data = await PeriodReader.ReadForAsync(db, period, plan, scope, ct).ConfigureAwait(false);
        // The same as-of date as the period's latest run, so an open period explains the stored points so far.
        var result = Calculator.Run(plan, data.Dataset, period, new CalculationOptions { Explain = [employee], AsOf = asOf ?? await AsOfAsync(period, ct).ConfigureAwait(false) });
        return result.Explanations.GetValueOrDefault(employee);
    }

    /// <summary>The as-of date of the period's latest succeeded run (today when there is none).</summary>
    private async Task<DateOnly> AsOfAsync(Period period, CancellationToken ct)
    {
        var key = period.ToString();
        var latest = await db.Runs.AsNoTracking().Where(r => r.Period == key && r.Status == RunStatus.Succeeded && r.Visibility != RunVisibility.Discarded)
            .OrderByDescending(r => r.Id).Select(r => (DateTime?)r.StartedAt).FirstOrDefaultAsync(ct).ConfigureAwait(false);
        return zone.Date(latest ?? time.GetUtcNow().UtcDateTime);
    }

    /// <summary>Runs <paramref name="period"/> for everyone and stores the outcome; null when no plan is stored.</summary>
    public Task<RunOutcome?> RunAsync(Period period, string? userId, CancellationToken ct = default) => RunAsync(period, userId, unit: null, ct);

    /// <summary>
    /// Runs <paramref name="period"/> and stores the outcome as a new run (one transaction), a draft (docs/decisions/0019);
    /// null when no plan is stored. A closed period is not computed: <see cref="EvaluationException"/> with
    /// <see cref="EvaluationErrorCode.PeriodClosed"/>, nothing stored.
    /// With a <paramref name="unit"/>, everyone is computed on the whole period's data (so team roll-ups are right),
    /// but only the people of the unit's subtree get the new numbers: everyone else keeps their result (or error)
    /// from the previous run of the period (docs/calculation-runs.md). <see cref="RunOutcome.StaleOutside"/> lists the
    /// people outside the unit whose numbers would now differ.
    /// </summary>
    public async Task<RunOutcome?> RunAsync(Period period, string? userId, string? unit, CancellationToken ct = default)
    {
        using var span = JixiaoTelemetry.Source.StartActivity("jixiao.run");
        span?.SetTag("jixiao.period", period.ToString());
        var start = Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            var run = await RunCoreAsync(period, userId, unit, ct).ConfigureAwait(false);
            outcome = run is null ? "no-plan" : "succeeded";
            return run;
        }
        finally
        {
            JixiaoTelemetry.RecordRun(Stopwatch.GetElapsedTime(start), outcome, unit is not null);
        }
    }

    /// <summary>The plan version that computes <paramref name="period"/>, or null when no plan is stored; a closed period is refused.</summary>
    private async Task<PlanVersionEntity?> ChangeableVersionAsync(Period period, CancellationToken ct)
    {
        var version = await PlanVersionForAsync(db, period, ct).ConfigureAwait(false);
        var key = period.ToString();
        if (version is not null && PeriodRules.Changeable(key, await PeriodCatalog.StateOfAsync(db, key, ct).ConfigureAwait(false)) is { } closed)
        {
            throw new EvaluationException(closed);
        }

        return version;
    }

    private async Task<RunOutcome?> RunCoreAsync(Period period, string? userId, string? unit, CancellationToken ct)
    {
        var version = await ChangeableVersionAsync(period, ct).ConfigureAwait(false);
        if (version is null)
        {
            return null;
        }

        var key = period.ToString();

        HashSet<string>? units = null;
        if (unit is not null)
        {
            units = await OrgService.SubtreeAsync(db, unit, ct).ConfigureAwait(false);
            if (units.Count == 0)
            {
                throw new ArgumentException("unknown org unit " + unit, nameof(unit));
            }
        }

        var plan = Plans.StoredPlans.Required(version);
        var (result, fingerprint, dataset, started) = await CalculateAsync(period, plan, units is not null, ct).ConfigureAwait(false);

        // A whole-company run streams its rows into the store (each person's details serialised as written, never all
        // held at once); a unit run merges them with the previous run's and keeps them in a list.
        IReadOnlyCollection<PersonResult> fresh = new StreamedRows(result);
        var errors = result.Errors.ToList();
        IReadOnlyList<string> stale = [];
        CalculationRun? previous = null;
        if (units is not null)
        {
            previous = await db.Runs.AsNoTracking().Include(r => r.Results)
                .Where(r => r.Period == key && r.Status == RunStatus.Succeeded && r.Visibility != RunVisibility.Discarded)
                .OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct).ConfigureAwait(false);
            List<PersonResult> merged;
            (merged, errors, stale) = KeepOutside(units, dataset!, [.. fresh], errors, previous);
            fresh = merged;
            if (stale.Count > 0)
            {
                // The stored numbers are not all those of these inputs: say so instead of claiming reproducibility.
                fingerprint = $"{fingerprint} unit {unit} + run {previous!.Id}";
            }
        }

        var scope = unit is null ? "" : $"unit {unit} (others kept from run {previous?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, {stale.Count} stale), ";
        var outcome = await StoreAsync(period, version, fingerprint, result, fresh, errors, started, userId, scope, ct).ConfigureAwait(false);
        return outcome with { Unit = unit, StaleOutside = stale };
    }

    /// <summary>
    /// Reads and calculates the period. The dataset is returned only when <paramref name="keepDataset"/> (a unit run needs
    /// everyone's unit); otherwise nothing refers to it once this returns, so the store does not hold it (bench/README.md).
    /// </summary>
    private async Task<(CalculationResult Result, string Fingerprint, Domain.Data.Dataset? Dataset, DateTime Started)> CalculateAsync(
        Period period, Plan plan, bool keepDataset, CancellationToken ct)
    {
        var data = await PeriodReader.ReadAsync(db, period, plan, keepIds: false, ct).ConfigureAwait(false);
        var started = time.GetUtcNow().UtcDateTime;
        // The as-of date is the company date of StartedAt: inside the period before its last day the engine
        // projects the period's end (docs/decisions/0018-projection.md); otherwise it changes nothing.
        var result = Calculator.Run(plan, data.Dataset, period, new CalculationOptions { AsOf = zone.Date(started) });
        return (result, data.Fingerprint, keepDataset ? data.Dataset : null, started);
    }

    /// <summary>
    /// Recomputes <paramref name="people"/> of <paramref name="period"/> (e.g. after an upheld appeal, docs/decisions/0019) and
    /// stores a new draft run in which everyone else keeps their result (or error) from run <paramref name="keepFrom"/>; null
    /// when no plan is stored. A closed period is refused as by <see cref="RunAsync(Period, string?, string?, CancellationToken)"/>.
    /// </summary>
    public async Task<RunOutcome?> RunForPeopleAsync(Period period, string? userId, IReadOnlySet<string> people, long keepFrom, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(people);
        var version = await ChangeableVersionAsync(period, ct).ConfigureAwait(false);
        if (version is null)
        {
            return null;
        }

        var key = period.ToString();

        var plan = Plans.StoredPlans.Required(version);
        var data = await PeriodReader.ReadAsync(db, period, plan, keepIds: false, ct).ConfigureAwait(false);
        var started = time.GetUtcNow().UtcDateTime;
        var result = Calculator.Run(plan, data.Dataset, period, new CalculationOptions { AsOf = zone.Date(started) });
        var previous = await db.Runs.AsNoTracking().Include(r => r.Results).SingleAsync(r => r.Id == keepFrom && r.Period == key, ct).ConfigureAwait(false);
        var (fresh, errors, stale) = KeepOutside(e => e is null || people.Contains(e), [.. Rows(result)], [.. result.Errors], previous);
        var fingerprint = stale.Count == 0 ? data.Fingerprint : $"{data.Fingerprint} people {string.Join(' ', people.Order(StringComparer.Ordinal))} + run {keepFrom}";
        var scope = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"people {string.Join(' ', people.Order(StringComparer.Ordinal))} (others kept from run {keepFrom}, {stale.Count} stale), ");
        var outcome = await StoreAsync(period, version, fingerprint, result, fresh, errors, started, userId, scope, ct).ConfigureAwait(false);
        return outcome with { StaleOutside = stale };
    }

    /// <summary>
    /// Stores a computed <paramref name="result"/> of the whole company as a succeeded run with every person's result, in
    /// one transaction. The benchmark seeder uses it: it computes from the same data loaded from files.
    /// </summary>
    public Task<RunOutcome> StoreAsync(Period period, PlanVersionEntity version, string fingerprint, CalculationResult result, DateTime started, string? userId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        return StoreAsync(period, version, fingerprint, result, new StreamedRows(result), [.. result.Errors], started, userId, "", ct);
    }

    /// <summary>One stored row per computed person, with the open period's projection in the details, built as enumerated.</summary>
    internal static IEnumerable<PersonResult> Rows(CalculationResult result) =>
        Unserialised(result).Select(r =>
        {
            r.Row.DetailsJson = JsonSerializer.Serialize(r.Details, ResultDetails.Json);
            return r.Row;
        });

    /// <summary>
    /// One row per computed person with its details not yet serialised (<see cref="PersonResult.DetailsJson"/> empty): the
    /// store writes them straight into the statement (<see cref="ResultRows"/>), as UTF-8 on SQLite.
    /// </summary>
    internal static IEnumerable<ResultRows.Pending> Unserialised(CalculationResult result) => result.Results.Select(r => new ResultRows.Pending(
        new PersonResult
        {
            EmployeeId = r.Employee,
            OrgUnitId = r.OrgUnit,
            Scorecard = r.Scorecard,
            Total = r.Total,
            Grade = r.Grade,
            Coefficient = r.Coefficient,
            PayTotal = r.PayTotal,
            DetailsJson = "",
        },
        new ResultDetails(r.Name, r.Indicators, r.Pay, ProjectionDetails.Of(result.Projection, r.Employee))));

    /// <summary>A whole run's rows, one per computed person, built while the store writes them (not kept).</summary>
    private sealed class StreamedRows(CalculationResult result) : IReadOnlyCollection<PersonResult>
    {
        public int Count => result.Results.Count;

        /// <summary>The rows with their details to serialise as written.</summary>
        public IEnumerable<ResultRows.Pending> Pending => Unserialised(result);

        public IEnumerator<PersonResult> GetEnumerator() => Rows(result).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private async Task<RunOutcome> StoreAsync(
        Period period, PlanVersionEntity version, string fingerprint, CalculationResult result, IReadOnlyCollection<PersonResult> fresh,
        List<CalculationError> errors, DateTime started, string? userId, string auditScope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(fingerprint);
        var run = new CalculationRun
        {
            Period = period.ToString(),
            PlanVersionId = version.Id,
            InputFingerprint = fingerprint,
            CodeVersion = CodeVersion,
            StartedBy = userId,
            StartedAt = started,
            FinishedAt = time.GetUtcNow().UtcDateTime,
            // A run that computed nobody because everyone failed is a failed run: never shown, never published.
            Status = fresh.Count == 0 && errors.Count > 0 ? RunStatus.Failed : RunStatus.Succeeded,
            Computed = fresh.Count,
            Failed = errors.Count,
            ErrorsJson = errors.Count == 0 ? null : JsonSerializer.Serialize(errors),
        };
        // One transaction: a run is stored completely or not at all. The run and its audit entry go through the change
        // tracker; the person rows (100,000 for a large company) in multi-row INSERTs, not as tracked entities.
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            var own = db.Database.CurrentTransaction is null;
            var tx = own ? await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false) : null;
            db.Runs.Add(run);
            var audit = db.AuditLog.Add(new AuditEntry
            {
                At = started,
                UserId = userId,
                Action = "calculation.run",
                Subject = run.Period,
                Period = run.Period,
                Detail = $"{auditScope}plan version {version.Id}, {run.Computed} computed, {run.Failed} failed, inputs {fingerprint[..12]}",
                After = run.Status.ToString(),
            });
            try
            {
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                var rows = fresh is StreamedRows streamed ? streamed.Pending : fresh.Select(r => new ResultRows.Pending(r, null));
                await ResultRows.InsertAsync(db, run.Id, rows, ct).ConfigureAwait(false);
                if (tx is not null)
                {
                    await tx.CommitAsync(ct).ConfigureAwait(false);
                }
            }
            catch
            {
                // Nothing of the run is left in the context either: a later save must not write half of it.
                db.Entry(run).State = EntityState.Detached;
                audit.State = EntityState.Detached;
                throw;
            }
            finally
            {
                if (tx is not null)
                {
                    await tx.DisposeAsync().ConfigureAwait(false);
                }
            }
        }).ConfigureAwait(false);

        // The returned run carries its results when they were kept (a unit or people run), untracked (the context's next
        // save must not insert them again); a whole-company run's rows were streamed and are read back from the store.
        db.Entry(run).State = EntityState.Detached;
        if (fresh is List<PersonResult> kept)
        {
            foreach (var r in kept)
            {
                r.RunId = run.Id;
            }

            run.Results.AddRange(kept);
        }

        return new RunOutcome(run, result);
    }

    /// <summary>
    /// The results and errors of a unit run: the fresh ones of the people in <paramref name="units"/> (by their
    /// assignment in this period's data; someone no longer in the data by their unit in the previous run), the previous
    /// run's for everyone else. Also who outside the unit would get different numbers now.
    /// </summary>
    private static (List<PersonResult> Results, List<CalculationError> Errors, IReadOnlyList<string> Stale) KeepOutside(
        HashSet<string> units, Domain.Data.Dataset data, List<PersonResult> fresh, List<CalculationError> errors, CalculationRun? previous)
    {
        var unitOf = data.Employees.ToDictionary(e => e.Id, e => e.OrgUnitId, StringComparer.Ordinal);
        var before = previous?.Results.ToDictionary(r => r.EmployeeId, StringComparer.Ordinal) ?? [];
        bool Inside(string? employee)
        {
            if (employee is null)
            {
                return true; // a problem of the whole run (e.g. the plan) is reported with every run
            }

            return unitOf.TryGetValue(employee, out var u) ? units.Contains(u)
                : before.TryGetValue(employee, out var old) && units.Contains(old.OrgUnitId);
        }

        return KeepOutside(Inside, fresh, errors, previous);
    }

    /// <summary>The fresh results and errors of the people <paramref name="inside"/> says, <paramref name="previous"/>'s for everyone else, and who outside would differ.</summary>
    private static (List<PersonResult> Results, List<CalculationError> Errors, IReadOnlyList<string> Stale) KeepOutside(
        Func<string?, bool> inside, List<PersonResult> fresh, List<CalculationError> errors, CalculationRun? previous)
    {
        var before = previous?.Results.ToDictionary(r => r.EmployeeId, StringComparer.Ordinal) ?? [];
        var beforeErrors = previous?.ErrorsJson is { } json ? JsonSerializer.Deserialize<List<CalculationError>>(json) ?? [] : [];

        var results = fresh.Where(r => inside(r.EmployeeId)).ToList();
        var keptErrors = errors.Where(e => inside(e.Employee)).ToList();
        results.AddRange(before.Values.Where(r => !inside(r.EmployeeId)).Select(r => new PersonResult
        {
            EmployeeId = r.EmployeeId,
            OrgUnitId = r.OrgUnitId,
            Scorecard = r.Scorecard,
            Total = r.Total,
            Grade = r.Grade,
            Coefficient = r.Coefficient,
            PayTotal = r.PayTotal,
            DetailsJson = r.DetailsJson,
        }));
        keptErrors.AddRange(beforeErrors.Where(e => e.Employee is not null && !inside(e.Employee)));

        // Outside the unit: compare what is kept with what would be computed now.
        var now = fresh.Where(r => !inside(r.EmployeeId)).ToDictionary(r => r.EmployeeId, StringComparer.Ordinal);
        var stale = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (id, r) in now)
        {
            if (!before.TryGetValue(id, out var old) || old.Total != r.Total || old.PayTotal != r.PayTotal || old.Grade != r.Grade
                || old.Coefficient != r.Coefficient || old.OrgUnitId != r.OrgUnitId)
            {
                stale.Add(id);
            }
        }

        foreach (var id in before.Keys.Where(id => !inside(id) && !now.ContainsKey(id)))
        {
            stale.Add(id);
        }

        results.Sort((a, b) => string.CompareOrdinal(a.EmployeeId, b.EmployeeId));
        return (results, keptErrors, [.. stale]);
    }

    /// <summary>Stores a plan YAML as a new version of its plan (creating the plan on first upload).</summary>
    public Task<(PlanVersionEntity? Version, IReadOnlyList<PlanProblem> Problems)> AddPlanVersionAsync(string yaml, string fileName, string? userId, CancellationToken ct = default) =>
        AddPlanVersionAsync(yaml, fileName, userId, effectiveFrom: null, ct);

    /// <summary>
    /// Stores a plan YAML as a new version of its plan (creating the plan on first upload), in force from
    /// <paramref name="effectiveFrom"/> when given, else from the file's <c>effective_from</c>. Nothing is stored when
    /// the file has an error.
    /// </summary>
    public async Task<(PlanVersionEntity? Version, IReadOnlyList<PlanProblem> Problems)> AddPlanVersionAsync(
        string yaml, string fileName, string? userId, DateOnly? effectiveFrom, CancellationToken ct = default)
    {
        var loaded = PlanLoader.Load(yaml, fileName);
        if (loaded.Plan is null)
        {
            return (null, loaded.Problems);
        }

        var header = loaded.Plan;
        var plan = await db.Plans.Include(p => p.Versions).SingleOrDefaultAsync(p => p.Code == header.Code, ct).ConfigureAwait(false);
        if (plan is null)
        {
            plan = new PlanEntity { Code = header.Code, Name = header.Name };
            db.Plans.Add(plan);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var version = new PlanVersionEntity
        {
            Number = plan.Versions.Count == 0 ? 1 : plan.Versions.Max(v => v.Number) + 1,
            EffectiveFrom = effectiveFrom ?? header.EffectiveFrom,
            Yaml = yaml,
            CreatedAt = now,
            CreatedBy = userId,
        };
        plan.Versions.Add(version);
        var before = plan.Versions.Where(v => v != version).MaxBy(v => v.Number);
        db.Audit(now, userId, "plan.version", header.Code, $"version {version.Number} effective {version.EffectiveFrom:yyyy-MM-dd}", null, null,
            before is null ? null : $"version {before.Number} effective {before.EffectiveFrom:yyyy-MM-dd}", $"version {version.Number} effective {version.EffectiveFrom:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return (version, loaded.Problems);
    }
}

/// <summary>What a stored person result keeps besides its columns (the projection only for an open period).</summary>
public sealed record ResultDetails(string Name, IReadOnlyList<IndicatorResult> Indicators, IReadOnlyList<PayLine> Pay, ProjectionDetails? Projection = null)
{
    /// <summary>
    /// How results are written (issue 13): letters of every script as they are (a Chinese name or unit is 3 UTF-8 bytes a
    /// character instead of a 6-character <c>\uXXXX</c> escape, about a fifth of a result's text); characters that matter in
    /// HTML are still escaped. Readers parse both forms alike (runs stored before keep theirs).
    /// </summary>
    public static System.Text.Json.JsonSerializerOptions Json { get; } = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };
}
