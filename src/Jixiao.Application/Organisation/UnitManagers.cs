using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Organisation;

/// <summary>One appointment as shown and returned: the manager (null: vacant) from a day until the day before another.</summary>
public sealed record ManagerPeriod(string? ManagerId, DateOnly? ValidFrom, DateOnly? ValidTo);

/// <summary>
/// Effective-dated unit managers (docs/transfers.md): who manages a unit on a given day. A unit without
/// <see cref="UnitManager"/> rows is managed by <see cref="OrgUnitEntity.ManagerId"/> at all times.
/// </summary>
public static class UnitManagers
{
    /// <summary>The managers in force on <paramref name="day"/> of the units that have an appointment history (unit id → manager, null when vacant).</summary>
    public static async Task<Dictionary<string, string?>> OnAsync(JixiaoDbContext db, DateOnly day, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.UnitManagers.AsNoTracking().Select(m => new { m.OrgUnitId, m.ManagerId, m.ValidFrom, m.ValidTo }).ToListAsync(ct).ConfigureAwait(false);
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var g in rows.GroupBy(r => r.OrgUnitId, StringComparer.Ordinal))
        {
            var inForce = g.Where(r => r.ValidFrom <= day && (r.ValidTo is null || r.ValidTo > day)).MaxBy(r => r.ValidFrom)
                ?? g.MinBy(r => r.ValidFrom)!;
            result[g.Key] = inForce.ManagerId;
        }

        return result;
    }

    /// <summary>The manager of <paramref name="unit"/> on the day <paramref name="appointed"/> was read for (<see cref="OnAsync"/>); <paramref name="current"/> when the unit never changed manager.</summary>
    public static string? Of(IReadOnlyDictionary<string, string?> appointed, string unit, string? current)
    {
        ArgumentNullException.ThrowIfNull(appointed);
        return appointed.TryGetValue(unit, out var manager) ? manager : current;
    }

    /// <summary>
    /// Records that <paramref name="newManager"/> manages <paramref name="unitId"/> from <paramref name="from"/> (tracked, saved
    /// with the caller's SaveChanges): the latest appointment ends the day before; the first change of a unit that had a
    /// manager also records that manager for the days before. A unit that never had a manager just gets one, with no
    /// history (setting up the org is not a handover). Returns the latest appointment's start when
    /// <paramref name="from"/> is not after it (nothing is recorded), else null.
    /// </summary>
    public static async Task<DateOnly?> AppointAsync(JixiaoDbContext db, string unitId, string? oldManager, string? newManager, DateOnly? from, DateOnly today, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var history = await db.UnitManagers.Where(m => m.OrgUnitId == unitId).ToListAsync(ct).ConfigureAwait(false);
        var latest = history.MaxBy(m => m.ValidFrom);
        if (latest is null && oldManager is null && from is null)
        {
            return null;
        }

        var start = from ?? today;
        if (latest is not null && start <= latest.ValidFrom)
        {
            return latest.ValidFrom;
        }

        if (latest is null)
        {
            latest = new UnitManager { OrgUnitId = unitId, ManagerId = oldManager, ValidFrom = DateOnly.MinValue };
            db.UnitManagers.Add(latest);
        }

        latest.ValidTo = start;
        db.UnitManagers.Add(new UnitManager { OrgUnitId = unitId, ManagerId = newManager, ValidFrom = start });
        return null;
    }

    /// <summary>A unit's manager history, oldest first (one open row for a unit that never changed manager).</summary>
    public static async Task<IReadOnlyList<ManagerPeriod>> HistoryAsync(JixiaoDbContext db, OrgUnitEntity unit, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(unit);
        var rows = await db.UnitManagers.AsNoTracking().Where(m => m.OrgUnitId == unit.Id).OrderBy(m => m.ValidFrom).ToListAsync(ct).ConfigureAwait(false);
        return rows.Count == 0
            ? [new ManagerPeriod(unit.ManagerId, null, null)]
            : [.. rows.Select(m => new ManagerPeriod(m.ManagerId, m.ValidFrom == DateOnly.MinValue ? null : m.ValidFrom, m.ValidTo))];
    }
}
