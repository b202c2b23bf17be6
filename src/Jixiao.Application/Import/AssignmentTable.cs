using System.Runtime.CompilerServices;
using Jixiao.Domain.Data;

namespace Jixiao.Application.Import;

/// <summary>
/// assignments.csv (optional): each employee's effective-dated assignments. For an employee listed there, the
/// rows are the whole history and the one in force today (the latest) replaces employees.csv's unit, manager,
/// position, category, level and tier (docs/data-format.md, docs/transfers.md).
/// </summary>
internal static class AssignmentTable
{
    public static List<EmployeeAssignment> Read(LoadContext ctx, ErrorList errors, KeyedRows<EmployeeRow> people, KeyedRows<OrgUnitRow> org)
    {
        var result = new List<EmployeeAssignment>();
        var path = ctx.PathOf(TableSchemas.Assignments);
        if (!File.Exists(path))
        {
            return result;
        }

        var seen = new Dictionary<(int Employee, int Day), int>();
        SmallTableReader.Read(path, TableSchemas.Assignments, ctx.Options, errors, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (row) =>
        {
            var ok = true;
            var e = -1;
            if (row.Require(0))
            {
                e = people.Find(row.Get(0));
                if (e < 0)
                {
                    if (people.Map is not null)
                    {
                        row.Error(0, DataErrorCode.UnknownEmployee, row.Text(0));
                    }

                    ok = false;
                }
            }
            else
            {
                ok = false;
            }

            if (!row.Require(1))
            {
                ok = false;
            }
            else if (org.Map is not null && org.Find(row.Get(1)) < 0)
            {
                row.Error(1, DataErrorCode.UnknownOrgUnit, row.Text(1));
                ok = false;
            }

            var manager = row.OptionalText(2);
            if (manager is not null && people.Map is not null && people.Find(manager) < 0)
            {
                row.Error(2, DataErrorCode.UnknownEmployee, manager);
                ok = false;
            }

            ok &= row.Require(3);
            ok &= row.TryDate(7, true, out var from);
            if (!ok)
            {
                return;
            }

            if (!seen.TryAdd((e, from), row.Line))
            {
                row.Error(7, DataErrorCode.DuplicateKey, row.Text(0) + " / " + row.Text(7), ErrorList.Number(seen[(e, from)]));
                return;
            }

            result.Add(new EmployeeAssignment(people.Rows[e].Employee.Id, row.Text(1), manager, row.Text(3), row.Text(4), row.Text(5), row.Text(6), DateOnly.FromDayNumber(from)));
        });
        return result;
    }

    /// <summary>Each listed employee as their latest assignment says.</summary>
    public static void ApplyLatest(Employee[] employees, List<EmployeeAssignment> assignments, Func<string, int> indexOf)
    {
        var latest = new Dictionary<int, EmployeeAssignment>();
        foreach (var a in assignments)
        {
            var e = indexOf(a.EmployeeId);
            if (e >= 0 && (!latest.TryGetValue(e, out var best) || a.ValidFrom > best.ValidFrom))
            {
                latest[e] = a;
            }
        }

        foreach (var (e, a) in latest)
        {
            employees[e] = employees[e] with { OrgUnitId = a.OrgUnitId, ManagerId = a.ManagerId, Position = a.Position, Category = a.Category, Level = a.Level, Tier = a.Tier };
        }
    }
}
