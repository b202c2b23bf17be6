using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Audit;

/// <summary>
/// What to find in the audit log: the people a change may concern (<see cref="People"/>: one of them), the period, the action (exactly, or a family such as
/// <c>period</c> for every <c>period.*</c>), the user who did it, and a range of company dates (both ends included).
/// Null means any. <see cref="Employees"/> limits the entries to those concerning these people (an HR user covering one
/// unit); null: no limit.
/// </summary>
public sealed record AuditQuery(
    IReadOnlyCollection<string>? People = null, string? Period = null, string? Action = null, string? UserId = null,
    DateTime? FromUtc = null, DateTime? ToUtc = null, IReadOnlyCollection<string>? Employees = null);

/// <summary>
/// Searching the append-only audit log (docs/decisions/0023-notifications.md, section Audit search), newest first; the
/// indexes (employee, at), (period, at), (action, at) and (at) serve every filter.
/// </summary>
public sealed class AuditSearch(JixiaoDbContext db)
{
    /// <summary>The most entries one export holds (the newest); a larger result is cut and says so.</summary>
    public const int ExportMax = 100_000;

    /// <summary>One page of the entries matching <paramref name="query"/>, newest first, and how many match in all.</summary>
    public async Task<(List<AuditEntry> Rows, int Total)> PageAsync(AuditQuery query, int page, int size, CancellationToken ct = default)
    {
        var matching = Filter(query);
        var total = await matching.CountAsync(ct).ConfigureAwait(false);
        var rows = await matching.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Skip((Math.Max(1, page) - 1) * size).Take(size)
            .ToListAsync(ct).ConfigureAwait(false);
        return (rows, total);
    }

    /// <summary>The newest <paramref name="max"/> entries matching <paramref name="query"/>, newest first, and whether there were more.</summary>
    public async Task<(List<AuditEntry> Rows, bool Cut)> ExportAsync(AuditQuery query, int max = ExportMax, CancellationToken ct = default)
    {
        var rows = await Filter(query).OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(max + 1).ToListAsync(ct).ConfigureAwait(false);
        var cut = rows.Count > max;
        if (cut)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return (rows, cut);
    }

    private IQueryable<AuditEntry> Filter(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = db.AuditLog.AsNoTracking();
        if (query.Employees is { } only)
        {
            var ids = only.ToList();
            rows = rows.Where(a => a.EmployeeId != null && ids.Contains(a.EmployeeId));
        }

        if (query.People is { } people)
        {
            var ids = people.ToList();
            rows = rows.Where(a => a.EmployeeId != null && ids.Contains(a.EmployeeId));
        }

        if (query.Period is { } period)
        {
            rows = rows.Where(a => a.Period == period);
        }

        if (query.Action is { } action)
        {
            var family = action + ".";
            rows = rows.Where(a => a.Action == action || a.Action.StartsWith(family));
        }

        if (query.UserId is { } user)
        {
            rows = rows.Where(a => a.UserId == user);
        }

        if (query.FromUtc is { } from)
        {
            rows = rows.Where(a => a.At >= from);
        }

        if (query.ToUtc is { } to)
        {
            rows = rows.Where(a => a.At < to);
        }

        return rows;
    }
}
