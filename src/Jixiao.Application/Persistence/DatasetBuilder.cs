using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Persistence;

/// <summary>A dataset read from the database and the SHA-256 fingerprint of everything in it.</summary>
public sealed record StoredDataset(Dataset Dataset, string Fingerprint);

/// <summary>
/// Reads the database into a Domain <see cref="Dataset"/> for one period: the organisation, each employee as
/// assigned on the period's last day, and every data row dated up to the period's end, sorted by day (then
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

    /// <summary>Reads what a calculation of <paramref name="period"/> needs.</summary>
    public static async Task<StoredDataset> BuildAsync(JixiaoDbContext db, Period period, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var end = period.End;
        var hash = new Fingerprint();

        var units = (await db.OrgUnits.AsNoTracking().ToListAsync(ct).ConfigureAwait(false))
            .OrderBy(u => u.Id, StringComparer.Ordinal)
            .Select(u => new OrgUnit(u.Id, u.Name, u.ParentId, u.ManagerId))
            .ToList();
        foreach (var u in units)
        {
            hash.Add("u", u.Id, u.Name, u.ParentId, u.ManagerId);
        }

        var people = (await db.Employees.AsNoTracking().Include(e => e.Assignments).ToListAsync(ct).ConfigureAwait(false))
            .OrderBy(e => e.Id, StringComparer.Ordinal);
        var employees = new List<Employee>();
        var history = new List<EmployeeAssignment>();
        foreach (var e in people)
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

        var sales = Sorted(await db.Sales.AsNoTracking().Where(s => s.Date <= end).ToListAsync(ct).ConfigureAwait(false), s => s.Date, index);
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
        foreach (var c in (await db.Credits.AsNoTracking().ToListAsync(ct).ConfigureAwait(false)).OrderBy(c => c.ExternalId, StringComparer.Ordinal))
        {
            if (saleRow.TryGetValue(c.SaleId, out var row) && index.TryGetValue(c.EmployeeId, out var emp))
            {
                credits.Add(new Credit(row, emp, c.Share));
                hash.Add("c", c.ExternalId, N(c.Share));
            }
        }

        var collections = Sorted(await db.Collections.AsNoTracking().Where(s => s.Date <= end).ToListAsync(ct).ConfigureAwait(false), s => s.Date, index);
        foreach (var c in collections)
        {
            hash.Add("k", c.ExternalId, c.EmployeeId, CsvText.Date(c.Date), c.Contract, CsvText.Date(c.ContractSigned), N(c.Amount));
        }

        var expenses = Sorted(await db.Expenses.AsNoTracking().Where(s => s.Date <= end).ToListAsync(ct).ConfigureAwait(false), s => s.Date, index);
        foreach (var x in expenses)
        {
            hash.Add("x", x.ExternalId, x.EmployeeId, CsvText.Date(x.Date), x.Category, N(x.Amount));
        }

        var activities = Sorted(await db.Activities.AsNoTracking().Where(s => s.Date <= end).ToListAsync(ct).ConfigureAwait(false), s => s.Date, index);
        foreach (var x in activities)
        {
            hash.Add("a", x.ExternalId, x.EmployeeId, CsvText.Date(x.Date), x.Kind, x.Customer, CsvText.Number(x.Value));
        }

        var targets = (await db.Targets.AsNoTracking().ToListAsync(ct).ConfigureAwait(false)).OrderBy(t => t.ExternalId, StringComparer.Ordinal)
            .Select(t => new TargetRow(t.Subject, t.Metric, t.Period, t.Value, t.Challenge)).ToList();
        foreach (var t in targets)
        {
            hash.Add("t", t.Subject, t.Metric, t.Period, N(t.Value), CsvText.Number(t.Challenge));
        }

        var ratings = (await db.Ratings.AsNoTracking().ToListAsync(ct).ConfigureAwait(false)).OrderBy(t => t.ExternalId, StringComparer.Ordinal)
            .Select(r => new RatingRow(r.EmployeeId, r.Period, r.Indicator, r.Points, r.Rater, r.Comment)).ToList();
        foreach (var r in ratings)
        {
            hash.Add("r", r.Employee, r.Period, r.Indicator, N(r.Points), r.Rater, r.Comment);
        }

        var metrics = (await db.MetricValues.AsNoTracking().ToListAsync(ct).ConfigureAwait(false)).OrderBy(t => t.ExternalId, StringComparer.Ordinal)
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
