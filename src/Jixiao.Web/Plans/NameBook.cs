using System.Globalization;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Plans;

/// <summary>
/// Names instead of codes (issue 12, "Plain words"): org units by name, with their parent's name when the name repeats
/// ("星辉汽车城东店 / 销售一组"); positions, levels, categories and tiers by the names of the plan in force
/// (docs/plan-format.md §4a) in the user's language (English name, Traditional Chinese name or its OpenCC conversion);
/// a code nobody named is shown as it is.
/// </summary>
public sealed class NameBook
{
    private readonly Dictionary<string, (string Name, string? Parent)> _units;
    private readonly HashSet<string> _repeated;

    private NameBook(Dictionary<string, (string Name, string? Parent)> units, Plan? plan)
        : this(units, [.. units.Values.GroupBy(u => u.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key)], plan)
    {
    }

    private NameBook(Dictionary<string, (string Name, string? Parent)> units, HashSet<string> repeated, Plan? plan)
    {
        _units = units;
        _repeated = repeated;
        Plan = plan;
    }

    /// <summary>No units, no plan: every code as it is.</summary>
    public static NameBook Empty { get; } = new([], null);

    /// <summary>The plan whose names are used, or null.</summary>
    public Plan? Plan { get; }

    /// <summary>Reads the org units and the plan in force on <paramref name="day"/>.</summary>
    public static async Task<NameBook> ReadAsync(JixiaoDbContext db, TimeProvider time, DateOnly day, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.Name, u.ParentId }).ToListAsync(ct);
        var version = await CalculationService.PlanVersionForAsync(db, new Period(PeriodKind.Month, day.Year, day.Month), ct);
        var plan = version is null ? null : Jixiao.Application.Plans.StoredPlans.Of(version);
        return new NameBook(units.ToDictionary(u => u.Id, u => (u.Name, u.ParentId), StringComparer.Ordinal), plan);
    }

    /// <summary>
    /// As <see cref="ReadAsync(JixiaoDbContext, TimeProvider, DateOnly, CancellationToken)"/> for the units of one page only
    /// (<paramref name="units"/>; any other unit shows as its id): those units, which of their names another unit also has, and
    /// the parents of those — not the whole org tree (10,000 units at 100,000 people) on every request.
    /// </summary>
    public static async Task<NameBook> ReadAsync(JixiaoDbContext db, TimeProvider time, DateOnly day, IReadOnlyCollection<string> units, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(units);
        var ids = units.Distinct(StringComparer.Ordinal).ToList();
        var shown = await db.OrgUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Name, u.ParentId }).ToListAsync(ct);
        var names = shown.Select(u => u.Name).Distinct(StringComparer.Ordinal).ToList();
        var repeated = names.Count == 0 ? [] : await db.OrgUnits.AsNoTracking().Where(u => names.Contains(u.Name))
            .GroupBy(u => u.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToListAsync(ct);
        var read = shown.ToDictionary(u => u.Id, u => (u.Name, u.ParentId), StringComparer.Ordinal);
        var parents = shown.Where(u => u.ParentId is not null && repeated.Contains(u.Name) && !read.ContainsKey(u.ParentId)).Select(u => u.ParentId!).Distinct(StringComparer.Ordinal).ToList();
        if (parents.Count > 0)
        {
            foreach (var p in await db.OrgUnits.AsNoTracking().Where(u => parents.Contains(u.Id)).Select(u => new { u.Id, u.Name, u.ParentId }).ToListAsync(ct))
            {
                read[p.Id] = (p.Name, p.ParentId);
            }
        }

        var version = await CalculationService.PlanVersionForAsync(db, new Period(PeriodKind.Month, day.Year, day.Month), ct);
        var plan = version is null ? null : Jixiao.Application.Plans.StoredPlans.Of(version);
        return new NameBook(read, repeated.ToHashSet(StringComparer.Ordinal), plan);
    }

    /// <summary>The position and level codes of <paramref name="employees"/> on <paramref name="day"/> (their assignment then).</summary>
    public static async Task<IReadOnlyDictionary<string, (string Position, string Level)>> RolesAsync(JixiaoDbContext db, IReadOnlyCollection<string> employees, DateOnly day, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(employees);
        var ids = employees.Distinct(StringComparer.Ordinal).ToList();
        var rows = await db.Assignments.AsNoTracking()
            .Where(a => ids.Contains(a.EmployeeId) && a.ValidFrom <= day && (a.ValidTo == null || a.ValidTo >= day))
            .Select(a => new { a.EmployeeId, a.Position, a.Level, a.ValidFrom }).ToListAsync(ct);
        return rows.GroupBy(r => r.EmployeeId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.ValidFrom) is { } a ? (a.Position, a.Level) : ("", ""), StringComparer.Ordinal);
    }

    /// <summary>The unit's name, with its parent's when another unit has the same name; the id when unknown; "—" for none.</summary>
    public string Unit(string? id)
    {
        if (id is null)
        {
            return "—";
        }

        if (!_units.TryGetValue(id, out var unit))
        {
            return id;
        }

        return _repeated.Contains(unit.Name) && unit.Parent is { } parent && _units.TryGetValue(parent, out var p)
            ? p.Name + " / " + unit.Name
            : unit.Name;
    }

    /// <summary>The position's name in the current UI language, or the code.</summary>
    public string Position(string? code) => Of(Plan?.Positions, code);

    /// <summary>The level's name in the current UI language, or the code.</summary>
    public string Level(string? code) => Of(Plan?.Levels, code);

    /// <summary>The job category's name in the current UI language, or the code.</summary>
    public string Category(string? code) => Of(Plan?.Categories, code);

    /// <summary>The tier's name in the current UI language, or the code.</summary>
    public string Tier(string? code) => Of(Plan?.Tiers, code);

    /// <summary>Whether people in <paramref name="position"/> are assessed by the plan (<c>assessed: false</c> says no).</summary>
    public bool Assessed(string? position) =>
        position is null || Plan?.Positions.TryGetValue(position, out var name) != true || name!.Assessed;

    /// <summary>
    /// What a form offers for positions, levels, categories and tiers: the plan's named codes, then the codes in use that
    /// it does not name, each with its name in the user's language.
    /// </summary>
    public async Task<AttributeChoices> ChoicesAsync(JixiaoDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var used = await db.Assignments.AsNoTracking().Select(a => new { a.Position, a.Level, a.Category, a.Tier }).Distinct().ToListAsync(ct);
        IReadOnlyList<(string, string)> Of(IReadOnlyDictionary<string, AttributeName>? names, IEnumerable<string> inUse, Func<string, string> name) =>
            [.. (names?.Keys ?? []).Concat(inUse.Where(c => c.Length > 0).Order(StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).Select(c => (c, name(c)))];
        return new AttributeChoices(
            Of(Plan?.Positions, used.Select(u => u.Position), Position),
            Of(Plan?.Levels, used.Select(u => u.Level), Level),
            Of(Plan?.Categories, used.Select(u => u.Category), Category),
            Of(Plan?.Tiers, used.Select(u => u.Tier), Tier));
    }

    /// <summary>The named codes of a section with their names, for lists to choose from.</summary>
    public static IReadOnlyList<(string Code, string Name)> Choices(IReadOnlyDictionary<string, AttributeName>? names) =>
        names is null ? [] : [.. names.Values.Select(n => (n.Code, InLanguage(n, CultureInfo.CurrentUICulture)))];

    private static string Of(IReadOnlyDictionary<string, AttributeName>? names, string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return "—";
        }

        return names is not null && names.TryGetValue(code, out var name) ? InLanguage(name, CultureInfo.CurrentUICulture) : code;
    }

    /// <summary>The name in <paramref name="culture"/>: English, Traditional Chinese (given or converted), else Simplified.</summary>
    public static string InLanguage(AttributeName name, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(name);
        return PlanNames.In(name.Name, name.NameEn, name.NameZhTw, culture);
    }
}

/// <summary>The codes a form offers, with their names: positions, levels, categories, tiers.</summary>
public sealed record AttributeChoices(
    IReadOnlyList<(string Code, string Name)> Positions,
    IReadOnlyList<(string Code, string Name)> Levels,
    IReadOnlyList<(string Code, string Name)> Categories,
    IReadOnlyList<(string Code, string Name)> Tiers)
{
    public static AttributeChoices None { get; } = new([], [], [], []);
}
