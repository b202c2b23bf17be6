using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Access;

/// <summary>How far a principal's view reaches (SPEC §1).</summary>
public enum ScopeKind
{
    /// <summary>Nobody: a signed-in account not linked to an employee and without an all-seeing role.</summary>
    None,

    /// <summary>Only the linked employee.</summary>
    Self,

    /// <summary>The linked employee and everyone in the org units they manage, with their descendants.</summary>
    Subtree,

    /// <summary>Everyone (HR, administrator, finance, integrations).</summary>
    Everyone,
}

/// <summary>
/// The employees one principal may see, computed in one place (<see cref="ForAsync"/>) and checked on every
/// record: <see cref="CanSee"/> for one id, <see cref="Filter{T}"/> for lists.
/// </summary>
public sealed class AccessScope
{
    private readonly HashSet<string> _employees;
    private readonly HashSet<string> _units;
    private readonly HashSet<string> _headed;

    private AccessScope(ScopeKind kind, string? self, HashSet<string> employees, HashSet<string> units, bool ratingComments, HashSet<string>? headed = null)
    {
        Kind = kind;
        Self = self;
        _employees = employees;
        _units = units;
        _headed = headed ?? [];
        SeesRatingComments = ratingComments;
    }

    public ScopeKind Kind { get; }

    /// <summary>The signed-in person's employee id, if the account is linked to one.</summary>
    public string? Self { get; }

    /// <summary>Whether rating comments are visible (finance and integrations see points, not comments).</summary>
    public bool SeesRatingComments { get; }

    /// <summary>The visible employee ids (empty and unused for <see cref="ScopeKind.Everyone"/>).</summary>
    public IReadOnlySet<string> Employees => _employees;

    /// <summary>The org units managed by the principal, with their descendants (empty unless <see cref="ScopeKind.Subtree"/>).</summary>
    public IReadOnlySet<string> Units => _units;

    /// <summary>
    /// The org units the linked employee heads that day (manages directly, not those below): a head is measured on
    /// their unit's results, so these units' targets are the head's own (docs/targets.md).
    /// </summary>
    public IReadOnlySet<string> Headed => _headed;

    /// <summary>Nobody at all.</summary>
    public static AccessScope Nobody { get; } = new(ScopeKind.None, null, [], [], false);

    /// <summary>Everyone, with or without rating comments; <paramref name="self"/> and <paramref name="headed"/> when the account is linked to an employee.</summary>
    public static AccessScope All(bool ratingComments, string? self = null, IEnumerable<string>? headed = null) =>
        new(ScopeKind.Everyone, self, [], [], ratingComments, headed is null ? null : new HashSet<string>(headed, StringComparer.Ordinal));

    /// <summary>Whether the principal may see records of <paramref name="employeeId"/>.</summary>
    public bool CanSee(string? employeeId) =>
        employeeId is not null && (Kind == ScopeKind.Everyone || _employees.Contains(employeeId));

    /// <summary>
    /// Whether the principal may see a stored result of <paramref name="employeeId"/> whose org unit for its period
    /// was <paramref name="orgUnitId"/>: past periods are scoped by the org at the time (docs/transfers.md), so a
    /// supervisor or manager sees their own results and those recorded in a unit they manage or below it,
    /// wherever the person sits today.
    /// </summary>
    public bool CanSeeResult(string? employeeId, string? orgUnitId) =>
        employeeId is not null && (Kind == ScopeKind.Everyone
            || (Kind is ScopeKind.Self or ScopeKind.Subtree && employeeId == Self)
            || (Kind == ScopeKind.Subtree && orgUnitId is not null && _units.Contains(orgUnitId)));

    /// <summary>Keeps the records of visible employees.</summary>
    public IEnumerable<T> Filter<T>(IEnumerable<T> records, Func<T, string?> employeeOf) =>
        Kind == ScopeKind.Everyone ? records : records.Where(r => CanSee(employeeOf(r)));

    /// <summary>
    /// The scope of an account linked to <paramref name="employeeId"/> with the given access level, on
    /// <paramref name="asOf"/>: a manager sees self plus every employee whose assignment in force that day
    /// is in a unit they manage that day or below it (units found through the effective-dated managers and the parent links).
    /// </summary>
    public static async Task<AccessScope> ForAsync(JixiaoDbContext db, string? employeeId, ScopeKind level, bool ratingComments, DateOnly asOf, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (level == ScopeKind.Everyone)
        {
            // Everyone is visible; a linked account still has its own record and the units it heads (its own targets).
            return employeeId is null ? All(ratingComments)
                : All(ratingComments, employeeId, await db.Database.SqlQuery<string>(HeadedSql(employeeId, asOf)).ToListAsync(ct).ConfigureAwait(false));
        }

        if (employeeId is null || level == ScopeKind.None)
        {
            return Nobody;
        }

        if (level == ScopeKind.Self)
        {
            return new AccessScope(ScopeKind.Self, employeeId, [employeeId], [], ratingComments);
        }

        // The managed units and their descendants, walked in the database (recursive CTE over the ParentId index;
        // UNION also stops a cycle in bad org data), and the people assigned there on asOf: one small query (units
        // tagged 'u', people 'p') instead of reading the whole org tree for every request.
        // The units they manage on asOf: an appointment in force that day (unit_managers), or, for a unit that never
        // changed manager, org_units.ManagerId (docs/transfers.md).
        // The units headed that day are tagged 'h' (they are also among the 'u' rows).
        var rows = await db.Database.SqlQuery<ScopeRow>($"""
            WITH RECURSIVE head(id) AS (
                SELECT o."Id" AS id FROM "org_units" o
                WHERE o."ManagerId" = {employeeId} AND NOT EXISTS (SELECT 1 FROM "unit_managers" h WHERE h."OrgUnitId" = o."Id")
                UNION
                SELECT m."OrgUnitId" AS id FROM "unit_managers" m
                WHERE m."ManagerId" = {employeeId} AND m."ValidFrom" <= {asOf} AND (m."ValidTo" IS NULL OR m."ValidTo" > {asOf})),
            sub(id) AS (
                SELECT id FROM head
                UNION
                SELECT u."Id" FROM "org_units" u JOIN sub ON u."ParentId" = sub.id)
            SELECT 'h' AS "Kind", id AS "Value" FROM head
            UNION ALL
            SELECT 'u' AS "Kind", id AS "Value" FROM sub
            UNION ALL
            SELECT 'p' AS "Kind", a."EmployeeId" AS "Value" FROM "assignments" a
            WHERE a."OrgUnitId" IN (SELECT id FROM sub) AND a."ValidFrom" <= {asOf} AND (a."ValidTo" IS NULL OR a."ValidTo" > {asOf})
            """).ToListAsync(ct).ConfigureAwait(false);
        var visible = new HashSet<string>(StringComparer.Ordinal) { employeeId };
        var managed = new HashSet<string>(StringComparer.Ordinal);
        var headed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            (row.Kind switch { "u" => managed, "h" => headed, _ => visible }).Add(row.Value);
        }

        return new AccessScope(ScopeKind.Subtree, employeeId, visible, managed, ratingComments, headed);
    }

    /// <summary>The units <paramref name="employeeId"/> heads on <paramref name="asOf"/> (the same rule as the 'h' rows above).</summary>
    private static FormattableString HeadedSql(string employeeId, DateOnly asOf) => $"""
        SELECT o."Id" AS "Value" FROM "org_units" o
        WHERE o."ManagerId" = {employeeId} AND NOT EXISTS (SELECT 1 FROM "unit_managers" h WHERE h."OrgUnitId" = o."Id")
        UNION
        SELECT m."OrgUnitId" AS "Value" FROM "unit_managers" m
        WHERE m."ManagerId" = {employeeId} AND m."ValidFrom" <= {asOf} AND (m."ValidTo" IS NULL OR m."ValidTo" > {asOf})
        """;

    /// <summary>
    /// The scope of an HR or finance account that covers one org unit (<see cref="AppUser.CoveredUnitId"/>): a subtree
    /// scope over <paramref name="unitId"/> and every unit below it and the people assigned there on
    /// <paramref name="asOf"/>, plus the account's own employee when linked. An unknown unit covers nobody.
    /// </summary>
    public static async Task<AccessScope> ForCoveredUnitAsync(JixiaoDbContext db, string unitId, string? employeeId, bool ratingComments, DateOnly asOf, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(unitId);
        var rows = await db.Database.SqlQuery<ScopeRow>($"""
            WITH RECURSIVE sub(id) AS (
                SELECT o."Id" AS id FROM "org_units" o WHERE o."Id" = {unitId}
                UNION
                SELECT u."Id" FROM "org_units" u JOIN sub ON u."ParentId" = sub.id)
            SELECT 'u' AS "Kind", id AS "Value" FROM sub
            UNION ALL
            SELECT 'p' AS "Kind", a."EmployeeId" AS "Value" FROM "assignments" a
            WHERE a."OrgUnitId" IN (SELECT id FROM sub) AND a."ValidFrom" <= {asOf} AND (a."ValidTo" IS NULL OR a."ValidTo" > {asOf})
            """).ToListAsync(ct).ConfigureAwait(false);
        var visible = new HashSet<string>(StringComparer.Ordinal);
        if (employeeId is not null)
        {
            visible.Add(employeeId);
        }

        var units = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            (row.Kind == "u" ? units : visible).Add(row.Value);
        }

        return new AccessScope(ScopeKind.Subtree, employeeId, visible, units, ratingComments);
    }

    /// <summary>A row of the scope query: a managed unit ("u") or a person assigned below it ("p").</summary>
    private sealed class ScopeRow
    {
        public required string Kind { get; init; }

        public required string Value { get; init; }
    }
}
