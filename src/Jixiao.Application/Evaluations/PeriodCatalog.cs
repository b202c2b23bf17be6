using Jixiao.Application.Calendar;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Evaluations;

/// <summary>
/// One plan period in the evaluation cycle, as the periods page and <c>GET /api/v1/periods</c> show it: its state,
/// deadlines (null outside the calendar), which of its steps are overdue, its runs (the one people see, the provisional
/// one, the published one, the evaluation basis), a pending publication request and when each move happened.
/// </summary>
public sealed record PeriodView
{
    public required string Key { get; init; }

    public required Period Period { get; init; }

    public required PeriodState State { get; init; }

    public EvaluationDeadlines? Deadlines { get; init; }

    public required EvaluationSettings Settings { get; init; }

    /// <summary>Steps whose deadline has passed while the period has not moved past them.</summary>
    public IReadOnlyList<EvaluationStep> Overdue { get; init; } = [];

    /// <summary>Published and the window is over: the period can close once appeals are answered.</summary>
    public bool WindowEnded { get; init; }

    /// <summary>The run employees and managers see now (<see cref="VisibleRuns.Visible"/>), or null.</summary>
    public RunFacts? Visible { get; init; }

    /// <summary>The provisional run (what an open period would show; the reference a publication is checked against).</summary>
    public RunFacts? Provisional { get; init; }

    public long? PublishedRunId { get; init; }

    public long? BasisRunId { get; init; }

    /// <summary>The period's runs, oldest first.</summary>
    public IReadOnlyList<RunFacts> Runs { get; init; } = [];

    public PublicationRequest? Request { get; init; }

    public DateTime? RequestedAt { get; init; }

    public DateTime? EvaluationStartedAt { get; init; }

    public DateTime? CalibrationStartedAt { get; init; }

    public DateTime? PublishedAt { get; init; }

    public string? PublishedBy { get; init; }

    public DateTime? ClosedAt { get; init; }

    public int OpenAppeals { get; init; }

    public IReadOnlyList<DeadlineExtension> Extensions { get; init; } = [];

    /// <summary>The stored row's version (0 for a period without a row: it is open and has never moved).</summary>
    public long Version { get; init; }

    /// <summary>As the rules see it.</summary>
    public PeriodFacts Facts => new(Period, State, Deadlines);
}

/// <summary>
/// Reads the plan periods of the cycle (docs/decisions/0019-evaluation-cycle.md): every period with a state row, a run,
/// targets (of a kind some plan's scorecards are assessed on) and the current period of each such kind; a period without a
/// row is open. Deadlines from the plan's <c>evaluation:</c> day counts and the company's working-day calendar.
/// </summary>
public sealed class PeriodCatalog(JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone)
{
    /// <summary>Every period of the cycle: the latest end first, then the shorter period first (2026-12, 2026-Q4, 2026-H2, 2026, 2026-11 …).</summary>
    public Task<IReadOnlyList<PeriodView>> ListAsync(CancellationToken ct = default) => LoadAsync(null, ct);

    /// <summary>One period (open and without runs when nothing is stored for it).</summary>
    public async Task<PeriodView> GetAsync(Period period, CancellationToken ct = default) => (await LoadAsync(period, ct).ConfigureAwait(false))[0];

    /// <summary>The state of a period (open when it has no row).</summary>
    public static async Task<PeriodState> StateOfAsync(JixiaoDbContext db, string period, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var state = await db.EvaluationPeriods.AsNoTracking().Where(p => p.Key == period).Select(p => p.State).SingleOrDefaultAsync(ct).ConfigureAwait(false);
        return Parse(state);
    }

    /// <summary>The state of every period with a row (the others are open).</summary>
    public static async Task<Dictionary<string, PeriodState>> StatesAsync(JixiaoDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.EvaluationPeriods.AsNoTracking().Select(p => new { p.Key, p.State }).ToListAsync(ct).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Key, r => Parse(r.State), StringComparer.Ordinal);
    }

    /// <summary>What the visibility rules need of a stored run.</summary>
    public static RunFacts Facts(CalculationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new RunFacts(run.Id, run.Status == RunStatus.Succeeded, run.Computed, run.Failed, run.Visibility);
    }

    internal static PeriodState Parse(string? state) => PeriodStates.TryParse(state, out var s) ? s : PeriodState.Open;

    private async Task<IReadOnlyList<PeriodView>> LoadAsync(Period? only, CancellationToken ct)
    {
        var key = only?.ToString();
        var rows = await (key is null ? db.EvaluationPeriods.AsNoTracking() : db.EvaluationPeriods.AsNoTracking().Where(p => p.Key == key))
            .ToDictionaryAsync(p => p.Key, StringComparer.Ordinal, ct).ConfigureAwait(false);
        var runs = (await (key is null ? db.Runs.AsNoTracking() : db.Runs.AsNoTracking().Where(r => r.Period == key))
                .Select(r => new { r.Id, r.Period, r.Status, r.Computed, r.Failed, r.Visibility }).ToListAsync(ct).ConfigureAwait(false))
            .GroupBy(r => r.Period, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Id).Select(r => new RunFacts(r.Id, r.Status == RunStatus.Succeeded, r.Computed, r.Failed, r.Visibility)).ToList(), StringComparer.Ordinal);
        var extensions = (await (key is null ? db.DeadlineExtensions.AsNoTracking() : db.DeadlineExtensions.AsNoTracking().Where(e => e.Period == key))
                .OrderBy(e => e.Id).ToListAsync(ct).ConfigureAwait(false))
            .ToLookup(e => e.Period, StringComparer.Ordinal);
        var appeals = (await (key is null ? db.Appeals.AsNoTracking() : db.Appeals.AsNoTracking().Where(a => a.Period == key))
                .Where(a => a.AnsweredAt == null).GroupBy(a => a.Period).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct).ConfigureAwait(false))
            .ToDictionary(a => a.Key, a => a.Count, StringComparer.Ordinal);
        var plans = await PlanVersions.ReadAsync(db, ct).ConfigureAwait(false);
        var calendar = await new CompanyCalendarService(db, time).CalendarAsync(ct).ConfigureAwait(false);
        var now = time.GetUtcNow();

        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (only is { } one)
        {
            keys.Add(one.ToString());
        }
        else
        {
            keys.UnionWith(rows.Keys);
            keys.UnionWith(runs.Keys);
            var kinds = plans.AssessedKinds();
            var targetPeriods = await db.Targets.AsNoTracking().Select(t => t.Period).Distinct().ToListAsync(ct).ConfigureAwait(false);
            keys.UnionWith(targetPeriods.Where(p => Period.TryParse(p, out var parsed) && kinds.Contains(parsed.Kind)));
            var today = zone.Today(time);
            keys.Add(Period.Containing(today, PeriodKind.Month).ToString());
            if (plans.Any)
            {
                keys.UnionWith(kinds.Select(k => Period.Containing(today, k).ToString()));
            }
        }

        var views = new List<PeriodView>();
        foreach (var k in keys)
        {
            if (!Period.TryParse(k, out var period) || period.ToString() != k)
            {
                continue;
            }

            var row = rows.GetValueOrDefault(k);
            var state = Parse(row?.State);
            var periodRuns = runs.GetValueOrDefault(k) ?? [];
            var settings = plans.SettingsFor(period);
            var stepExtensions = new Dictionary<EvaluationStep, DateOnly>();
            foreach (var e in extensions[k])
            {
                if (EvaluationSteps.TryParse(e.Step, out var step))
                {
                    stepExtensions[step] = e.Due;
                }
            }

            var deadlines = EvaluationDeadlines.Supports(period)
                ? EvaluationDeadlines.Compute(period, settings, calendar, stepExtensions, row?.PublishedOn, row?.ConfirmedOn)
                : null;
            var requested = row?.RequestedRunId is { } requestedId ? periodRuns.FirstOrDefault(r => r.Id == requestedId) : null;
            views.Add(new PeriodView
            {
                Key = k,
                Period = period,
                State = state,
                Deadlines = deadlines,
                Settings = settings,
                Overdue = deadlines is null ? [] : Overdue(state, deadlines, now),
                WindowEnded = state == PeriodState.Published && deadlines?.PublicationWindowEnd is { } end && EvaluationDeadlines.IsPast(end, now, zone.Zone),
                Visible = VisibleRuns.Visible(state, periodRuns),
                Provisional = VisibleRuns.Provisional(periodRuns),
                PublishedRunId = row?.PublishedRunId,
                BasisRunId = row?.BasisRunId,
                Runs = periodRuns,
                Request = requested is null ? null : new PublicationRequest(requested, row!.RequestedBy),
                RequestedAt = row?.RequestedAt,
                EvaluationStartedAt = row?.EvaluationStartedAt,
                CalibrationStartedAt = row?.CalibrationStartedAt,
                PublishedAt = row?.PublishedAt,
                PublishedBy = row?.PublishedBy,
                ClosedAt = row?.ClosedAt,
                OpenAppeals = appeals.GetValueOrDefault(k),
                Extensions = [.. extensions[k]],
                Version = row?.Version ?? 0,
            });
        }

        return [.. views.OrderByDescending(v => v.Period.End).ThenBy(v => v.Period.MonthCount)];
    }

    /// <summary>The evaluation steps (and, before evaluation started, those already due) whose deadline has passed.</summary>
    private List<EvaluationStep> Overdue(PeriodState state, EvaluationDeadlines deadlines, DateTimeOffset now)
    {
        var overdue = new List<EvaluationStep>();
        if (state > PeriodState.Evaluation)
        {
            return overdue;
        }

        foreach (var step in (EvaluationStep[])[EvaluationStep.SelfAssessment, EvaluationStep.ManagerScoring, EvaluationStep.Verification])
        {
            if (deadlines.Of(step) is { } due && EvaluationDeadlines.IsPast(due, now, zone.Zone))
            {
                overdue.Add(step);
            }
        }

        return overdue;
    }
}
