using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Persistence;
using Jixiao.Web.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Jixiao.Web.StoredResults;

/// <summary>
/// In-memory copies of what a stored calculation run holds (ADR 0010, "Round 2"): a run's results are written once,
/// with the run, and never changed, so a person's parsed result and a unit's totals in a run stay valid for as long as
/// the run exists. Keys carry the run's id and its start time, so a run id reused by a recreated database never
/// matches an old entry. Nothing derived from mutable data (org scope, which run is the latest of a period,
/// accounts) is cached here. Bounded: at most <see cref="Capacity"/> entries, least recently used dropped first.
/// One per web instance (a singleton); several instances each keep their own copy of the same immutable rows.
/// </summary>
public sealed class ResultCache : IDisposable
{
    /// <summary>Entries kept at most (a person's result counts 1, a unit's totals 1).</summary>
    public const int Capacity = 200_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Capacity, CompactionPercentage = 0.2 });

    private sealed record PersonKey(long RunId, long Started, string EmployeeId);

    private sealed record UnitKey(long RunId, long Started, string OrgUnitId);

    /// <summary>A person's result in a run, parsed (the record of <see cref="ResultDto"/> and its lists are not changed by callers).</summary>
    public bool TryGet(RunRef run, string employeeId, out ResultDto? result)
    {
        ArgumentNullException.ThrowIfNull(run);
        return _cache.TryGetValue(new PersonKey(run.Id, run.StartedAt.Ticks, employeeId), out result);
    }

    /// <summary>Remembers a person's parsed result in a run (null: the run has no result for them).</summary>
    public void Set(RunRef run, string employeeId, ResultDto? result)
    {
        ArgumentNullException.ThrowIfNull(run);
        _cache.Set(new PersonKey(run.Id, run.StartedAt.Ticks, employeeId), result, new MemoryCacheEntryOptions { Size = 1 });
    }

    /// <summary>The totals of everyone recorded in a unit in a run, if cached.</summary>
    public bool TryGetTotals(RunRef run, string orgUnitId, out decimal[]? totals)
    {
        ArgumentNullException.ThrowIfNull(run);
        return _cache.TryGetValue(new UnitKey(run.Id, run.StartedAt.Ticks, orgUnitId), out totals);
    }

    /// <summary>Remembers the totals of a unit in a run.</summary>
    public void SetTotals(RunRef run, string orgUnitId, decimal[] totals)
    {
        ArgumentNullException.ThrowIfNull(run);
        _cache.Set(new UnitKey(run.Id, run.StartedAt.Ticks, orgUnitId), totals, new MemoryCacheEntryOptions { Size = 1 });
    }

    private sealed record MembersKey(long RunId, long Started, string OrgUnitId);

    /// <summary>The employees whose result in a run is recorded in a unit, if cached.</summary>
    public bool TryGetMembers(RunRef run, string orgUnitId, out string[]? employees)
    {
        ArgumentNullException.ThrowIfNull(run);
        return _cache.TryGetValue(new MembersKey(run.Id, run.StartedAt.Ticks, orgUnitId), out employees);
    }

    /// <summary>Remembers the employees recorded in a unit in a run.</summary>
    public void SetMembers(RunRef run, string orgUnitId, string[] employees)
    {
        ArgumentNullException.ThrowIfNull(run);
        _cache.Set(new MembersKey(run.Id, run.StartedAt.Ticks, orgUnitId), employees, new MemoryCacheEntryOptions { Size = 1 });
    }

    private sealed record RunTotalsKey(long RunId, long Started);

    /// <summary>
    /// The headline figures of a finished run (<see cref="RunTotals"/>: the 计算 page's KPI line and
    /// <c>GET /api/v1/runs/{id}/totals</c>), computed once per run: at 100,000 people the count and sums read every result
    /// of the run (~400 ms of CPU on SQLite), and a stored run's results never change. A run still being stored is not
    /// cached. Null when the run does not exist.
    /// </summary>
    public async Task<RunTotals?> RunTotalsAsync(JixiaoDbContext db, long runId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var run = await db.Runs.AsNoTracking().Where(r => r.Id == runId).Select(r => new { r.StartedAt, r.Status }).SingleOrDefaultAsync(ct);
        if (run is null)
        {
            return null;
        }

        var key = new RunTotalsKey(runId, run.StartedAt.Ticks);
        if (_cache.TryGetValue(key, out RunTotals? cached) && cached is not null)
        {
            return cached;
        }

        var totals = await RunTotals.ForRunAsync(db, runId, ct);
        if (run.Status != RunStatus.Running)
        {
            _cache.Set(key, totals, new MemoryCacheEntryOptions { Size = 1 });
        }

        return totals;
    }

    public void Dispose() => _cache.Dispose();
}
