using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.CalculationRuns;

/// <summary>
/// One page of <see cref="RunComparison"/> computed in the database (issue 13: the calculation page at 100,000 people
/// never holds a whole run): the two runs are joined on the employee in SQL, only the people whose total, pay total or
/// grade differ (or who were added or removed) are counted, and only the page's rows are read. Same rows, values and
/// order as <see cref="RunComparison.ForRunAsync"/> (changed and added by employee id, then removed by employee id;
/// SQLite orders ids as ordinal UTF-8, as the comparison's ordinal order for ids without surrogate pairs). <c>Total</c>
/// counts the people who differ (the visible ones when a scope is given); <c>Changes</c> is the page.
/// </summary>
public sealed record RunComparisonPage(long RunId, long? PreviousRunId, int Total, IReadOnlyList<RunChange> Changes)
{
    /// <summary>
    /// Page <paramref name="page"/> (from 1) of <paramref name="pageSize"/> changes of run <paramref name="runId"/>;
    /// <paramref name="visible"/> limits them to those employees (null: everyone). Null when the run does not exist.
    /// </summary>
    public static async Task<RunComparisonPage?> ForRunAsync(
        JixiaoDbContext db, long runId, IReadOnlySet<string>? visible, int page, int pageSize, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct).ConfigureAwait(false);
        if (run is null)
        {
            return null;
        }

        var previous = await RunComparison.PreviousAsync(db, run, ct).ConfigureAwait(false);
        if (previous is not { } before)
        {
            return new RunComparisonPage(runId, null, 0, []);
        }

        var now = db.Results.AsNoTracking().Where(r => r.RunId == runId);
        var old = db.Results.AsNoTracking().Where(r => r.RunId == before);
        if (visible is not null)
        {
            var ids = visible.ToList();
            now = now.Where(r => EF.Parameter(ids).Contains(r.EmployeeId));
            old = old.Where(r => EF.Parameter(ids).Contains(r.EmployeeId));
        }

        // Changed or added: each result of the run with the previous run's result of the same person, if any.
        var differing =
            from r in now
            join o in old on r.EmployeeId equals o.EmployeeId into previousOnes
            from o in previousOnes.DefaultIfEmpty()
            where o == null || o.Total != r.Total || o.PayTotal != r.PayTotal || o.Grade != r.Grade
            select new { New = r, Old = o };
        var removed = old.Where(o => !now.Any(r => r.EmployeeId == o.EmployeeId));
        var differingCount = await differing.CountAsync(ct).ConfigureAwait(false);
        var removedCount = await removed.CountAsync(ct).ConfigureAwait(false);

        var skip = (long)(page - 1) * pageSize;
        var changes = new List<RunChange>(pageSize);
        if (skip < differingCount)
        {
            var rows = await differing.OrderBy(x => x.New.EmployeeId).Skip((int)skip).Take(pageSize).ToListAsync(ct).ConfigureAwait(false);
            changes.AddRange(rows.Select(x => x.Old is null
                ? new RunChange(x.New.EmployeeId, RunComparison.NameOf(x.New), x.New.OrgUnitId, ChangeKind.Added, null, x.New.Total, null, x.New.PayTotal, null, x.New.Grade)
                : new RunChange(x.New.EmployeeId, RunComparison.NameOf(x.New), x.New.OrgUnitId, ChangeKind.Changed, x.Old.Total, x.New.Total, x.Old.PayTotal, x.New.PayTotal, x.Old.Grade, x.New.Grade)));
        }

        if (changes.Count < pageSize && skip + changes.Count < differingCount + removedCount)
        {
            var from = (int)Math.Max(0, skip - differingCount);
            var rows = await removed.OrderBy(o => o.EmployeeId).Skip(from).Take(pageSize - changes.Count).ToListAsync(ct).ConfigureAwait(false);
            changes.AddRange(rows.Select(o => new RunChange(o.EmployeeId, RunComparison.NameOf(o), o.OrgUnitId, ChangeKind.Removed, o.Total, null, o.PayTotal, null, o.Grade, null)));
        }

        return new RunComparisonPage(runId, previous, differingCount + removedCount, changes);
    }
}
