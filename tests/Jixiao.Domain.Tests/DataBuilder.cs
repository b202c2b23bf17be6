using System.Globalization;
using Jixiao.Domain.Data;

namespace Jixiao.Domain.Tests;

/// <summary>Builds small datasets in code for rule tests; rows may be added in any date order.</summary>
internal sealed class DataBuilder
{
    private readonly List<OrgUnit> _units = [];
    private readonly List<Employee> _employees = [];
    private readonly List<(string Id, string Emp, DateOnly Date, string Product, decimal Units, decimal Amount, decimal Cost, string? Contract, DateOnly? Signed)> _sales = [];
    private readonly List<(string Id, string Emp, DateOnly Date, string Contract, DateOnly? Signed, decimal Amount)> _collections = [];
    private readonly List<(string Id, string Emp, DateOnly Date, string Category, decimal Amount)> _expenses = [];
    private readonly List<(string Id, string Emp, DateOnly Date, string Kind, decimal? Value)> _activities = [];
    private readonly List<(string Sale, string Emp, decimal Share, bool Indirect, string? Referrer)> _credits = [];
    private readonly List<TargetRow> _targets = [];
    private readonly List<RatingRow> _ratings = [];
    private readonly List<DirectValue> _direct = [];
    private readonly List<EmployeeAssignment> _assignments = [];
    private int _next;

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public DataBuilder Unit(string id, string? parent = null, string? manager = null, string? name = null)
    {
        _units.Add(new OrgUnit(id, name ?? id, parent, manager));
        return this;
    }

    public DataBuilder Person(string id, string unit, string position = "salesperson", string level = "core", string category = "", string tier = "",
        string hired = "2020-01-01", string? left = null, string? manager = null)
    {
        _employees.Add(new Employee(id, id.ToUpperInvariant(), unit, manager, position, category, level, tier, D(hired), left is null ? null : D(left)));
        return this;
    }

    /// <summary>An effective-dated assignment (transfer) of an existing person from <paramref name="from"/> on.</summary>
    public DataBuilder Assignment(string emp, string unit, string from, string position = "salesperson", string level = "core", string? manager = null)
    {
        _assignments.Add(new EmployeeAssignment(emp, unit, manager, position, "", level, "", D(from)));
        return this;
    }

    public DataBuilder Sale(string emp, string date, decimal amount, decimal units = 1, decimal cost = 0, string product = "sedan", string? id = null, string? contract = null, string? signed = null)
    {
        _sales.Add((id ?? "S" + (++_next).ToString(CultureInfo.InvariantCulture), emp, D(date), product, units, amount, cost, contract, signed is null ? null : D(signed)));
        return this;
    }

    public DataBuilder Collection(string emp, string date, decimal amount, string contract, string? signed, string? id = null)
    {
        _collections.Add((id ?? "C" + (++_next).ToString(CultureInfo.InvariantCulture), emp, D(date), contract, signed is null ? null : D(signed), amount));
        return this;
    }

    public DataBuilder Expense(string emp, string date, decimal amount, string category = "travel")
    {
        _expenses.Add(("X" + (++_next).ToString(CultureInfo.InvariantCulture), emp, D(date), category, amount));
        return this;
    }

    public DataBuilder Activity(string emp, string date, string kind, decimal? value = null, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _activities.Add(("A" + (++_next).ToString(CultureInfo.InvariantCulture), emp, D(date), kind, value));
        }

        return this;
    }

    public DataBuilder Credit(string sale, string emp, decimal share, bool indirect = false, string? referrer = null)
    {
        _credits.Add((sale, emp, share, indirect, referrer));
        return this;
    }

    public DataBuilder Target(string subject, string metric, string period, decimal value, decimal? challenge = null)
    {
        _targets.Add(new TargetRow(subject, metric, period, value, challenge, _targets.Count + 2));
        return this;
    }

    public DataBuilder Rating(string emp, string period, string indicator, decimal points)
    {
        _ratings.Add(new RatingRow(emp, period, indicator, points, "rater", null, _ratings.Count + 2));
        return this;
    }

    public DataBuilder Input(string subject, string metric, string period, decimal value)
    {
        _direct.Add(new DirectValue(subject, metric, period, value, _direct.Count + 2));
        return this;
    }

    public Dataset Build()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _employees.Count; i++)
        {
            index[_employees[i].Id] = i;
        }

        var sales = _sales.OrderBy(s => s.Date.DayNumber).ToList();
        var saleRow = sales.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var salesTable = new SalesTable(
            StringColumn.From(sales.Select(s => s.Id)),
            [.. sales.Select(s => index[s.Emp])],
            [.. sales.Select(s => s.Date.DayNumber)],
            StringColumn.From(sales.Select(_ => "cust")),
            CategoryColumn.From(sales.Select(s => s.Product)),
            [.. sales.Select(s => (long)(s.Units * Columns.Scale))],
            [.. sales.Select(s => (long)(s.Amount * 100))],
            [.. sales.Select(s => (long)(s.Cost * 100))],
            StringColumn.From(sales.Select(s => s.Contract ?? "")),
            [.. sales.Select(s => s.Signed?.DayNumber ?? Columns.NoDay)]);

        var col = _collections.OrderBy(c => c.Date.DayNumber).ToList();
        var collections = new CollectionsTable(
            StringColumn.From(col.Select(c => c.Id)),
            [.. col.Select(c => index[c.Emp])],
            [.. col.Select(c => c.Date.DayNumber)],
            StringColumn.From(col.Select(c => c.Contract)),
            [.. col.Select(c => c.Signed?.DayNumber ?? Columns.NoDay)],
            [.. col.Select(c => (long)(c.Amount * 100))]);

        var exp = _expenses.OrderBy(x => x.Date.DayNumber).ToList();
        var expenses = new ExpensesTable(
            StringColumn.From(exp.Select(x => x.Id)),
            [.. exp.Select(x => index[x.Emp])],
            [.. exp.Select(x => x.Date.DayNumber)],
            CategoryColumn.From(exp.Select(x => x.Category)),
            [.. exp.Select(x => (long)(x.Amount * 100))]);

        var act = _activities.OrderBy(a => a.Date.DayNumber).ToList();
        var activities = new ActivitiesTable(
            StringColumn.From(act.Select(a => a.Id)),
            [.. act.Select(a => index[a.Emp])],
            [.. act.Select(a => a.Date.DayNumber)],
            CategoryColumn.From(act.Select(a => a.Kind)),
            StringColumn.From(act.Select(_ => "cust")),
            [.. act.Select(a => a.Value is { } v ? (long)(v * Columns.Scale) : Columns.NoValue)]);

        var credits = _credits.Select(c => new Credit(saleRow[c.Sale], index[c.Emp], c.Share, c.Indirect, c.Referrer)).ToList();
        return new Dataset(_units, _employees, salesTable, collections, expenses, activities, credits, _targets, _ratings, _direct) { Assignments = _assignments };
    }
}
