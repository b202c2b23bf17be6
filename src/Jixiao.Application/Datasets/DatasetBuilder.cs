using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Jixiao.Application.Import;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Datasets;

/// <summary>A dataset read from the database and the SHA-256 fingerprint of everything in it.</summary>
public sealed record StoredDataset(Dataset Dataset, string Fingerprint);

/// <summary>
/// Reads the database into a Domain <see cref="Dataset"/> for one period: the organisation (with each unit's manager
/// in force on the period's last day), each employee as assigned on the period's last day, and every data row dated up to the period's end, sorted by day (then
/// external id, so the order never depends on the database).
/// </summary>
public static class DatasetBuilder
{
    /// <summary>The assignment in force on <paramref name="day"/> (or, with null, the latest); before the first one, the first.</summary>
    public static Assignment? Current(IEnumerable<Assignment> assignments, DateOnly? day)
    {
        Assignment? first = null, best = null;
        foreach (var a in assignments)
        {
            if (first is null || a.ValidFrom < first.ValidFrom)
            {
                first = a;
            }

            var inForce = day is null ? a.ValidTo is null : a.ValidFrom <= day && (a.ValidTo is null || a.ValidTo > day);
            if (inForce && (best is null || a.ValidFrom > best.ValidFrom))
            {
                best = a;
            }
        }

        return best ?? (day is null ? assignments.MaxBy(a => a.ValidFrom) : first);
    }

    /// <summary>
    /// <paramref name="e"/> as the engine sees them on <paramref name="day"/> (or, with null, as assigned last): unit, manager,
    /// position, category, level and tier of the assignment in force (<see cref="Current"/>).
    /// </summary>
    public static Employee EmployeeOn(EmployeeEntity e, DateOnly? day)
    {
        ArgumentNullException.ThrowIfNull(e);
        var a = Current(e.Assignments, day);
        return new Employee(e.Id, e.Name, a?.OrgUnitId ?? "", a?.ManagerId, a?.Position ?? "", a?.Category ?? "", a?.Level ?? "", a?.Tier ?? "", e.HireDate, e.LeaveDate);
    }

    /// <summary>Reads what a calculation of <paramref name="period"/> needs.</summary>
    public static Task<StoredDataset> BuildAsync(JixiaoDbContext db, Period period, CancellationToken ct = default) =>
        BuildAsync(db, period, null, ct);

    /// <summary>
    /// Reads only what one person's numbers depend on, e.g. to explain them: every org unit; the person and, when
    /// the plan has team metrics (<paramref name="team"/>), everyone whose team subtree they head or belong to
    /// (as assigned on the period's last day), with all their rows; the sales credited to them and every credit of
    /// those sales (their sellers and co-credited people join as employees without rows of their own); targets and
    /// metric values of those people and of the units above and below the person. The person's results computed
    /// from it equal those computed from <see cref="BuildAsync(JixiaoDbContext, Period, CancellationToken)"/>; other people's may not.
    /// </summary>
    public static async Task<StoredDataset> BuildForAsync(JixiaoDbContext db, Period period, string employee, bool team, CancellationToken ct = default)
    {
        var (people, subjects) = await ScopeForAsync(db, period, employee, team, ct).ConfigureAwait(false);
        return await BuildAsync(db, period, new Restriction(people, subjects), ct).ConfigureAwait(false);
    }

    /// <summary>The people whose rows and the subjects whose targets and direct values one person's numbers depend on.</summary>
    internal static async Task<(HashSet<string> People, HashSet<string> Subjects)> ScopeForAsync(JixiaoDbContext db, Period period, string employee, bool team, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(employee);
        var end = period.End;
        var appointed = await Organisation.UnitManagers.OnAsync(db, end, ct).ConfigureAwait(false);
        var units = (await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId, u.ManagerId }).ToListAsync(ct).ConfigureAwait(false))
            .Select(u => new { u.Id, u.ParentId, ManagerId = Organisation.UnitManagers.Of(appointed, u.Id, u.ManagerId) }).ToList();
        var parent = units.ToDictionary(u => u.Id, u => u.ParentId, StringComparer.Ordinal);
        var children = units.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!, u => u.Id, StringComparer.Ordinal);
        var own = await db.Assignments.AsNoTracking().Where(a => a.EmployeeId == employee).ToListAsync(ct).ConfigureAwait(false);
        var ownUnit = Current(own, end)?.OrgUnitId;

        // Units whose targets or direct values the person's numbers may read: their own unit and its ancestors,
        // and every unit they manage with its descendants.
        var subjects = new HashSet<string>(StringComparer.Ordinal) { employee };
        for (var (u, guard) = (ownUnit, 0); u is not null && guard <= units.Count && subjects.Add(u); guard++)
        {
            u = parent.GetValueOrDefault(u);
        }

        var managed = Descendants(units.Where(u => u.ManagerId == employee).Select(u => u.Id), children);
        subjects.UnionWith(managed);

        var people = new HashSet<string>(StringComparer.Ordinal) { employee };
        if (team)
        {
            // The team is the subtree of a unit they manage, else of their own unit (OrgTree.TeamUnit); both are covered.
            var teamUnits = Descendants(ownUnit is null ? managed : [.. managed, ownUnit], children);
            subjects.UnionWith(teamUnits);
            var unitList = teamUnits.ToArray();
            var candidates = await db.Assignments.AsNoTracking().Where(a => EF.Parameter(unitList).Contains(a.OrgUnitId))
                .Select(a => a.EmployeeId).Distinct().ToArrayAsync(ct).ConfigureAwait(false);
            var history = await db.Assignments.AsNoTracking().Where(a => EF.Parameter(candidates).Contains(a.EmployeeId)).ToListAsync(ct).ConfigureAwait(false);
            foreach (var g in history.GroupBy(a => a.EmployeeId, StringComparer.Ordinal))
            {
                // Team rows are credited to the unit of their date (transfers), so everyone assigned to a team unit at
                // any time the period's rows can fall in belongs here, not only those there on its last day.
                if (g.Any(a => teamUnits.Contains(a.OrgUnitId) && a.ValidFrom <= end && (a.ValidTo is null || a.ValidTo > period.Start))
                    || (Current(g, end) is { } now && teamUnits.Contains(now.OrgUnitId)))
                {
                    people.Add(g.Key);
                }
            }
        }

        subjects.UnionWith(people);
        return (people, subjects);
    }

    private static HashSet<string> Descendants(IEnumerable<string> roots, ILookup<string, string> children)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(roots);
        while (stack.TryPop(out var unit))
        {
            if (result.Add(unit))
            {
                foreach (var child in children[unit])
                {
                    stack.Push(child);
                }
            }
        }

        return result;
    }

    private static IQueryable<T> Only<T>(IQueryable<T> query, Restriction? only, System.Linq.Expressions.Expression<Func<T, bool>> filter) =>
        only is null ? query : query.Where(filter);

    /// <summary>The people whose rows are read and the subjects whose targets and direct values are read.</summary>
    private sealed record Restriction(HashSet<string> People, HashSet<string> Subjects);

    private static async Task<StoredDataset> BuildAsync(JixiaoDbContext db, Period period, Restriction? only, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var end = period.End;
        var hash = new Fingerprint();
        var people = only?.People.ToArray() ?? [];
        var subjects = only?.Subjects.ToArray() ?? [];

        // Restricted: the sales credited to the people, then the sellers and co-credited people of every sale read.
        string[] creditedSales = only is null ? []
            : await db.Credits.AsNoTracking().Where(c => EF.Parameter(people).Contains(c.EmployeeId)).Select(c => c.SaleId).Distinct().ToArrayAsync(ct).ConfigureAwait(false);
        var salesQuery = db.Sales.AsNoTracking().Where(s => s.Date <= end);
        if (only is not null)
        {
            salesQuery = salesQuery.Where(s => EF.Parameter(people).Contains(s.EmployeeId) || EF.Parameter(creditedSales).Contains(s.ExternalId));
        }

        var saleRows = await salesQuery.ToListAsync(ct).ConfigureAwait(false);
        List<CreditRow> creditRows;
        if (only is null)
        {
            creditRows = await db.Credits.AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
        }
        else
        {
            var saleIds = saleRows.Select(s => s.ExternalId).ToArray();
            creditRows = await db.Credits.AsNoTracking().Where(c => EF.Parameter(saleIds).Contains(c.SaleId)).ToListAsync(ct).ConfigureAwait(false);
        }

        var extras = only is null ? null
            : saleRows.Select(s => s.EmployeeId).Concat(creditRows.Select(c => c.EmployeeId)).Where(e => !only.People.Contains(e)).ToHashSet(StringComparer.Ordinal);

        // Unit managers as in force on the period's last day (docs/transfers.md), like the employees' assignments.
        var appointed = await Organisation.UnitManagers.OnAsync(db, end, ct).ConfigureAwait(false);
        var units = (await db.OrgUnits.AsNoTracking().ToListAsync(ct).ConfigureAwait(false))
            .OrderBy(u => u.Id, StringComparer.Ordinal)
            .Select(u => new OrgUnit(u.Id, u.Name, u.ParentId, Organisation.UnitManagers.Of(appointed, u.Id, u.ManagerId)))
            .ToList();
        foreach (var u in units)
        {
            hash.Add("u", u.Id, u.Name, u.ParentId, u.ManagerId);
        }

        var everyone = only is null ? db.Employees.AsNoTracking()
            : db.Employees.AsNoTracking().Where(e => EF.Parameter(people).Contains(e.Id) || EF.Parameter(extras!.ToArray()).Contains(e.Id));
        var staff = (await everyone.Include(e => e.Assignments).ToListAsync(ct).ConfigureAwait(false))
            .OrderBy(e => e.Id, StringComparer.Ordinal);
        var employees = new List<Employee>();
        var history = new List<EmployeeAssignment>();
        foreach (var e in staff)
        {
            var a = Current(e.Assignments, end);
            if (a is null)
            {
                continue;
            }

            // Transfers: the engine credits team rows by date and picks the assignment of the period's last day.
            if (e.Assignments.Count > 1)
            {
                foreach (var h in e.Assignments.OrderBy(x => x.ValidFrom))
                {
                    history.Add(new EmployeeAssignment(e.Id, h.OrgUnitId, h.ManagerId, h.Position, h.Category, h.Level, h.Tier, h.ValidFrom));
                    hash.Add("h", e.Id, h.OrgUnitId, h.ManagerId, h.Position, h.Category, h.Level, h.Tier, CsvText.Date(h.ValidFrom));
                }
            }

            employees.Add(new Employee(e.Id, e.Name, a.OrgUnitId, a.ManagerId, a.Position, a.Category, a.Level, a.Tier, e.HireDate, e.LeaveDate));
            hash.Add("e", e.Id, e.Name, a.OrgUnitId, a.ManagerId, a.Position, a.Category, a.Level, a.Tier, CsvText.Date(e.HireDate), CsvText.Date(e.LeaveDate));
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < employees.Count; i++)
        {
            index[employees[i].Id] = i;
        }

        var sales = Sorted(saleRows, s => s.Date, index);
        foreach (var s in sales)
        {
            hash.Add("s", s.ExternalId, s.EmployeeId, CsvText.Date(s.Date), s.Customer, s.Product, N(s.Units), N(s.Amount), N(s.Cost), s.Contract, CsvText.Date(s.ContractSigned));
        }

        var saleRow = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < sales.Count; i++)
        {
            saleRow[sales[i].ExternalId] = i;
        }

        var credits = new List<Credit>();
        foreach (var c in creditRows.OrderBy(c => c.ExternalId, StringComparer.Ordinal))
        {
            if (saleRow.TryGetValue(c.SaleId, out var row) && index.TryGetValue(c.EmployeeId, out var emp))
            {
                credits.Add(new Credit(row, emp, c.Share, c.Indirect, c.Referrer));
                hash.Add("c", c.ExternalId, N(c.Share));
                if (c.Indirect || c.Referrer is not null)
                {
                    // Only then: the hash of data without these credit rules stays what it was.
                    hash.Add("ci", c.Indirect ? "1" : "0", c.Referrer ?? "");
                }
            }
        }

        var collections = Sorted(await Only(db.Collections.AsNoTracking().Where(s => s.Date <= end), only, s => EF.Parameter(people).Contains(s.EmployeeId)).ToListAsync(ct).ConfigureAwait(false), s => s.Date, index);
        foreach (var c in collections)
        {
            hash.Add("k", c.ExternalId, c.EmployeeId, CsvText.Date(c.Date), c.Contract, CsvText.Date(c.ContractSigned), N(c.Amount));
        }

        var expenses = Sorted(await Only(db.Expenses.AsNoTracking().Where(s => s.Date <= end), only, s => EF.Parameter(people).Contains(s.EmployeeId)).ToListAsync(ct).ConfigureAwait(false), s => s.Date, index);
        foreach (var x in expenses)
        {
            hash.Add("x", x.ExternalId, x.EmployeeId, CsvText.Date(x.Date), x.Category, N(x.Amount));
        }

        var activities = Sorted(await Only(db.Activities.AsNoTracking().Where(s => s.Date <= end), only, s => EF.Parameter(people).Contains(s.EmployeeId)).ToListAsync(ct).ConfigureAwait(false), s => s.Date, index);
        foreach (var x in activities)
        {
            hash.Add("a", x.ExternalId, x.EmployeeId, CsvText.Date(x.Date), x.Kind, x.Customer, CsvText.Number(x.Value));
        }

        var targets = (await Only(db.Targets.AsNoTracking(), only, t => EF.Parameter(subjects).Contains(t.Subject)).ToListAsync(ct).ConfigureAwait(false)).OrderBy(t => t.ExternalId, StringComparer.Ordinal)
            .Select(t => new TargetRow(t.Subject, t.Metric, t.Period, t.Value, t.Challenge)).ToList();
        foreach (var t in targets)
        {
            hash.Add("t", t.Subject, t.Metric, t.Period, N(t.Value), CsvText.Number(t.Challenge));
        }

        var ratings = (await Only(db.Ratings.AsNoTracking(), only, r => EF.Parameter(people).Contains(r.EmployeeId)).ToListAsync(ct).ConfigureAwait(false)).OrderBy(t => t.ExternalId, StringComparer.Ordinal)
            .Select(r => new RatingRow(r.EmployeeId, r.Period, r.Indicator, r.Points, r.Rater, r.Comment)).ToList();
        foreach (var r in ratings)
        {
            hash.Add("r", r.Employee, r.Period, r.Indicator, N(r.Points), r.Rater, r.Comment);
        }

        var metrics = (await Only(db.MetricValues.AsNoTracking(), only, m => EF.Parameter(subjects).Contains(m.Subject)).ToListAsync(ct).ConfigureAwait(false)).OrderBy(t => t.ExternalId, StringComparer.Ordinal)
            .Select(m => new DirectValue(m.Subject, m.Metric, m.Period, m.Value)).ToList();
        foreach (var m in metrics)
        {
            hash.Add("m", m.Subject, m.Metric, m.Period, N(m.Value));
        }

        var dataset = new Dataset(
            units,
            employees,
            new SalesTable(
                StringColumn.From(sales.Select(s => s.ExternalId)),
                [.. sales.Select(s => index[s.EmployeeId])],
                [.. sales.Select(s => s.Date.DayNumber)],
                StringColumn.From(sales.Select(s => s.Customer)),
                CategoryColumn.From(sales.Select(s => s.Product)),
                [.. sales.Select(s => Scaled(s.Units))],
                [.. sales.Select(s => Cents(s.Amount))],
                [.. sales.Select(s => Cents(s.Cost))],
                StringColumn.From(sales.Select(s => s.Contract)),
                [.. sales.Select(s => s.ContractSigned?.DayNumber ?? Columns.NoDay)]),
            new CollectionsTable(
                StringColumn.From(collections.Select(s => s.ExternalId)),
                [.. collections.Select(s => index[s.EmployeeId])],
                [.. collections.Select(s => s.Date.DayNumber)],
                StringColumn.From(collections.Select(s => s.Contract)),
                [.. collections.Select(s => s.ContractSigned?.DayNumber ?? Columns.NoDay)],
                [.. collections.Select(s => Cents(s.Amount))]),
            new ExpensesTable(
                StringColumn.From(expenses.Select(s => s.ExternalId)),
                [.. expenses.Select(s => index[s.EmployeeId])],
                [.. expenses.Select(s => s.Date.DayNumber)],
                CategoryColumn.From(expenses.Select(s => s.Category)),
                [.. expenses.Select(s => Cents(s.Amount))]),
            new ActivitiesTable(
                StringColumn.From(activities.Select(s => s.ExternalId)),
                [.. activities.Select(s => index[s.EmployeeId])],
                [.. activities.Select(s => s.Date.DayNumber)],
                CategoryColumn.From(activities.Select(s => s.Kind)),
                StringColumn.From(activities.Select(s => s.Customer)),
                [.. activities.Select(s => s.Value is { } v ? Scaled(v) : Columns.NoValue)]),
            credits,
            targets,
            ratings,
            metrics)
        { Assignments = history };
        return new StoredDataset(dataset, hash.Finish());
    }

    // Day first, then external id: the engine needs day order; the id order makes it independent of the database.
    private static List<T> Sorted<T>(List<T> rows, Func<T, DateOnly> day, Dictionary<string, int> employees)
        where T : DataRow
    {
        rows.RemoveAll(r => !employees.ContainsKey(EmployeeOf(r)));
        rows.Sort((a, b) =>
        {
            var c = day(a).CompareTo(day(b));
            return c != 0 ? c : string.CompareOrdinal(a.ExternalId, b.ExternalId);
        });
        return rows;
    }

    private static string EmployeeOf(DataRow row) => row switch
    {
        SaleRow s => s.EmployeeId,
        CollectionRow c => c.EmployeeId,
        ExpenseRow x => x.EmployeeId,
        ActivityRow a => a.EmployeeId,
        _ => throw new ArgumentException("Not a transaction row.", nameof(row)),
    };

    private static long Cents(decimal amount) => (long)(amount * 100m);

    private static long Scaled(decimal value) => (long)(value * Columns.Scale);

    // Normalised so 12.5 and 12.50 (PostgreSQL numeric vs SQLite text) hash the same.
    private static string N(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    private sealed class Fingerprint
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public void Add(params string?[] fields)
        {
            foreach (var f in fields)
            {
                _hash.AppendData(Encoding.UTF8.GetBytes(f ?? "\u0000"));
                _hash.AppendData([0x1F]);
            }

            _hash.AppendData([0x1E]);
        }

        public string Finish()
        {
            var hex = Convert.ToHexStringLower(_hash.GetHashAndReset());
            _hash.Dispose();
            return hex;
        }
    }
}
