using System.Reflection;
using System.Text.Json;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Persistence;

/// <summary>The stored run and the engine's result (with explanations when asked for).</summary>
public sealed record RunOutcome(CalculationRun Run, CalculationResult Result);

/// <summary>
/// Computes a period with the plan version in force and stores the run and every person's result in one
/// transaction. All numbers come from <see cref="Calculator"/>; nothing is recomputed here.
/// </summary>
public sealed class CalculationService(JixiaoDbContext db, TimeProvider time)
{
    /// <summary>The version of the engine that computed a run (recorded for reproducibility).</summary>
    public static string CodeVersion { get; } =
        typeof(Calculator).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";

    /// <summary>The plan version in force for <paramref name="period"/>: the latest effective on or before its first day, else the earliest.</summary>
    public async Task<PlanVersionEntity?> PlanVersionForAsync(Period period, CancellationToken ct = default)
    {
        var versions = await db.PlanVersions.AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
        return versions.Where(v => v.EffectiveFrom <= period.Start).MaxBy(v => (v.EffectiveFrom, v.Number))
            ?? versions.MinBy(v => (v.EffectiveFrom, v.Number));
    }

    /// <summary>Computes without storing, e.g. to explain one person's numbers.</summary>
    public async Task<CalculationResult?> ComputeAsync(Period period, CalculationOptions? options, CancellationToken ct = default)
    {
        var version = await PlanVersionForAsync(period, ct).ConfigureAwait(false);
        if (version is null)
        {
            return null;
        }

        var plan = PlanLoader.Load(version.Yaml).Plan ?? throw new InvalidOperationException("The stored plan version no longer loads.");
        var data = await DatasetBuilder.BuildAsync(db, period, ct).ConfigureAwait(false);
        return Calculator.Run(plan, data.Dataset, period, options);
    }

    /// <summary>
    /// One person's explanation tree for <paramref name="period"/>, computed by the engine from only the rows that
    /// person's numbers depend on (<see cref="DatasetBuilder.BuildForAsync"/>), not from the whole period: null when no
    /// plan is stored or the person is not computed.
    /// </summary>
    public async Task<Jixiao.Domain.Explanations.Explanation?> ExplainAsync(Period period, string employee, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(employee);
        var version = await PlanVersionForAsync(period, ct).ConfigureAwait(false);
        if (version is null)
        {
            return null;
        }

        var plan = PlanLoader.Load(version.Yaml).Plan ?? throw new InvalidOperationException("The stored plan version no longer loads.");
        var team = plan.Metrics.Any(m => m.Scope == MetricScope.Team);
        var data = await DatasetBuilder.BuildForAsync(db, period, employee, team, ct).ConfigureAwait(false);
        var result = Calculator.Run(plan, data.Dataset, period, new CalculationOptions { Explain = [employee] });
        return result.Explanations.GetValueOrDefault(employee);
    }

    /// <summary>Runs <paramref name="period"/> and stores the outcome; null when no plan is stored.</summary>
    public async Task<RunOutcome?> RunAsync(Period period, string? userId, CancellationToken ct = default)
    {
        var version = await PlanVersionForAsync(period, ct).ConfigureAwait(false);
        if (version is null)
        {
            return null;
        }

        var plan = PlanLoader.Load(version.Yaml).Plan ?? throw new InvalidOperationException("The stored plan version no longer loads.");
        var data = await DatasetBuilder.BuildAsync(db, period, ct).ConfigureAwait(false);
        var started = time.GetUtcNow().UtcDateTime;
        var result = Calculator.Run(plan, data.Dataset, period);

        return await StoreAsync(period, version, data.Fingerprint, result, started, userId, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores a computed <paramref name="result"/> as a succeeded run with every person's result, in one transaction.
    /// <see cref="RunAsync"/> uses it; so does the benchmark seeder, which computes from the same data loaded from files.
    /// </summary>
    public async Task<RunOutcome> StoreAsync(Period period, PlanVersionEntity version, string fingerprint, CalculationResult result, DateTime started, string? userId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(fingerprint);
        ArgumentNullException.ThrowIfNull(result);
        var run = new CalculationRun
        {
            Period = period.ToString(),
            PlanVersionId = version.Id,
            InputFingerprint = fingerprint,
            CodeVersion = CodeVersion,
            StartedBy = userId,
            StartedAt = started,
            FinishedAt = time.GetUtcNow().UtcDateTime,
            Status = RunStatus.Succeeded,
            Computed = result.Results.Count,
            Failed = result.Errors.Count,
            ErrorsJson = result.Errors.Count == 0 ? null : JsonSerializer.Serialize(result.Errors),
        };
        foreach (var r in result.Results)
        {
            run.Results.Add(new PersonResult
            {
                EmployeeId = r.Employee,
                OrgUnitId = r.OrgUnit,
                Scorecard = r.Scorecard,
                Total = r.Total,
                Grade = r.Grade,
                Coefficient = r.Coefficient,
                PayTotal = r.PayTotal,
                DetailsJson = JsonSerializer.Serialize(new ResultDetails(r.Name, r.Indicators, r.Pay)),
            });
        }

        // One SaveChanges is one transaction: a run is stored completely or not at all.
        db.Runs.Add(run);
        db.Audit(started, userId, "calculation.run", run.Period, $"plan version {version.Id}, {run.Computed} computed, {run.Failed} failed, inputs {fingerprint[..12]}");
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new RunOutcome(run, result);
    }

    /// <summary>Stores a plan YAML as a new version of its plan (creating the plan on first upload).</summary>
    public async Task<(PlanVersionEntity? Version, IReadOnlyList<PlanProblem> Problems)> AddPlanVersionAsync(string yaml, string fileName, string? userId, CancellationToken ct = default)
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
            EffectiveFrom = header.EffectiveFrom,
            Yaml = yaml,
            CreatedAt = now,
            CreatedBy = userId,
        };
        plan.Versions.Add(version);
        db.Audit(now, userId, "plan.version", header.Code, $"version {version.Number} effective {header.EffectiveFrom:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return (version, loaded.Problems);
    }
}

/// <summary>What a stored person result keeps besides its columns.</summary>
public sealed record ResultDetails(string Name, IReadOnlyList<IndicatorResult> Indicators, IReadOnlyList<PayLine> Pay);
