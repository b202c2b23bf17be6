using Jixiao.Application.Access;
using Jixiao.Application.Datasets;
using Jixiao.Application.Excel;
using Jixiao.Application.Organisation;
using Jixiao.Application.Persistence;
using Jixiao.Web.Api;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Organisation;

/// <summary>One person as the 人员 page and its Excel export list them (as assigned today).</summary>
public sealed record PersonRow(
    string Id,
    string Name,
    string? OrgUnitId,
    string? UnitName,
    string? ManagerId,
    string? Position,
    string? Category,
    string? Level,
    string? Tier,
    DateOnly HireDate,
    DateOnly? ProbationEnd,
    DateOnly? LeaveDate,
    long Version);

/// <summary>An org unit with its manager and head counts (people assigned today: in the unit, and with every unit below).</summary>
public sealed record UnitRow(string Id, string Name, string? ParentId, string? ManagerId, string? ManagerName, int Depth, int Direct, int Total, long Version, string? LatestManagerId = null);

/// <summary>
/// The people list (filter by unit subtree, position, id or name; sort; page) and the org tree with head counts,
/// read for a principal's <see cref="AccessScope"/>: used by the /people and /org pages and the people export.
/// </summary>
public static class PeopleQueries
{
    /// <summary>Roles that open the 组织架构 and 人员 pages and may change the organisation.</summary>
    public const string Roles = Auth.Roles.Hr + "," + Auth.Roles.Admin;

    /// <summary>Sort keys of <see cref="ListAsync"/> ("-" prefix: descending).</summary>
    public static readonly string[] Sorts = ["id", "name", "unit", "position", "hire"];

    /// <summary>The visible people matching the filters, sorted (all of them; the caller pages).</summary>
    public static async Task<List<PersonRow>> FilterAsync(
        JixiaoDbContext db, AccessScope scope, DateOnly today, string? unit, string? position, string? q, string? sort, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var query = db.Employees.AsNoTracking().Include(e => e.Assignments).AsQueryable();
        if (scope.Kind != ScopeKind.Everyone)
        {
            var visible = scope.Employees.ToList();
            query = query.Where(e => visible.Contains(e.Id));
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            query = query.Where(e => e.Id.Contains(term) || e.Name.Contains(term));
        }

        var names = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, StringComparer.Ordinal, ct);
        IEnumerable<PersonRow> rows = (await query.ToListAsync(ct)).Select(e =>
        {
            var a = DatasetBuilder.Current(e.Assignments, today);
            return new PersonRow(e.Id, e.Name, a?.OrgUnitId, a is null ? null : names.GetValueOrDefault(a.OrgUnitId), a?.ManagerId, a?.Position, a?.Category, a?.Level, a?.Tier,
                e.HireDate, e.ProbationEnd, e.LeaveDate, e.Version);
        });
        if (!string.IsNullOrWhiteSpace(unit))
        {
            var units = await OrgService.SubtreeAsync(db, unit, ct);
            rows = rows.Where(r => r.OrgUnitId is not null && units.Contains(r.OrgUnitId));
        }

        if (!string.IsNullOrWhiteSpace(position))
        {
            rows = rows.Where(r => r.Position == position);
        }

        // Checked per record as well: nothing outside the scope, whatever the filters.
        rows = scope.Filter(rows, r => r.Id);
        var key = (sort ?? "id").TrimStart('-');
        var descending = sort?.StartsWith('-') == true;
        Func<PersonRow, string> by = key switch
        {
            "name" => r => r.Name,
            "unit" => r => r.OrgUnitId ?? "",
            "position" => r => r.Position ?? "",
            "hire" => r => r.HireDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            _ => r => r.Id,
        };
        var ordered = descending ? rows.OrderByDescending(by, StringComparer.Ordinal) : rows.OrderBy(by, StringComparer.Ordinal);
        return [.. ordered.ThenBy(r => r.Id, StringComparer.Ordinal)];
    }

    /// <summary>One page of <see cref="FilterAsync"/>.</summary>
    public static async Task<Page<PersonRow>> ListAsync(
        JixiaoDbContext db, AccessScope scope, DateOnly today, string? unit, string? position, string? q, string? sort, int page, int size, CancellationToken ct)
    {
        var all = await FilterAsync(db, scope, today, unit, position, q, sort, ct);
        return new Page<PersonRow>([.. all.Skip((page - 1) * size).Take(size)], all.Count, page, size);
    }

    /// <summary>The positions in use today, sorted.</summary>
    public static async Task<List<string>> PositionsAsync(JixiaoDbContext db, DateOnly today, CancellationToken ct) =>
        [.. (await db.Assignments.AsNoTracking().Where(a => a.ValidFrom <= today && (a.ValidTo == null || a.ValidTo > today)).Select(a => a.Position).Distinct().ToListAsync(ct))
            .Order(StringComparer.Ordinal)];

    /// <summary>The org tree in display order (parents before children, siblings by id) with managers and head counts today.</summary>
    public static async Task<List<UnitRow>> TreeAsync(JixiaoDbContext db, DateOnly today, CancellationToken ct)
    {
        var units = await db.OrgUnits.AsNoTracking().OrderBy(u => u.Id).ToListAsync(ct);
        var appointed = await UnitManagers.OnAsync(db, today, ct);
        var people = await db.Employees.AsNoTracking().Select(e => new { e.Id, e.Name, e.LeaveDate }).ToDictionaryAsync(e => e.Id, StringComparer.Ordinal, ct);
        var direct = (await db.Assignments.AsNoTracking().Where(a => a.ValidFrom <= today && (a.ValidTo == null || a.ValidTo > today)).Select(a => new { a.EmployeeId, a.OrgUnitId }).ToListAsync(ct))
            .Where(a => people.TryGetValue(a.EmployeeId, out var p) && (p.LeaveDate is null || p.LeaveDate >= today))
            .GroupBy(a => a.OrgUnitId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var ids = units.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var children = units.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!, StringComparer.Ordinal);
        var result = new List<UnitRow>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int Visit(OrgUnitEntity u, int depth)
        {
            seen.Add(u.Id);
            var index = result.Count;
            result.Add(null!);
            var total = direct.GetValueOrDefault(u.Id);
            foreach (var c in children[u.Id].Where(c => !seen.Contains(c.Id)))
            {
                total += Visit(c, depth + 1);
            }

            // The manager in force today (effective-dated, docs/transfers.md); the edit form starts from the latest appointment.
            var managerId = UnitManagers.Of(appointed, u.Id, u.ManagerId);
            var manager = managerId is not null && people.TryGetValue(managerId, out var m) ? m.Name : null;
            result[index] = new UnitRow(u.Id, u.Name, u.ParentId, managerId, manager, depth, direct.GetValueOrDefault(u.Id), total, u.Version, u.ManagerId);
            return total;
        }

        foreach (var root in units.Where(u => u.ParentId is null || !ids.Contains(u.ParentId)))
        {
            Visit(root, 0);
        }

        return result;
    }

    /// <summary>Writes the people list as .xlsx with headers in <paramref name="culture"/>'s language.</summary>
    public static void WriteXlsx(Stream stream, IReadOnlyList<PersonRow> rows, System.Globalization.CultureInfo culture)
    {
        ExportColumn Col(string key, ExportKind kind = ExportKind.Text) => ExportText.Column(key, kind, culture);
        ExportColumn[] columns =
        [
            Col("Col_EmployeeId"), Col("Col_Name"), Col("Col_UnitId"), Col("Col_Unit"), Col("Col_Manager"),
            Col("Col_Position"), Col("Col_Category"), Col("Col_Level"), Col("Col_Tier"),
            Col("Col_HireDate", ExportKind.Date), Col("Col_ProbationEnd", ExportKind.Date), Col("Col_LeaveDate", ExportKind.Date),
        ];
        ExcelExport.Write(stream, ExportText.Get("Sheet_People", culture), columns,
            rows.Select(r => (IReadOnlyList<object?>)[r.Id, r.Name, r.OrgUnitId, r.UnitName, r.ManagerId, r.Position, r.Category, r.Level, r.Tier, r.HireDate, r.ProbationEnd, r.LeaveDate]),
            culture);
    }
}
