using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Organisation;

/// <summary>How a write ended.</summary>
public enum OrgOutcome
{
    Ok,
    Invalid,
    NotFound,

    /// <summary>The caller's version is stale: someone saved the record since it was read.</summary>
    Conflict,
}

/// <summary>The result of a write: the saved record, or the problems.</summary>
public sealed record OrgResult<T>(OrgOutcome Outcome, T? Value, IReadOnlyList<OrgProblem> Problems)
    where T : class
{
    public bool Ok => Outcome == OrgOutcome.Ok;
}

/// <summary>
/// A unit to create or the new state of one (rename, move, manager). A new manager takes over from
/// <see cref="ManagerFrom"/> (default: today in the company's time zone); the previous one keeps the days before.
/// </summary>
public sealed record UnitInput(string? Id, string? Name, string? ParentId, string? ManagerId, DateOnly? ManagerFrom = null);

/// <summary>A person to create (with their first assignment) or the new person fields of one.</summary>
public sealed record PersonInput(
    string? Id,
    string? Name,
    DateOnly? HireDate,
    DateOnly? ProbationEnd,
    DateOnly? LeaveDate,
    string? OrgUnitId = null,
    string? ManagerId = null,
    string? Position = null,
    string? Category = null,
    string? Level = null,
    string? Tier = null);

/// <summary>A transfer from <see cref="EffectiveFrom"/>: fields left null keep the current assignment's value (manager: the new unit's manager when the unit changes).</summary>
public sealed record TransferInput(DateOnly? EffectiveFrom, string? OrgUnitId, string? ManagerId = null, string? Position = null, string? Category = null, string? Level = null, string? Tier = null);

/// <summary>
/// Writes to the organisation: units (create, rename, move, manager), people (create, update) and transfers
/// (effective-dated assignments). Every write is all or nothing, checks the caller's <c>Version</c>, and is
/// audited in the same transaction. Messages are codes (<see cref="OrgProblem"/>) the callers localise.
/// </summary>
public sealed class OrgService(JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone)
{
    private const int IdLength = 64;
    private const int TextLength = 200;

    /// <summary>Creates a unit.</summary>
    public async Task<OrgResult<OrgUnitEntity>> CreateUnitAsync(UnitInput input, string? userId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<OrgProblem>();
        var id = Clean(input.Id);
        CheckId(problems, "id", id);
        if (id is not null && await db.OrgUnits.AnyAsync(u => u.Id == id, ct).ConfigureAwait(false))
        {
            problems.Add(new("id", OrgProblemCode.UnitIdTaken, [id]));
        }

        var unit = new OrgUnitEntity { Id = id ?? "", Name = "" };
        await CheckUnitAsync(problems, unit, input, isNew: true, ct).ConfigureAwait(false);
        if (problems.Count > 0)
        {
            return Invalid<OrgUnitEntity>(problems);
        }

        db.OrgUnits.Add(unit);
        db.Audit(Now(), userId, "org.unit.create", unit.Id, $"name {unit.Name}, parent {unit.ParentId ?? "-"}, manager {unit.ManagerId ?? "-"}");
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new(OrgOutcome.Ok, unit, []);
    }

    /// <summary>Renames, moves (new parent) or changes the manager of a unit read at <paramref name="version"/>.</summary>
    public async Task<OrgResult<OrgUnitEntity>> UpdateUnitAsync(string id, long? version, UnitInput input, string? userId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var unit = await db.OrgUnits.SingleOrDefaultAsync(u => u.Id == id, ct).ConfigureAwait(false);
        if (unit is null)
        {
            return new(OrgOutcome.NotFound, null, []);
        }

        if (version is null)
        {
            return Invalid<OrgUnitEntity>([new("version", OrgProblemCode.VersionRequired, [])]);
        }

        if (version != unit.Version)
        {
            return new(OrgOutcome.Conflict, unit, []);
        }

        var before = $"name {unit.Name}, parent {unit.ParentId ?? "-"}, manager {unit.ManagerId ?? "-"}";
        var oldManager = unit.ManagerId;
        var problems = new List<OrgProblem>();
        await CheckUnitAsync(problems, unit, input, isNew: false, ct).ConfigureAwait(false);
        CheckRange(problems, "managerFrom", OrgProblemCode.ManagerFromOutOfRange, input.ManagerFrom);
        var appointment = "";
        if (problems.Count == 0 && unit.ManagerId != oldManager)
        {
            appointment = await AppointAsync(problems, unit, oldManager, input.ManagerFrom, ct).ConfigureAwait(false);
        }

        if (problems.Count > 0)
        {
            return Invalid<OrgUnitEntity>(problems);
        }

        db.Entry(unit).Property(u => u.Version).OriginalValue = version.Value;
        db.Entry(unit).State = EntityState.Modified;
        db.Audit(Now(), userId, "org.unit.update", unit.Id, $"{before} → name {unit.Name}, parent {unit.ParentId ?? "-"}, manager {unit.ManagerId ?? "-"}{appointment}");
        return await SaveAsync(unit, ct).ConfigureAwait(false);
    }

    /// <summary>Creates a person with their first assignment (in force from the hire date).</summary>
    public async Task<OrgResult<EmployeeEntity>> CreateEmployeeAsync(PersonInput input, string? userId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<OrgProblem>();
        var id = Clean(input.Id);
        CheckId(problems, "id", id);
        if (id is not null && await db.Employees.AnyAsync(e => e.Id == id, ct).ConfigureAwait(false))
        {
            problems.Add(new("id", OrgProblemCode.EmployeeIdTaken, [id]));
        }

        var person = new EmployeeEntity { Id = id ?? "", Name = "" };
        CheckPerson(problems, person, input);
        var assignment = new Assignment { EmployeeId = person.Id, OrgUnitId = "", Position = "", ValidFrom = person.HireDate };
        await CheckAssignmentAsync(problems, assignment, person.Id, input.OrgUnitId, input.ManagerId, input.Position, input.Category, input.Level, input.Tier, null, ct).ConfigureAwait(false);
        if (problems.Count > 0)
        {
            return Invalid<EmployeeEntity>(problems);
        }

        person.Assignments.Add(assignment);
        db.Employees.Add(person);
        db.Audit(Now(), userId, "employee.create", person.Id, $"{person.Name}, unit {assignment.OrgUnitId}, position {assignment.Position}, hired {person.HireDate:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new(OrgOutcome.Ok, person, []);
    }

    /// <summary>Updates a person's own fields (name, dates); where they sit changes only by <see cref="TransferAsync"/>.</summary>
    public async Task<OrgResult<EmployeeEntity>> UpdateEmployeeAsync(string id, long? version, PersonInput input, string? userId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var person = await db.Employees.Include(e => e.Assignments).SingleOrDefaultAsync(e => e.Id == id, ct).ConfigureAwait(false);
        if (person is null)
        {
            return new(OrgOutcome.NotFound, null, []);
        }

        if (version is null)
        {
            return Invalid<EmployeeEntity>([new("version", OrgProblemCode.VersionRequired, [])]);
        }

        if (version != person.Version)
        {
            return new(OrgOutcome.Conflict, person, []);
        }

        var before = $"{person.Name}, hired {person.HireDate:yyyy-MM-dd}, probation {person.ProbationEnd:yyyy-MM-dd}, left {person.LeaveDate:yyyy-MM-dd}";
        var problems = new List<OrgProblem>();
        var oldHire = person.HireDate;
        CheckPerson(problems, person, input);
        var first = person.Assignments.MinBy(a => a.ValidFrom);
        if (first is not null && first.ValidFrom == oldHire && (first.ValidTo is null || person.HireDate < first.ValidTo))
        {
            // The first assignment began on the hire date (as a hire records it): it moves with a corrected hire date,
            // so a wrong hire date (even one stored before the date rule) can always be put right.
            first.ValidFrom = person.HireDate;
        }
        else if (first is not null && person.HireDate > first.ValidFrom && problems.Count == 0)
        {
            problems.Add(new("hireDate", OrgProblemCode.EmployeeHireAfterAssignment, [Date(first.ValidFrom)]));
        }

        if (problems.Count > 0)
        {
            return Invalid<EmployeeEntity>(problems);
        }

        db.Entry(person).Property(e => e.Version).OriginalValue = version.Value;
        db.Entry(person).State = EntityState.Modified;
        db.Audit(Now(), userId, "employee.update", person.Id, $"{before} → {person.Name}, hired {person.HireDate:yyyy-MM-dd}, probation {person.ProbationEnd:yyyy-MM-dd}, left {person.LeaveDate:yyyy-MM-dd}");
        return await SaveAsync(person, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Transfers a person read at <paramref name="version"/>: the latest assignment ends the day before
    /// <see cref="TransferInput.EffectiveFrom"/> and a new one starts that day. Refused on or before the latest
    /// assignment's start, before the hire date or after the leave date.
    /// </summary>
    public async Task<OrgResult<EmployeeEntity>> TransferAsync(string id, long? version, TransferInput input, string? userId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var person = await db.Employees.Include(e => e.Assignments).SingleOrDefaultAsync(e => e.Id == id, ct).ConfigureAwait(false);
        if (person is null)
        {
            return new(OrgOutcome.NotFound, null, []);
        }

        if (version is null)
        {
            return Invalid<EmployeeEntity>([new("version", OrgProblemCode.VersionRequired, [])]);
        }

        if (version != person.Version)
        {
            return new(OrgOutcome.Conflict, person, []);
        }

        var problems = new List<OrgProblem>();
        var current = person.Assignments.MaxBy(a => a.ValidFrom);
        var from = input.EffectiveFrom;
        if (from is null)
        {
            problems.Add(new("effectiveFrom", OrgProblemCode.Required, []));
        }
        else if (!RecordDates.Contains(from.Value))
        {
            CheckRange(problems, "effectiveFrom", OrgProblemCode.EffectiveFromOutOfRange, from);
        }
        else if (current is not null && from <= current.ValidFrom)
        {
            problems.Add(new("effectiveFrom", OrgProblemCode.TransferNotAfterCurrent, [Date(from.Value), Date(current.ValidFrom)]));
        }
        else if (from < person.HireDate)
        {
            problems.Add(new("effectiveFrom", OrgProblemCode.TransferBeforeHire, [Date(from.Value), Date(person.HireDate)]));
        }
        else if (person.LeaveDate is { } left && from > left)
        {
            problems.Add(new("effectiveFrom", OrgProblemCode.TransferAfterLeave, [Date(from.Value), Date(left)]));
        }

        var next = new Assignment { EmployeeId = person.Id, OrgUnitId = "", Position = "", ValidFrom = from ?? default };
        await CheckAssignmentAsync(problems, next, person.Id, input.OrgUnitId ?? current?.OrgUnitId, input.ManagerId, input.Position ?? current?.Position,
            input.Category ?? current?.Category, input.Level ?? current?.Level, input.Tier ?? current?.Tier, current, ct).ConfigureAwait(false);
        if (problems.Count > 0)
        {
            return Invalid<EmployeeEntity>(problems);
        }

        if (current is not null)
        {
            current.ValidTo = next.ValidFrom;
        }

        person.Assignments.Add(next);
        db.Entry(person).Property(e => e.Version).OriginalValue = version.Value;
        db.Entry(person).State = EntityState.Modified;
        db.Audit(Now(), userId, "employee.transfer", person.Id,
            $"from {Date(next.ValidFrom)}: unit {current?.OrgUnitId ?? "-"} → {next.OrgUnitId}, manager {current?.ManagerId ?? "-"} → {next.ManagerId ?? "-"}, position {current?.Position ?? "-"} → {next.Position}, level {current?.Level ?? "-"} → {next.Level}");
        return await SaveAsync(person, ct).ConfigureAwait(false);
    }

    /// <summary>The stored unit and every unit below it; empty when no such unit is stored.</summary>
    public static async Task<HashSet<string>> SubtreeAsync(JixiaoDbContext db, string unit, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var all = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToListAsync(ct).ConfigureAwait(false);
        return all.Any(u => u.Id == unit) ? SubtreeOf(unit, all.Select(u => (u.Id, u.ParentId))) : [];
    }

    /// <summary>A unit and everything below it (also: the units it may not be moved under).</summary>
    public static HashSet<string> SubtreeOf(string id, IEnumerable<(string Id, string? ParentId)> units)
    {
        var children = units.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!, u => u.Id, StringComparer.Ordinal);
        var result = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([id]);
        while (stack.TryPop(out var u))
        {
            if (result.Add(u))
            {
                foreach (var c in children[u])
                {
                    stack.Push(c);
                }
            }
        }

        return result;
    }

    private async Task CheckUnitAsync(List<OrgProblem> problems, OrgUnitEntity unit, UnitInput input, bool isNew, CancellationToken ct)
    {
        var name = Clean(input.Name);
        if (name is null)
        {
            problems.Add(new("name", OrgProblemCode.Required, []));
        }
        else if (name.Length > TextLength)
        {
            problems.Add(new("name", OrgProblemCode.TooLong, [TextLength.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
        }
        else if (name.Any(char.IsControl))
        {
            problems.Add(new("name", OrgProblemCode.TextControl, []));
        }

        var parent = Clean(input.ParentId);
        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToListAsync(ct).ConfigureAwait(false);
        if (parent is null)
        {
            // One root: a unit without a parent only when there is no other root.
            if (units.Any(u => u.ParentId is null && u.Id != unit.Id))
            {
                problems.Add(new("parentId", OrgProblemCode.UnitParentRequired, []));
            }
        }
        else if (!units.Any(u => u.Id == parent))
        {
            problems.Add(new("parentId", OrgProblemCode.UnitUnknownParent, [parent]));
        }
        else if (!isNew && SubtreeOf(unit.Id, units.Select(u => (u.Id, u.ParentId))).Contains(parent))
        {
            problems.Add(new("parentId", OrgProblemCode.UnitCycle, [unit.Id, parent]));
        }

        var manager = Clean(input.ManagerId);
        if (manager is not null && !await db.Employees.AnyAsync(e => e.Id == manager, ct).ConfigureAwait(false))
        {
            problems.Add(new("managerId", OrgProblemCode.UnknownEmployee, [manager]));
        }

        unit.Name = name ?? unit.Name;
        unit.ParentId = parent;
        unit.ManagerId = manager;
    }

    /// <summary>A new manager of <paramref name="unit"/> from <paramref name="from"/> (<see cref="UnitManagers.AppointAsync"/>); history is only ever appended to.</summary>
    private async Task<string> AppointAsync(List<OrgProblem> problems, OrgUnitEntity unit, string? oldManager, DateOnly? from, CancellationToken ct)
    {
        var today = zone.Date(Now());
        if (await UnitManagers.AppointAsync(db, unit.Id, oldManager, unit.ManagerId, from, today, ct).ConfigureAwait(false) is { } latest)
        {
            problems.Add(new("managerFrom", OrgProblemCode.UnitManagerFromNotAfterCurrent, [Date(from ?? today), Date(latest)]));
            return "";
        }

        return $" from {Date(from ?? today)}";
    }

    /// <summary>A date outside <see cref="RecordDates"/> (1900-01-01 … 2100-12-31): the one date rule of every path.</summary>
    private static void CheckRange(List<OrgProblem> problems, string field, OrgProblemCode code, DateOnly? date)
    {
        if (date is { } d && !RecordDates.Contains(d))
        {
            problems.Add(new(field, code, [Date(d), Date(RecordDates.Earliest), Date(RecordDates.Latest)]));
        }
    }

    private static void CheckPerson(List<OrgProblem> problems, EmployeeEntity person, PersonInput input)
    {
        var name = Clean(input.Name);
        if (name is null)
        {
            problems.Add(new("name", OrgProblemCode.Required, []));
        }
        else if (name.Length > TextLength)
        {
            problems.Add(new("name", OrgProblemCode.TooLong, [TextLength.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
        }
        else if (name.Any(char.IsControl))
        {
            problems.Add(new("name", OrgProblemCode.TextControl, []));
        }

        CheckRange(problems, "hireDate", OrgProblemCode.HireDateOutOfRange, input.HireDate);
        CheckRange(problems, "probationEnd", OrgProblemCode.ProbationEndOutOfRange, input.ProbationEnd);
        CheckRange(problems, "leaveDate", OrgProblemCode.LeaveDateOutOfRange, input.LeaveDate);
        if (input.HireDate is null)
        {
            problems.Add(new("hireDate", OrgProblemCode.Required, []));
        }
        else
        {
            if (input.LeaveDate is { } left && left < input.HireDate)
            {
                problems.Add(new("leaveDate", OrgProblemCode.EmployeeLeaveBeforeHire, [Date(left), Date(input.HireDate.Value)]));
            }

            if (input.ProbationEnd is { } probation && probation < input.HireDate)
            {
                problems.Add(new("probationEnd", OrgProblemCode.EmployeeProbationBeforeHire, [Date(probation), Date(input.HireDate.Value)]));
            }
        }

        person.Name = name ?? person.Name;
        person.HireDate = input.HireDate ?? person.HireDate;
        person.ProbationEnd = input.ProbationEnd;
        person.LeaveDate = input.LeaveDate;
    }

    private async Task CheckAssignmentAsync(List<OrgProblem> problems, Assignment a, string employeeId, string? unitId, string? managerId,
        string? position, string? category, string? level, string? tier, Assignment? current, CancellationToken ct)
    {
        var unit = Clean(unitId);
        OrgUnitEntity? found = null;
        if (unit is null)
        {
            problems.Add(new("orgUnitId", OrgProblemCode.Required, []));
        }
        else if ((found = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unit, ct).ConfigureAwait(false)) is null)
        {
            problems.Add(new("orgUnitId", OrgProblemCode.UnitUnknown, [unit]));
        }

        // No manager given: the same one when the unit stays, else the new unit's manager (never the person) as appointed
        // on the assignment's first day from today on — today for a hire or transfer dated in the past, the start of a
        // transfer dated later — not a successor appointed for a later day (effective-dated unit managers).
        var manager = Clean(managerId);
        if (manager is null)
        {
            var today = zone.Date(Now());
            var day = a.ValidFrom > today ? a.ValidFrom : today;
            var unitManager = found is null ? null : UnitManagers.Of(await UnitManagers.OnAsync(db, day, ct).ConfigureAwait(false), found.Id, found.ManagerId);
            manager = current is not null && current.OrgUnitId == unit ? current.ManagerId : unitManager;
            manager = manager == employeeId ? null : manager;
        }
        else if (manager == employeeId)
        {
            problems.Add(new("managerId", OrgProblemCode.EmployeeOwnManager, []));
        }
        else if (!await db.Employees.AnyAsync(e => e.Id == manager, ct).ConfigureAwait(false))
        {
            problems.Add(new("managerId", OrgProblemCode.UnknownEmployee, [manager]));
        }

        var pos = Clean(position);
        if (pos is null)
        {
            problems.Add(new("position", OrgProblemCode.Required, []));
        }

        foreach (var (field, value) in (ReadOnlySpan<(string, string?)>)[("position", pos), ("category", category), ("level", level), ("tier", tier)])
        {
            if (value is { Length: > TextLength })
            {
                problems.Add(new(field, OrgProblemCode.TooLong, [TextLength.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
            }
        }

        await CheckCodesAsync(problems, a.ValidFrom, current, pos, Clean(category), Clean(level), Clean(tier), ct).ConfigureAwait(false);

        a.OrgUnitId = unit ?? "";
        a.ManagerId = manager;
        a.Position = pos ?? "";
        a.Category = Clean(category) ?? "";
        a.Level = Clean(level) ?? "";
        a.Tier = Clean(tier) ?? "";
    }

    /// <summary>
    /// Positions, categories, levels and tiers are codes the plan in force on <paramref name="from"/> names (a section it
    /// names) or that someone already holds: a typo ("salesprson") would leave the person without a scorecard. A code the
    /// current assignment already has is kept as it is; a section the plan does not name is free text.
    /// </summary>
    private async Task CheckCodesAsync(List<OrgProblem> problems, DateOnly from, Assignment? current, string? position, string? category, string? level, string? tier, CancellationToken ct)
    {
        var version = await CalculationService.PlanVersionForAsync(db, new Period(PeriodKind.Month, from.Year, from.Month), ct).ConfigureAwait(false);
        if (version is null || Plans.StoredPlans.Of(version) is not { } plan)
        {
            return;
        }

        var checks = new (string Field, string? Value, string? Current, IReadOnlyDictionary<string, AttributeName> Named)[]
        {
            ("position", position, current?.Position, plan.Positions),
            ("category", category, current?.Category, plan.Categories),
            ("level", level, current?.Level, plan.Levels),
            ("tier", tier, current?.Tier, plan.Tiers),
        };
        foreach (var (field, value, held, named) in checks)
        {
            if (value is null || value.Length > TextLength || named.Count == 0 || named.ContainsKey(value) || value == held)
            {
                continue;
            }

            var inUse = field switch
            {
                "position" => await db.Assignments.AnyAsync(x => x.Position == value, ct).ConfigureAwait(false),
                "category" => await db.Assignments.AnyAsync(x => x.Category == value, ct).ConfigureAwait(false),
                "level" => await db.Assignments.AnyAsync(x => x.Level == value, ct).ConfigureAwait(false),
                _ => await db.Assignments.AnyAsync(x => x.Tier == value, ct).ConfigureAwait(false),
            };
            if (!inUse)
            {
                problems.Add(new(field, OrgProblemCode.CodeUnknown, [value]));
            }
        }
    }

    private static void CheckId(List<OrgProblem> problems, string field, string? id)
    {
        if (id is null)
        {
            problems.Add(new(field, OrgProblemCode.Required, []));
        }
        else if (id.Length > IdLength)
        {
            problems.Add(new(field, OrgProblemCode.TooLong, [IdLength.ToString(System.Globalization.CultureInfo.InvariantCulture)]));
        }
        else if (id.Any(char.IsControl))
        {
            // A NUL or a line break in an id would be stored and then break every import that reads the org chart back.
            problems.Add(new(field, OrgProblemCode.TextControl, []));
        }
    }

    private async Task<OrgResult<T>> SaveAsync<T>(T entity, CancellationToken ct)
        where T : class
    {
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            return new(OrgOutcome.Ok, entity, []);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Saved by someone else between our read and our write: nothing of ours was written.
            db.ChangeTracker.Clear();
            return new(OrgOutcome.Conflict, null, []);
        }
    }

    private OrgResult<T> Invalid<T>(List<OrgProblem> problems)
        where T : class
    {
        // Nothing changes: forget the edits made to tracked entities while checking.
        db.ChangeTracker.Clear();
        return new(OrgOutcome.Invalid, null, problems);
    }

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
