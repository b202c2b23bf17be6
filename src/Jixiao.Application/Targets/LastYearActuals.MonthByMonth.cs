using Jixiao.Application.Datasets;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Targets;

public static partial class LastYearActuals
{
    /// <summary>
    /// The previous way, kept as the reference the aggregate read is tested against and as its fallback: each month of the
    /// year is a <see cref="Dataset"/> with the organisation and everyone as placed on the <b>year's</b> last day (with the
    /// assignment history for transfers) and only that month's rows of the metric's source (sales with their split
    /// credits), computed by the engine; a person's year is the sum of their twelve months
    /// (<see cref="MetricActuals.Accumulator"/>). About ten minutes at 100,000 people and 10 million sales.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, decimal?>> MonthByMonthAsync(
        JixiaoDbContext db, Plan plan, MetricDefinition metric, int yearNumber, IReadOnlyCollection<string> subjects, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(subjects);
        if (!MetricActuals.IsAdditive(metric))
        {
            throw new ArgumentException($"Metric '{metric.Code}' is not additive.", nameof(metric));
        }

        var structure = await StructureAsync(db, new DateOnly(yearNumber, 12, 31), ct).ConfigureAwait(false);
        var total = new MetricActuals.Accumulator(plan, metric.Code);
        foreach (var month in new Period(PeriodKind.Year, yearNumber, 1).Months())
        {
            total.Add(await MonthAsync(db, structure, metric.Source, month, ct).ConfigureAwait(false), month);
        }

        return total.Result(subjects);
    }

    /// <summary>The organisation and everyone as placed on the year's last day, with the assignment history of movers.</summary>
    private sealed record Structure(List<OrgUnit> Units, List<Employee> Employees, List<EmployeeAssignment> History, Dictionary<string, int> Index);

    private static async Task<Structure> StructureAsync(JixiaoDbContext db, DateOnly end, CancellationToken ct)
    {
        // Unit managers as appointed on that day too (docs/transfers.md), as DatasetBuilder reads them.
        var appointed = await Organisation.UnitManagers.OnAsync(db, end, ct).ConfigureAwait(false);
        var units = (await db.OrgUnits.AsNoTracking().ToListAsync(ct).ConfigureAwait(false))
            .OrderBy(u => u.Id, StringComparer.Ordinal)
            .Select(u => new OrgUnit(u.Id, u.Name, u.ParentId, Organisation.UnitManagers.Of(appointed, u.Id, u.ManagerId)))
            .ToList();
        var staff = (await db.Employees.AsNoTracking().Include(e => e.Assignments).ToListAsync(ct).ConfigureAwait(false)).OrderBy(e => e.Id, StringComparer.Ordinal);
        var employees = new List<Employee>();
        var history = new List<EmployeeAssignment>();
        foreach (var e in staff)
        {
            // The same placement as DatasetBuilder: the assignment of the period's last day.
            var a = DatasetBuilder.Current(e.Assignments, end);
            if (a is null)
            {
                continue;
            }

            if (e.Assignments.Count > 1)
            {
                history.AddRange(e.Assignments.OrderBy(x => x.ValidFrom)
                    .Select(h => new EmployeeAssignment(e.Id, h.OrgUnitId, h.ManagerId, h.Position, h.Category, h.Level, h.Tier, h.ValidFrom)));
            }

            employees.Add(new Employee(e.Id, e.Name, a.OrgUnitId, a.ManagerId, a.Position, a.Category, a.Level, a.Tier, e.HireDate, e.LeaveDate));
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < employees.Count; i++)
        {
            index[employees[i].Id] = i;
        }

        return new Structure(units, employees, history, index);
    }

    /// <summary>One row of a source, as the engine's columns hold it (text the additive metrics never read is left out).</summary>
    private readonly record struct Lean(string Id, int Employee, int Day, string Category, long A, long B, long C, int Signed);

    private static async Task<Dataset> MonthAsync(JixiaoDbContext db, Structure s, MetricSource source, Period month, CancellationToken ct)
    {
        DateOnly from = month.Start, to = month.End;
        List<Lean> rows;
        List<Credit> credits = [];
        switch (source)
        {
            case MetricSource.Sales:
                {
                    var raw = await db.Sales.AsNoTracking().Where(r => r.Date >= from && r.Date <= to)
                        .Select(r => new { r.ExternalId, r.EmployeeId, r.Date, r.Product, r.Units, r.Amount, r.Cost, r.ContractSigned })
                        .ToListAsync(ct).ConfigureAwait(false);
                    rows = Sorted(raw.Where(r => s.Index.ContainsKey(r.EmployeeId))
                        .Select(r => new Lean(r.ExternalId, s.Index[r.EmployeeId], r.Date.DayNumber, r.Product, Scaled(r.Units), Cents(r.Amount), Cents(r.Cost), r.ContractSigned?.DayNumber ?? Columns.NoDay)));
                    var saleRow = new Dictionary<string, int>(StringComparer.Ordinal);
                    for (var i = 0; i < rows.Count; i++)
                    {
                        saleRow[rows[i].Id] = i;
                    }

                    var creditRows = await db.Credits.AsNoTracking()
                        .Where(c => db.Sales.Any(x => x.ExternalId == c.SaleId && x.Date >= from && x.Date <= to))
                        .Select(c => new { c.ExternalId, c.SaleId, c.EmployeeId, c.Share, c.Indirect, c.Referrer })
                        .ToListAsync(ct).ConfigureAwait(false);
                    foreach (var c in creditRows.OrderBy(c => c.ExternalId, StringComparer.Ordinal))
                    {
                        if (saleRow.TryGetValue(c.SaleId, out var row) && s.Index.TryGetValue(c.EmployeeId, out var emp))
                        {
                            credits.Add(new Credit(row, emp, c.Share, c.Indirect, c.Referrer));
                        }
                    }

                    break;
                }

            case MetricSource.Collections:
                rows = Sorted((await db.Collections.AsNoTracking().Where(r => r.Date >= from && r.Date <= to)
                        .Select(r => new { r.ExternalId, r.EmployeeId, r.Date, r.Amount, r.ContractSigned }).ToListAsync(ct).ConfigureAwait(false))
                    .Where(r => s.Index.ContainsKey(r.EmployeeId))
                    .Select(r => new Lean(r.ExternalId, s.Index[r.EmployeeId], r.Date.DayNumber, "", Cents(r.Amount), 0, 0, r.ContractSigned?.DayNumber ?? Columns.NoDay)));
                break;
            case MetricSource.Expenses:
                rows = Sorted((await db.Expenses.AsNoTracking().Where(r => r.Date >= from && r.Date <= to)
                        .Select(r => new { r.ExternalId, r.EmployeeId, r.Date, r.Category, r.Amount }).ToListAsync(ct).ConfigureAwait(false))
                    .Where(r => s.Index.ContainsKey(r.EmployeeId))
                    .Select(r => new Lean(r.ExternalId, s.Index[r.EmployeeId], r.Date.DayNumber, r.Category, Cents(r.Amount), 0, 0, Columns.NoDay)));
                break;
            default:
                rows = Sorted((await db.Activities.AsNoTracking().Where(r => r.Date >= from && r.Date <= to)
                        .Select(r => new { r.ExternalId, r.EmployeeId, r.Date, r.Kind, r.Value }).ToListAsync(ct).ConfigureAwait(false))
                    .Where(r => s.Index.ContainsKey(r.EmployeeId))
                    .Select(r => new Lean(r.ExternalId, s.Index[r.EmployeeId], r.Date.DayNumber, r.Kind, r.Value is { } v ? Scaled(v) : Columns.NoValue, 0, 0, Columns.NoDay)));
                break;
        }

        List<Lean> none = [];
        List<Lean> Of(MetricSource which) => source == which ? rows : none;
        var sales = Of(MetricSource.Sales);
        var collections = Of(MetricSource.Collections);
        var expenses = Of(MetricSource.Expenses);
        var activities = Of(MetricSource.Activities);
        return new Dataset(
            s.Units,
            s.Employees,
            new SalesTable(
                StringColumn.From(sales.Select(r => r.Id)),
                [.. sales.Select(r => r.Employee)],
                [.. sales.Select(r => r.Day)],
                StringColumn.From(sales.Select(_ => "")),
                CategoryColumn.From(sales.Select(r => r.Category)),
                [.. sales.Select(r => r.A)],
                [.. sales.Select(r => r.B)],
                [.. sales.Select(r => r.C)],
                StringColumn.From(sales.Select(_ => "")),
                [.. sales.Select(r => r.Signed)]),
            new CollectionsTable(
                StringColumn.From(collections.Select(r => r.Id)),
                [.. collections.Select(r => r.Employee)],
                [.. collections.Select(r => r.Day)],
                StringColumn.From(collections.Select(_ => "")),
                [.. collections.Select(r => r.Signed)],
                [.. collections.Select(r => r.A)]),
            new ExpensesTable(
                StringColumn.From(expenses.Select(r => r.Id)),
                [.. expenses.Select(r => r.Employee)],
                [.. expenses.Select(r => r.Day)],
                CategoryColumn.From(expenses.Select(r => r.Category)),
                [.. expenses.Select(r => r.A)]),
            new ActivitiesTable(
                StringColumn.From(activities.Select(r => r.Id)),
                [.. activities.Select(r => r.Employee)],
                [.. activities.Select(r => r.Day)],
                CategoryColumn.From(activities.Select(r => r.Category)),
                StringColumn.From(activities.Select(_ => "")),
                [.. activities.Select(r => r.A)]),
            credits,
            [],
            [],
            [])
        { Assignments = s.History };
    }

    // Day first, then external id, as DatasetBuilder orders rows (the engine needs day order).
    private static List<Lean> Sorted(IEnumerable<Lean> rows)
    {
        var list = rows.ToList();
        list.Sort((a, b) => a.Day != b.Day ? a.Day.CompareTo(b.Day) : string.CompareOrdinal(a.Id, b.Id));
        return list;
    }

    private static long Cents(decimal amount) => (long)(amount * 100m);

    private static long Scaled(decimal value) => (long)(value * Columns.Scale);
}
