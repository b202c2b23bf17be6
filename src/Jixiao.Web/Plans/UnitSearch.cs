using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Plans;

/// <summary>
/// The calculation page's unit picker and result table read org units from the database as they need them (issue 13:
/// a company has 10,000 units; the page holds the ones offered or shown, not all of them).
/// </summary>
public static class UnitSearch
{
    /// <summary>Units whose name or id contains <paramref name="text"/> (all when empty), by name then id, at most <paramref name="limit"/>.</summary>
    public static async Task<List<(string Id, string Name)>> FindAsync(JixiaoDbContext db, string? text, int limit = 20, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var q = text?.Trim() ?? "";
        var units = db.OrgUnits.AsNoTracking();
        if (q.Length > 0)
        {
            units = units.Where(u => u.Name.Contains(q) || u.Id.Contains(q));
        }

        var found = await units.OrderBy(u => u.Name).ThenBy(u => u.Id).Take(limit).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        return [.. found.Select(u => (u.Id, u.Name))];
    }

    /// <summary>The names of these units (ids not found are left out).</summary>
    public static async Task<Dictionary<string, string>> NamesAsync(JixiaoDbContext db, IEnumerable<string> ids, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var wanted = ids.Distinct(StringComparer.Ordinal).ToList();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var batch in wanted.Chunk(500))
        {
            foreach (var u in await db.OrgUnits.AsNoTracking().Where(u => batch.Contains(u.Id)).Select(u => new { u.Id, u.Name }).ToListAsync(ct))
            {
                names[u.Id] = u.Name;
            }
        }

        return names;
    }
}
