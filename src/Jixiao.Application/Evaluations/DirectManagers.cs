using Jixiao.Application.Datasets;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Evaluations;

/// <summary>
/// Who is someone's direct manager on a period's last day (docs/decisions/0019-evaluation-cycle.md, docs/transfers.md
/// decision 3) — the manager on their assignment in force that day, else the head of their unit that day, else of the unit
/// above (a unit head is not their own manager) — and, the other way round, who may have a given manager: the people whose
/// assignment names them, the members of the units they head and of the units below those reached only through units that
/// may have no head, and the heads of the units just below. One rule for <see cref="EvaluationPeople.DirectManagersAsync(JixiaoDbContext, Period, IReadOnlyCollection{string}, CancellationToken)"/>
/// (the whole company) and for one person's reports (<see cref="DueSteps.ForAsync(JixiaoDbContext, TimeProvider, Calendar.CompanyTimeZone, string, CancellationToken)"/>).
/// </summary>
internal sealed class DirectManagers
{
    /// <summary>How many units a walk up the tree crosses at most (a cycle in the tree stops there).</summary>
    private const int MaxHops = 50;

    /// <summary>How many ids one query carries at most.</summary>
    private const int Chunk = 500;

    private readonly JixiaoDbContext? _db;
    private readonly Dictionary<string, UnitRow> _units;
    private readonly Dictionary<string, List<UnitManager>> _terms;
    private ILookup<string, string>? _children;

    /// <param name="db">Null when every unit is read; else the units are read as needed.</param>
    /// <param name="units">The units read so far, by id.</param>
    /// <param name="terms">The manager terms of the units read so far that have any, by unit id.</param>
    private DirectManagers(JixiaoDbContext? db, Dictionary<string, UnitRow> units, Dictionary<string, List<UnitManager>> terms)
    {
        _db = db;
        _units = units;
        _terms = terms;
    }

    /// <summary>Reads the whole org tree and the units' manager terms (both small: one row per unit or appointment).</summary>
    public static async Task<DirectManagers> ReadAsync(JixiaoDbContext db, CancellationToken ct)
    {
        var units = await db.OrgUnits.AsNoTracking().Select(u => new UnitRow(u.Id, u.ParentId, u.ManagerId))
            .ToDictionaryAsync(u => u.Id, StringComparer.Ordinal, ct).ConfigureAwait(false);
        var terms = (await db.UnitManagers.AsNoTracking().OrderBy(m => m.Id).ToListAsync(ct).ConfigureAwait(false))
            .GroupBy(m => m.OrgUnitId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return new DirectManagers(null, units, terms);
    }

    /// <summary>An org chart that reads only the units it is asked about (<see cref="MayReportToAsync"/>, <see cref="EnsureAsync"/>): for one person's reports.</summary>
    public static DirectManagers Partial(JixiaoDbContext db) => new(db, new(StringComparer.Ordinal), new(StringComparer.Ordinal));

    /// <summary>Reads the units of <paramref name="unitIds"/> and the units above them not read yet, with their terms (nothing for the whole tree).</summary>
    public async Task EnsureAsync(IEnumerable<string> unitIds, CancellationToken ct)
    {
        var missing = unitIds.Where(u => !_units.ContainsKey(u)).Distinct(StringComparer.Ordinal).ToList();
        for (var hops = 0; _db is not null && missing.Count > 0 && hops <= MaxHops; hops++)
        {
            var read = await ReadUnitsAsync(_db, missing, byParent: false, ct).ConfigureAwait(false);
            foreach (var unit in missing.Where(u => !_units.ContainsKey(u)))
            {
                // A unit that does not exist: as in the whole tree, it has no head and no parent.
                _units[unit] = new UnitRow(unit, null, null);
            }

            missing = [.. read.Select(u => u.ParentId).OfType<string>().Where(u => !_units.ContainsKey(u)).Distinct(StringComparer.Ordinal)];
        }
    }

    /// <summary>Reads the units with the given ids (or the children of the given units) and their terms, and keeps them.</summary>
    private async Task<List<UnitRow>> ReadUnitsAsync(JixiaoDbContext db, List<string> ids, bool byParent, CancellationToken ct)
    {
        var read = new List<UnitRow>();
        foreach (var chunk in ids.Chunk(Chunk))
        {
            var query = byParent ? db.OrgUnits.AsNoTracking().Where(u => chunk.Contains(u.ParentId!)) : db.OrgUnits.AsNoTracking().Where(u => chunk.Contains(u.Id));
            read.AddRange(await query.Select(u => new UnitRow(u.Id, u.ParentId, u.ManagerId)).ToListAsync(ct).ConfigureAwait(false));
        }

        var fresh = read.Where(u => !_units.ContainsKey(u.Id)).ToList();
        foreach (var chunk in fresh.Select(u => u.Id).Chunk(Chunk))
        {
            foreach (var term in await db.UnitManagers.AsNoTracking().Where(m => chunk.Contains(m.OrgUnitId)).OrderBy(m => m.Id).ToListAsync(ct).ConfigureAwait(false))
            {
                if (!_terms.TryGetValue(term.OrgUnitId, out var list))
                {
                    _terms[term.OrgUnitId] = list = [];
                }

                list.Add(term);
            }
        }

        foreach (var unit in fresh)
        {
            _units[unit.Id] = unit;
        }

        return read;
    }

    /// <summary>Whether <paramref name="manager"/> heads a unit at any time or is named on an assignment: else nobody can report to them.</summary>
    public static async Task<bool> MayHaveReportsAsync(JixiaoDbContext db, string manager, CancellationToken ct) =>
        await db.Assignments.AnyAsync(a => a.ManagerId == manager, ct).ConfigureAwait(false)
        || await db.OrgUnits.AnyAsync(u => u.ManagerId == manager, ct).ConfigureAwait(false)
        || await db.UnitManagers.AnyAsync(m => m.ManagerId == manager, ct).ConfigureAwait(false);

    /// <summary>The direct manager of <paramref name="e"/> (with their assignments) on <paramref name="period"/>'s last day, or on their leave date when they left before it.</summary>
    public string? Of(EmployeeEntity e, Period period)
    {
        var day = e.LeaveDate is { } left && left < period.End ? left : period.End;
        var a = DatasetBuilder.Current(e.Assignments, day);
        string? manager = a?.ManagerId is { Length: > 0 } m && m != e.Id ? m : null;
        var unit = a?.OrgUnitId;
        for (var hops = 0; manager is null && unit is not null && hops < MaxHops; hops++)
        {
            var head = HeadOn(unit, day);
            manager = head is { Length: > 0 } && head != e.Id ? head : null;
            unit = _units.GetValueOrDefault(unit)?.ParentId;
        }

        return manager;
    }

    /// <summary>
    /// Whom <paramref name="manager"/> may directly manage on some day, beyond the people whose assignment names them: the
    /// members of <see cref="Candidates.Units"/> and the people in <see cref="Candidates.Heads"/>. A superset: each one's
    /// manager is then found with <see cref="Of"/>.
    /// </summary>
    public async Task<Candidates> MayReportToAsync(string manager, CancellationToken ct)
    {
        if (_db is not null)
        {
            // The units they head on some day: by the unit's manager or by a term (both indexed).
            var headed = await _db.OrgUnits.AsNoTracking().Where(u => u.ManagerId == manager).Select(u => u.Id).ToListAsync(ct).ConfigureAwait(false);
            headed.AddRange(await _db.UnitManagers.AsNoTracking().Where(m => m.ManagerId == manager).Select(m => m.OrgUnitId).ToListAsync(ct).ConfigureAwait(false));
            await EnsureAsync(headed, ct).ConfigureAwait(false);
        }

        var units = new HashSet<string>(StringComparer.Ordinal);
        var heads = new HashSet<string>(StringComparer.Ordinal);
        var frontier = new List<string>();
        foreach (var unit in _units.Keys.Where(u => HeadsOf(u).Contains(manager)))
        {
            // The members of a unit they head (on some day) report to them unless their assignment names someone else.
            units.Add(unit);
            frontier.Add(unit);
        }

        var visited = new HashSet<string>(units, StringComparer.Ordinal);
        while (frontier.Count > 0)
        {
            var next = new List<string>();
            foreach (var child in await ChildrenAsync(frontier, ct).ConfigureAwait(false))
            {
                if (!visited.Add(child))
                {
                    continue;
                }

                // A head of a unit below skips their own unit and reaches the one above; a unit that may have no head
                // passes all its members up, and the units below it are reached the same way.
                heads.UnionWith(HeadsOf(child).Where(h => h != manager));
                if (MayBeHeadless(child))
                {
                    units.Add(child);
                    next.Add(child);
                }
            }

            frontier = next;
        }

        return new Candidates(units, heads);
    }

    /// <summary>The units whose parent is one of <paramref name="parents"/>.</summary>
    private async Task<List<string>> ChildrenAsync(List<string> parents, CancellationToken ct)
    {
        if (_db is not null)
        {
            return [.. (await ReadUnitsAsync(_db, parents, byParent: true, ct).ConfigureAwait(false)).Select(u => u.Id)];
        }

        _children ??= _units.Values.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!, u => u.Id, StringComparer.Ordinal);
        return [.. parents.SelectMany(p => _children[p])];
    }

    /// <summary>The units whose members, and the heads of units below, who may report to one manager (<see cref="MayReportToAsync"/>).</summary>
    public sealed record Candidates(IReadOnlySet<string> Units, IReadOnlySet<string> Heads);

    /// <summary>Who heads <paramref name="unit"/> on <paramref name="day"/>: its term in force when it has terms, else its manager.</summary>
    private string? HeadOn(string unit, DateOnly day) =>
        _terms.TryGetValue(unit, out var terms) ? terms.FirstOrDefault(m => m.ValidFrom <= day && (m.ValidTo is null || m.ValidTo > day))?.ManagerId
        : _units.GetValueOrDefault(unit)?.ManagerId;

    /// <summary>Everyone who heads <paramref name="unit"/> on some day.</summary>
    private IEnumerable<string> HeadsOf(string unit) =>
        (_terms.TryGetValue(unit, out var terms) ? terms.Select(m => m.ManagerId) : [_units.GetValueOrDefault(unit)?.ManagerId]).OfType<string>().Where(h => h.Length > 0);

    /// <summary>Whether <paramref name="unit"/> has no head on some day: a vacancy, a gap between its terms, or no manager at all.</summary>
    private bool MayBeHeadless(string unit)
    {
        if (!_terms.TryGetValue(unit, out var terms))
        {
            return _units.GetValueOrDefault(unit)?.ManagerId is not { Length: > 0 };
        }

        // The first day not covered by the terms so far (null: covered to the end of time).
        DateOnly? covered = DateOnly.MinValue;
        foreach (var term in terms.OrderBy(t => t.ValidFrom))
        {
            if (term.ManagerId is not { Length: > 0 })
            {
                return true;
            }

            if (covered is { } until)
            {
                if (term.ValidFrom > until)
                {
                    return true;
                }

                covered = term.ValidTo is { } to ? (to > until ? to : until) : null;
            }
        }

        return covered is not null;
    }

    private sealed record UnitRow(string Id, string? ParentId, string? ManagerId);
}
