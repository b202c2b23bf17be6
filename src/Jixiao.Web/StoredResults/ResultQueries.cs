using System.Globalization;
using System.Text.Json;
using Jixiao.Application.Access;
using Jixiao.Application.Calendar;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Evaluations;
using Jixiao.Application.Organisation;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Explanations;
using Jixiao.Domain.Periods;
using Jixiao.Web.Api;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.StoredResults;

/// <summary>A calculation run, as the read paths need it (no error list).</summary>
public sealed record RunRef(long Id, string Period, DateTime StartedAt);

/// <summary>
/// The periods people can pick (months first, newest first), the run people see in each (docs/decisions/0019: the
/// provisional run of an open period, the published run once published, none in evaluation or calibration, never a
/// draft otherwise) and each period's state.
/// </summary>
public sealed record RunIndex(IReadOnlyList<string> Periods, IReadOnlyDictionary<string, RunRef> Latest, IReadOnlyDictionary<string, PeriodState> States)
{
    public RunIndex(IReadOnlyList<string> periods, IReadOnlyDictionary<string, RunRef> latest)
        : this(periods, latest, new Dictionary<string, PeriodState>(StringComparer.Ordinal))
    {
    }

    /// <summary>The run people see of <paramref name="period"/>, or null.</summary>
    public RunRef? LatestOf(string? period) => period is not null && Latest.TryGetValue(period, out var run) ? run : null;

    /// <summary>The state of <paramref name="period"/> (open when it never moved).</summary>
    public PeriodState StateOf(string? period) => period is not null && States.TryGetValue(period, out var state) ? state : PeriodState.Open;
}

/// <summary>
/// Stored results and explanations, read for a principal's <see cref="AccessScope"/>: used by the
/// /api/v1/results endpoints and by the 我的绩效 and 团队 pages, so both see exactly the same people.
/// </summary>
public static class ResultQueries
{
    /// <summary>Roles that open the 团队 page (what they see is still their <see cref="AccessScope"/>).</summary>
    public const string TeamRoles = Auth.Roles.Supervisor + "," + Auth.Roles.Manager + "," + Auth.Roles.Hr + "," + Auth.Roles.Admin;

    /// <summary>The sort keys of the result lists (<c>ListAsync</c>) (prefix "-" for descending).</summary>
    public static readonly string[] Sorts = ["employee", "name", "unit", "total", "grade", "coefficient", "pay", "status"];

    /// <summary>The latest succeeded run of a period.</summary>
    public static Task<CalculationRun?> LatestRunAsync(JixiaoDbContext db, string period, CancellationToken ct) =>
        db.Runs.AsNoTracking().Where(r => r.Period == period && r.Status == RunStatus.Succeeded).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);

    /// <summary>Periods with a succeeded run, months first, newest first, then the longer periods.</summary>
    public static async Task<IReadOnlyList<string>> CalculatedPeriodsAsync(JixiaoDbContext db, CancellationToken ct)
    {
        var periods = await db.Runs.AsNoTracking().Where(r => r.Status == RunStatus.Succeeded).Select(r => r.Period).Distinct().ToListAsync(ct);
        return SortPeriods(periods);
    }

    private static IReadOnlyList<string> SortPeriods(IEnumerable<string> periods) =>
        // Months first (newest first), then quarters, halves and years ("2026-Q3" would sort above "2026-10" as text).
        [.. periods.OrderBy(p => Period.TryParse(p, out var parsed) ? (int)parsed.Kind : int.MaxValue).ThenByDescending(p => p, StringComparer.Ordinal)];

    private sealed record RunRow(long Id, string Period, DateTime StartedAt, RunStatus Status, int Computed, int Failed, RunVisibility Visibility);

    private static readonly Func<JixiaoDbContext, IAsyncEnumerable<RunRow>> AllRuns = EF.CompileAsyncQuery((JixiaoDbContext db) =>
        db.Runs.AsNoTracking().Select(r => new RunRow(r.Id, r.Period, r.StartedAt, r.Status, r.Computed, r.Failed, r.Visibility)));

    /// <summary>
    /// The periods people can pick and the run they see in each (<see cref="RunIndex"/>), read in two small queries (one
    /// row per run, one per period that moved): what a page needs before it reads any result. A period is listed when it
    /// has a run people see, or when it is in evaluation or calibration (its page then says the results are not published).
    /// </summary>
    public static async Task<RunIndex> RunIndexAsync(JixiaoDbContext db, CancellationToken ct)
    {
        var runs = new Dictionary<string, List<RunRow>>(StringComparer.Ordinal);
        await foreach (var run in AllRuns(db).WithCancellation(ct))
        {
            if (!runs.TryGetValue(run.Period, out var list))
            {
                runs[run.Period] = list = [];
            }

            list.Add(run);
        }

        var states = await PeriodCatalog.StatesAsync(db, ct);
        var latest = new Dictionary<string, RunRef>(StringComparer.Ordinal);
        var periods = new List<string>();
        foreach (var (period, list) in runs)
        {
            var state = states.GetValueOrDefault(period);
            var visible = VisibleRuns.Visible(state, list.Select(r => new RunFacts(r.Id, r.Status == RunStatus.Succeeded, r.Computed, r.Failed, r.Visibility)));
            if (visible is not null)
            {
                var row = list.First(r => r.Id == visible.Id);
                latest[period] = new RunRef(row.Id, row.Period, row.StartedAt);
                periods.Add(period);
            }
            else if (state is PeriodState.Evaluation or PeriodState.Calibration)
            {
                periods.Add(period);
            }
        }

        return new RunIndex(SortPeriods(periods), latest, states);
    }

    /// <summary>
    /// The periods of <paramref name="runs"/> in which <paramref name="employee"/> has a result in the run people see, or,
    /// for a period in evaluation or calibration (no run shown), in one of its succeeded runs; in the index's order. A
    /// manager scored quarterly gets the quarters, a salesperson scored monthly the months.
    /// </summary>
    public static async Task<IReadOnlyList<string>> PeriodsOfAsync(JixiaoDbContext db, RunIndex runs, string employee, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(runs);
        var periodOfRun = runs.Latest.Values.ToDictionary(r => r.Id, r => r.Period);
        var hidden = runs.Periods.Where(p => runs.LatestOf(p) is null).ToList();
        if (hidden.Count > 0)
        {
            var hiddenRuns = await db.Runs.AsNoTracking().Where(r => hidden.Contains(r.Period) && r.Status == RunStatus.Succeeded)
                .Select(r => new { r.Id, r.Period }).ToListAsync(ct);
            foreach (var run in hiddenRuns)
            {
                periodOfRun[run.Id] = run.Period;
            }
        }

        var ids = periodOfRun.Keys.ToList();
        // One lookup per run on the (run, employee) index.
        var withResult = await db.Results.AsNoTracking().Where(r => ids.Contains(r.RunId) && r.EmployeeId == employee).Select(r => r.RunId).ToListAsync(ct);
        var periods = withResult.Select(id => periodOfRun[id]).ToHashSet(StringComparer.Ordinal);
        return [.. runs.Periods.Where(periods.Contains)];
    }

    /// <summary>The latest calculated month, or the latest calculated period of any kind, or null.</summary>
    public static string? DefaultPeriod(IReadOnlyList<string> periods) =>
        periods.FirstOrDefault(p => Period.TryParse(p, out var parsed) && parsed.Kind == PeriodKind.Month) ?? (periods.Count > 0 ? periods[0] : null);

    /// <summary>One stored result as the API returns it.</summary>
    public static ResultDto Dto(PersonResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var details = JsonSerializer.Deserialize<ResultDetails>(r.DetailsJson);
        return new ResultDto(r.EmployeeId, details?.Name ?? r.EmployeeId, r.OrgUnitId, r.Scorecard, r.Total, r.Grade, r.Coefficient, r.PayTotal,
            details?.Indicators ?? [], details?.Pay ?? [], details?.Projection);
    }

    /// <summary>One person's result in a run, or null when missing or outside the scope.</summary>
    public static async Task<ResultDto?> OneAsync(JixiaoDbContext db, AccessScope scope, long runId, string employee, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.Kind == ScopeKind.None)
        {
            return null;
        }

        // Scoped by the unit stored with the result (the org at the time), not by today's chart.
        var row = await db.Results.AsNoTracking().SingleOrDefaultAsync(r => r.RunId == runId && r.EmployeeId == employee, ct);
        return row is null || !scope.CanSeeResult(row.EmployeeId, row.OrgUnitId) ? null : Dto(row);
    }

    private static readonly Func<JixiaoDbContext, long, string, CancellationToken, Task<PersonResult?>> OneRow = EF.CompileAsyncQuery(
        (JixiaoDbContext db, long runId, string employee, CancellationToken ct) => db.Results.AsNoTracking().SingleOrDefault(r => r.RunId == runId && r.EmployeeId == employee));

    /// <summary>
    /// One person's result in a run, or null when missing or outside the scope; the parsed result is kept in
    /// <paramref name="cache"/> (a run's results never change). The scope is checked on every call, cached or not.
    /// </summary>
    public static async Task<ResultDto?> OneAsync(JixiaoDbContext db, ResultCache cache, AccessScope scope, RunRef run, string employee, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(run);
        if (scope.Kind == ScopeKind.None)
        {
            return null;
        }

        var result = await OwnAsync(db, cache, run, employee, ct);

        // Scoped by the unit stored with the result (the org at the time), not by today's chart.
        return result is null || !scope.CanSeeResult(result.EmployeeId, result.OrgUnitId) ? null : result;
    }

    /// <summary>
    /// The linked person's own result in a run (always visible to them), or null; kept in <paramref name="cache"/>.
    /// Callers that show someone else's result use <see cref="OneAsync(JixiaoDbContext, ResultCache, AccessScope, RunRef, string, CancellationToken)"/>.
    /// </summary>
    public static async Task<ResultDto?> OwnAsync(JixiaoDbContext db, ResultCache cache, RunRef run, string employee, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(run);
        if (!cache.TryGet(run, employee, out var result))
        {
            var row = await OneRow(db, run.Id, employee, ct);
            result = row is null ? null : Dto(row);
            cache.Set(run, employee, result);
        }

        return result;
    }

    private static readonly Func<JixiaoDbContext, long, string, IAsyncEnumerable<decimal>> UnitTotals = EF.CompileAsyncQuery(
        (JixiaoDbContext db, long runId, string unit) => db.Results.AsNoTracking().Where(r => r.RunId == runId && r.OrgUnitId == unit).Select(r => r.Total));

    /// <summary>As <see cref="RankInUnitAsync(JixiaoDbContext, long, ResultDto, CancellationToken)"/>, with the unit's totals kept in <paramref name="cache"/>.</summary>
    public static async Task<(int Rank, int Of)> RankInUnitAsync(JixiaoDbContext db, ResultCache cache, RunRef run, ResultDto person, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(person);
        if (!cache.TryGetTotals(run, person.OrgUnitId, out var totals))
        {
            var list = new List<decimal>();
            await foreach (var t in UnitTotals(db, run.Id, person.OrgUnitId).WithCancellation(ct))
            {
                list.Add(t);
            }

            totals = [.. list];
            cache.SetTotals(run, person.OrgUnitId, totals);
        }

        return (totals!.Count(t => t > person.Total) + 1, totals!.Length);
    }

    /// <summary>
    /// Rank by total within the person's org unit in the run (1 = best; ties share a rank) and the unit's size.
    /// Only the position is returned, never other people's numbers.
    /// </summary>
    public static async Task<(int Rank, int Of)> RankInUnitAsync(JixiaoDbContext db, long runId, ResultDto person, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(person);
        var totals = await db.Results.AsNoTracking().Where(r => r.RunId == runId && r.OrgUnitId == person.OrgUnitId).Select(r => r.Total).ToListAsync(ct);
        return (totals.Count(t => t > person.Total) + 1, totals.Count);
    }

    /// <summary>
    /// The visible results of a run, filtered (unit subtree, id or name contains q), sorted and paged in the database:
    /// only the page's rows are read and deserialised. Sort keys: every column of the 团队 table.
    /// </summary>
    /// <remarks>
    /// Decimal columns are ordered as REAL on SQLite (which stores decimals as text and cannot order them); distinct
    /// money and point values of up to 15 significant digits keep their order. Name sorting and searching use the
    /// employee's stored name. "status" (behind target, which depends on every indicator's achievement) is the one
    /// key ordered in memory, over the filtered rows.
    /// </remarks>
    public static Task<Page<ResultDto>> ListAsync(
        JixiaoDbContext db, AccessScope scope, long runId, string? unit, string? q, string? sort, int pageNumber, int size, CancellationToken ct) =>
        ListCoreAsync(db, scope, runId, null, null, unit, q, sort, pageNumber, size, ct);

    /// <summary>
    /// As <see cref="ListAsync(JixiaoDbContext, AccessScope, long, string?, string?, string?, int, int, CancellationToken)"/>,
    /// with the page's parsed results kept in <paramref name="cache"/>: the database sorts and pages the visible
    /// (employee, unit) keys and only results not yet cached are read and parsed.
    /// </summary>
    public static Task<Page<ResultDto>> ListAsync(
        JixiaoDbContext db, ResultCache cache, AccessScope scope, RunRef run, string? unit, string? q, string? sort, int pageNumber, int size, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(run);
        return ListCoreAsync(db, scope, run.Id, run, cache, unit, q, sort, pageNumber, size, ct);
    }

    private static async Task<Page<ResultDto>> ListCoreAsync(
        JixiaoDbContext db, AccessScope scope, long runId, RunRef? run, ResultCache? cache, string? unit, string? q, string? sort, int pageNumber, int size, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(scope);
        var key = (sort ?? "employee").TrimStart('-');
        var descending = sort?.StartsWith('-') == true;
        if (scope.Kind == ScopeKind.None)
        {
            return new Page<ResultDto>([], 0, pageNumber, size);
        }

        var sqlite = db.Database.ProviderName?.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) == true;
        if (cache is not null && run is not null && sqlite && key == "employee" && scope.Kind == ScopeKind.Subtree
            && string.IsNullOrWhiteSpace(q) && string.IsNullOrWhiteSpace(unit))
        {
            return await ByEmployeeFromCacheAsync(db, cache, scope, run, descending, pageNumber, size, ct);
        }

        var results = db.Results.AsNoTracking().Where(r => r.RunId == runId);
        if (scope.Kind != ScopeKind.Everyone)
        {
            // The org at the time (docs/transfers.md): own results plus those recorded in a managed unit. The ids come
            // from two index probes, (RunId, OrgUnitId) for the managed units (one JSON-array parameter: json_each /
            // jsonb) and (RunId, EmployeeId) for the own result, joined by UNION; the rows are then read by primary key.
            // (The same filter written as "EmployeeId = self OR OrgUnitId IN (…)" made SQLite scan every result of the
            // run: ~70 ms of CPU per request at 100,000 people.)
            var self = scope.Self ?? "";
            var managed = scope.Units.ToArray();
            var ids = db.Results.Where(r => r.RunId == runId && EF.Parameter(managed).Contains(r.OrgUnitId)).Select(r => r.Id)
                .Union(db.Results.Where(r => r.RunId == runId && r.EmployeeId == self).Select(r => r.Id));
            results = db.Results.AsNoTracking().Where(r => ids.Contains(r.Id));
        }

        if (!string.IsNullOrWhiteSpace(unit))
        {
            var units = (await OrgService.SubtreeAsync(db, unit, ct)).ToArray();
            results = results.Where(r => EF.Parameter(units).Contains(r.OrgUnitId));
        }

        // The people's names only when searched or sorted by: the join (at most one employee per result, so the count is
        // the same without it) made the whole company's first page count and sort every result of the run through it
        // (32 ms of CPU per request at 100,000 people on SQLite) instead of reading the (RunId, EmployeeId) index.
        var named = !string.IsNullOrWhiteSpace(q) || key == "name" || key == "status";
        var rows = named
            ? from r in results
              join e in db.Employees on r.EmployeeId equals e.Id into people
              from e in people.DefaultIfEmpty()
              select new Row { Result = r, Name = e == null ? r.EmployeeId : e.Name }
            : results.Select(r => new Row { Result = r, Name = r.EmployeeId });
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToUpperInvariant();
            // Translated to SQL upper(...) and instr/strpos: case-insensitive for Latin letters on both providers.
#pragma warning disable CA1304, CA1311, CA1862
            rows = rows.Where(x => x.Result.EmployeeId.ToUpper().Contains(term) || x.Name.ToUpper().Contains(term));
#pragma warning restore CA1304, CA1311, CA1862
        }

        if (key == "status")
        {
            var keys = await rows.Select(x => new Hit { EmployeeId = x.Result.EmployeeId, OrgUnitId = x.Result.OrgUnitId }).ToListAsync(ct);
            var all = await DtosAsync(db, cache, scope, runId, run, keys, ct);
            var byStatus = descending
                ? all.OrderByDescending(IsBehind).ThenBy(r => r.EmployeeId, StringComparer.Ordinal)
                : all.OrderBy(IsBehind).ThenBy(r => r.EmployeeId, StringComparer.Ordinal);
            var list = byStatus.ToList();
            return new Page<ResultDto>([.. list.Skip((pageNumber - 1) * size).Take(size)], list.Count, pageNumber, size);
        }

        var total = await rows.CountAsync(ct);
        var ordered = Order(rows, key, descending, sqlite).ThenBy(x => x.Result.EmployeeId);
        var paged = ordered.Skip((pageNumber - 1) * size).Take(size);
        if (cache is null || run is null)
        {
            var page = await paged.Select(x => x.Result).ToListAsync(ct);
            // Checked per record as well (ADR 0006): a mistake in the SQL narrowing could never show someone outside the scope.
            return new Page<ResultDto>([.. page.Where(r => scope.CanSeeResult(r.EmployeeId, r.OrgUnitId)).Select(Dto)], total, pageNumber, size);
        }

        var pageKeys = await paged.Select(x => new Hit { EmployeeId = x.Result.EmployeeId, OrgUnitId = x.Result.OrgUnitId }).ToListAsync(ct);
        return new Page<ResultDto>(await DtosAsync(db, cache, scope, runId, run, pageKeys, ct), total, pageNumber, size);
    }

    /// <summary>
    /// A manager's first view (sorted by employee id, no search) from the run's unit membership, which never changes:
    /// the people recorded in each managed unit (read once per unit and run, then cached) plus the own result, ordered
    /// by id as SQLite orders them (binary, i.e. ordinal), paged, and only the page's results parsed (cached too). Same
    /// rows, count and order as the SQL path; every record is still checked against the scope.
    /// </summary>
    private static async Task<Page<ResultDto>> ByEmployeeFromCacheAsync(
        JixiaoDbContext db, ResultCache cache, AccessScope scope, RunRef run, bool descending, int pageNumber, int size, CancellationToken ct)
    {
        var unitOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var u in scope.Units)
        {
            if (cache.TryGetMembers(run, u, out var members))
            {
                foreach (var e in members!)
                {
                    unitOf[e] = u;
                }
            }
            else
            {
                missing.Add(u);
            }
        }

        if (missing.Count > 0)
        {
            var units = missing.ToArray();
            var read = await db.Results.AsNoTracking().Where(r => r.RunId == run.Id && EF.Parameter(units).Contains(r.OrgUnitId))
                .Select(r => new Hit { EmployeeId = r.EmployeeId, OrgUnitId = r.OrgUnitId }).ToListAsync(ct);
            var byUnit = read.ToLookup(h => h.OrgUnitId, StringComparer.Ordinal);
            foreach (var u in missing)
            {
                var members = byUnit[u].Select(h => h.EmployeeId).ToArray();
                cache.SetMembers(run, u, members);
                foreach (var e in members)
                {
                    unitOf[e] = u;
                }
            }
        }

        // The own result is visible wherever it was recorded.
        if (scope.Self is { } self && !unitOf.ContainsKey(self) && await OwnAsync(db, cache, run, self, ct) is { } own)
        {
            unitOf[self] = own.OrgUnitId;
        }

        var ids = descending ? unitOf.Keys.OrderDescending(StringComparer.Ordinal) : unitOf.Keys.Order(StringComparer.Ordinal);
        var keys = ids.Skip((pageNumber - 1) * size).Take(size).Select(e => new Hit { EmployeeId = e, OrgUnitId = unitOf[e] }).ToList();
        return new Page<ResultDto>(await DtosAsync(db, cache, scope, run.Id, run, keys, ct), unitOf.Count, pageNumber, size);
    }

    /// <summary>
    /// The parsed results of <paramref name="keys"/> in their order, each checked against the scope (ADR 0006: a mistake
    /// in the SQL narrowing could never show someone outside it); taken from the cache when there, the rest read in one query.
    /// </summary>
    private static async Task<List<ResultDto>> DtosAsync(
        JixiaoDbContext db, ResultCache? cache, AccessScope scope, long runId, RunRef? run, List<Hit> keys, CancellationToken ct)
    {
        var visible = keys.Where(k => scope.CanSeeResult(k.EmployeeId, k.OrgUnitId)).ToList();
        var found = new Dictionary<string, ResultDto?>(visible.Count, StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var k in visible)
        {
            if (cache is not null && run is not null && cache.TryGet(run, k.EmployeeId, out var cached))
            {
                found[k.EmployeeId] = cached;
            }
            else
            {
                missing.Add(k.EmployeeId);
            }
        }

        if (missing.Count > 0)
        {
            var ids = missing.ToArray();
            foreach (var row in await db.Results.AsNoTracking().Where(r => r.RunId == runId && EF.Parameter(ids).Contains(r.EmployeeId)).ToListAsync(ct))
            {
                var dto = Dto(row);
                found[row.EmployeeId] = dto;
                if (cache is not null && run is not null)
                {
                    cache.Set(run, row.EmployeeId, dto);
                }
            }
        }

        return [.. visible.Select(k => found.GetValueOrDefault(k.EmployeeId)).OfType<ResultDto>()];
    }

    /// <summary>Behind target: total below 70, or any indicator's achievement below 60% (the 团队 page's highlight).</summary>
    public static bool IsBehind(ResultDto r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return r.Total < 70m || r.Indicators.Any(i => i.Achievement < 0.6m);
    }

    private static IOrderedQueryable<Row> Order(IQueryable<Row> rows, string key, bool descending, bool sqlite)
    {
        IOrderedQueryable<Row> By<TKey>(System.Linq.Expressions.Expression<Func<Row, TKey>> k) => descending ? rows.OrderByDescending(k) : rows.OrderBy(k);
        IOrderedQueryable<Row> Then<TKey>(IOrderedQueryable<Row> o, System.Linq.Expressions.Expression<Func<Row, TKey>> k) => descending ? o.ThenByDescending(k) : o.ThenBy(k);

        // Missing grades and coefficients come first ascending (last descending) on both providers.
        return key switch
        {
            "name" => By(x => x.Name),
            "unit" => By(x => x.Result.OrgUnitId),
            "total" => sqlite ? By(x => (double)x.Result.Total) : By(x => x.Result.Total),
            "pay" => sqlite ? By(x => (double)x.Result.PayTotal) : By(x => x.Result.PayTotal),
            "grade" => Then(By(x => x.Result.Grade == null ? 0 : 1), x => x.Result.Grade),
            "coefficient" => sqlite
                ? Then(By(x => x.Result.Coefficient == null ? 0 : 1), x => (double?)x.Result.Coefficient)
                : Then(By(x => x.Result.Coefficient == null ? 0 : 1), x => x.Result.Coefficient),
            _ => By(x => x.Result.EmployeeId),
        };
    }

    private sealed class Hit
    {
        public required string EmployeeId { get; init; }

        public required string OrgUnitId { get; init; }
    }

    private sealed class Row
    {
        public required PersonResult Result { get; init; }

        public required string Name { get; init; }
    }

    /// <summary>
    /// The explanation tree of one person for a period, recomputed by the engine from that person's rows only
    /// (<see cref="CalculationService.ExplainAsync(Period, string, DateOnly?, CancellationToken)"/>) as of the run people
    /// see, or null when not visible, missing, or when people see no run of the period (a draft is never explained);
    /// without rating comments when the scope may not read them. The API and the 我的绩效 and team member pages all
    /// read explanations here.
    /// </summary>
    public static async Task<ExplanationDto?> ExplainAsync(
        JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, AccessScope scope, string employee, Period period, CultureInfo culture, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(zone);
        var run = (await RunIndexAsync(db, ct)).LatestOf(period.ToString());
        if (run is null || !await CanSeePeriodAsync(db, scope, employee, period.ToString(), ct))
        {
            return null;
        }

        var root = await new CalculationService(db, time, zone).ExplainAsync(period, employee, zone.Date(run.StartedAt), ct);
        if (root is not null && !scope.SeesRatingComments)
        {
            // Finance and API tokens never read rating comments (docs/decisions/0006), here as in the ratings endpoints.
            root.RemoveComments();
        }

        return root is null ? null : Explain(root, culture);
    }

    /// <summary>
    /// Whether <paramref name="employee"/>'s numbers for <paramref name="period"/> are visible: by the unit stored with
    /// their result in the run people see of the period; a period without one falls back to today's scope.
    /// </summary>
    public static async Task<bool> CanSeePeriodAsync(JixiaoDbContext db, AccessScope scope, string employee, string period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.Kind == ScopeKind.Everyone)
        {
            return true;
        }

        var run = (await RunIndexAsync(db, ct)).LatestOf(period);
        var unit = run is null ? null
            : await db.Results.AsNoTracking().Where(r => r.RunId == run.Id && r.EmployeeId == employee).Select(r => r.OrgUnitId).SingleOrDefaultAsync(ct);
        return unit is null ? scope.CanSee(employee) : scope.CanSeeResult(employee, unit);
    }

    private static ExplanationDto Explain(Explanation node, CultureInfo culture) =>
        new(node.Kind.ToString().ToLowerInvariant(), node.Label, node.Value, ExplanationText.Detail(node, culture),
            node.Sources, node.SourceCount, [.. node.Children.Select(c => Explain(c, culture))]);
}
