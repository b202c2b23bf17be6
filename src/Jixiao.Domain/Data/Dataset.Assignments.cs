using Jixiao.Domain.Organisation;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Data;

/// <summary>Effective-dated assignments (transfers): see docs/transfers.md.</summary>
public sealed partial class Dataset
{
    private IReadOnlyList<EmployeeAssignment> _assignments = [];
    private Mover[] _movers = [];

    /// <summary>
    /// The assignment history of employees (any order). Only employees with more than one assignment matter to
    /// the engine: their team credit follows the transaction date and their scorecard the period's last day.
    /// An employee with one assignment or none is as <see cref="Employees"/> says. Ids not in
    /// <see cref="Employees"/> are ignored.
    /// </summary>
    public IReadOnlyList<EmployeeAssignment> Assignments
    {
        get => _assignments;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _assignments = value;
            _movers = GroupMovers(value);
        }
    }

    /// <summary>Employees with more than one assignment, each with their history sorted by start day.</summary>
    internal IReadOnlyList<Mover> Movers => _movers;

    /// <summary>
    /// This dataset with every moving employee's unit, manager, position, category, level and tier taken from
    /// the assignment in force on the last day of <paramref name="period"/>, or on their leave date when they
    /// left before it. The same object when nobody moved; otherwise a shallow copy sharing every table.
    /// </summary>
    public Dataset ForPeriod(Period period)
    {
        if (_movers.Length == 0)
        {
            return this;
        }

        var employees = new Employee[Employees.Count];
        for (var e = 0; e < employees.Length; e++)
        {
            employees[e] = Employees[e];
        }

        foreach (var mover in _movers)
        {
            var emp = employees[mover.Employee];
            var a = Transfers.InForce(mover.History, Transfers.PlacementDay(emp, period).DayNumber);
            employees[mover.Employee] = emp with
            {
                OrgUnitId = a.OrgUnitId,
                ManagerId = a.ManagerId,
                Position = a.Position,
                Category = a.Category,
                Level = a.Level,
                Tier = a.Tier,
            };
        }

        var view = (Dataset)MemberwiseClone();
        view.Employees = employees;
        return view;
    }

    private Mover[] GroupMovers(IReadOnlyList<EmployeeAssignment> assignments)
    {
        var byEmployee = new Dictionary<int, List<EmployeeAssignment>>();
        foreach (var a in assignments)
        {
            var e = EmployeeIndex(a.EmployeeId);
            if (e < 0)
            {
                continue;
            }

            if (!byEmployee.TryGetValue(e, out var list))
            {
                byEmployee[e] = list = [];
            }

            list.Add(a);
        }

        var movers = new List<Mover>();
        foreach (var (e, list) in byEmployee)
        {
            if (list.Count > 1)
            {
                movers.Add(new Mover(e, [.. list.OrderBy(a => a.ValidFrom)]));
            }
        }

        movers.Sort((x, y) => x.Employee.CompareTo(y.Employee));
        return [.. movers];
    }

    /// <summary>One employee's assignments, sorted by <see cref="EmployeeAssignment.ValidFrom"/>.</summary>
    internal sealed class Mover(int employee, EmployeeAssignment[] history)
    {
        public int Employee { get; } = employee;

        public EmployeeAssignment[] History { get; } = history;
    }
}
