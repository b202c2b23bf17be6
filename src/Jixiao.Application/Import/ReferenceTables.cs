using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Data;

namespace Jixiao.Application.Import;

/// <summary>Reading and checking of the reference tables: org units, employees, credits, targets, ratings, metrics.</summary>
internal static partial class ReferenceTables
{
    private const int ValueDecimals = 4;

    public static KeyedRows<OrgUnitRow> ReadOrgUnits(LoadContext ctx, ErrorList errors)
    {
        var data = new KeyedRows<OrgUnitRow>();
        var path = ctx.PathOf(TableSchemas.OrgUnits);
        if (!File.Exists(path))
        {
            errors.Add(0, 0, null, DataErrorCode.MissingFile);
            return data;
        }

        data.Map = SmallTableReader.Read(path, TableSchemas.OrgUnits, ctx.Options, errors, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (row) =>
        {
            _ = row.Require(0) & row.Require(1);
            data.AddId(row, 0, r => data.Rows[r].Line);
            data.Rows.Add(new OrgUnitRow(new OrgUnit(row.Text(0), row.Text(1), row.OptionalText(2), row.OptionalText(3)), row.Line));
        });
        return data;
    }

    public static KeyedRows<EmployeeRow> ReadEmployees(LoadContext ctx, ErrorList errors, KeyedRows<OrgUnitRow> org)
    {
        var data = new KeyedRows<EmployeeRow>();
        var path = ctx.PathOf(TableSchemas.Employees);
        if (!File.Exists(path))
        {
            errors.Add(0, 0, null, DataErrorCode.MissingFile);
            return data;
        }

        data.Map = SmallTableReader.Read(path, TableSchemas.Employees, ctx.Options, errors, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (row) =>
        {
            _ = row.Require(0) & row.Require(1) & row.Require(4);
            if (row.Require(2) && org.Map is not null && org.Find(row.Get(2)) < 0)
            {
                row.Error(2, DataErrorCode.UnknownOrgUnit, row.Text(2));
            }

            var hireOk = row.TryDate(8, true, out var hire);
            var leaveOk = row.TryDate(9, false, out var leave);
            if (hireOk && leaveOk && leave != Columns.NoDay && leave < hire)
            {
                row.Error(9, DataErrorCode.LeaveBeforeHire, row.Text(9), row.Text(8));
            }

            data.AddId(row, 0, r => data.Rows[r].Line);
            var employee = new Employee(
                row.Text(0),
                row.Text(1),
                row.Text(2),
                row.OptionalText(3),
                row.Text(4),
                row.Text(5),
                row.Text(6),
                row.Text(7),
                hireOk ? DateOnly.FromDayNumber(hire) : default,
                leaveOk && leave != Columns.NoDay ? DateOnly.FromDayNumber(leave) : null);
            data.Rows.Add(new EmployeeRow(employee, row.Line));
        });
        return data;
    }

    /// <summary>Parents exist, exactly one root, no cycles, managers are employees.</summary>
    public static void CheckOrgUnits(KeyedRows<OrgUnitRow> org, KeyedRows<EmployeeRow> people, ErrorList errors)
    {
        var map = org.Map;
        if (map is null)
        {
            return;
        }

        var rows = org.Rows;
        var parent = new int[rows.Count];
        var firstRoot = -1;
        for (var i = 0; i < rows.Count; i++)
        {
            var (unit, line) = rows[i];
            parent[i] = -1;
            if (unit.ParentId is null)
            {
                if (unit.Id.Length == 0)
                {
                    continue;
                }

                if (firstRoot < 0)
                {
                    firstRoot = i;
                }
                else
                {
                    errors.Add(line, map.Position(0), map.Names[0], DataErrorCode.MultipleRootOrgUnits,
                        unit.Id, rows[firstRoot].Unit.Id, ErrorList.Number(rows[firstRoot].Line));
                }
            }
            else
            {
                parent[i] = org.Find(unit.ParentId);
                if (parent[i] < 0)
                {
                    errors.Add(line, map.Position(2), map.Names[2], DataErrorCode.UnknownOrgUnit, unit.ParentId);
                }
            }

            if (unit.ManagerId is not null && people.Map is not null && people.Find(unit.ManagerId) < 0)
            {
                errors.Add(line, map.Position(3), map.Names[3], DataErrorCode.UnknownEmployee, unit.ManagerId);
            }
        }

        if (firstRoot < 0)
        {
            errors.Add(0, 0, null, DataErrorCode.NoRootOrgUnit);
        }

        // Walk up from every unit; meeting a unit on the current path closes a cycle.
        var state = new byte[rows.Count]; // 0 unseen, 1 on the current path, 2 done
        var path = new List<int>();
        for (var start = 0; start < rows.Count; start++)
        {
            path.Clear();
            var u = start;
            while (u >= 0 && state[u] == 0)
            {
                state[u] = 1;
                path.Add(u);
                u = parent[u];
            }

            if (u >= 0 && state[u] == 1)
            {
                var from = path.IndexOf(u);
                var cycle = path.GetRange(from, path.Count - from);
                var first = cycle.MinBy(i => rows[i].Line);
                var at = cycle.IndexOf(first);
                var names = new StringBuilder();
                for (var k = 0; k <= cycle.Count; k++)
                {
                    if (k > 0)
                    {
                        names.Append(" → ");
                    }

                    names.Append(rows[cycle[(at + k) % cycle.Count]].Unit.Id);
                }

                errors.Add(rows[first].Line, map.Position(2), map.Names[2], DataErrorCode.OrgCycle, names.ToString());
            }

            foreach (var p in path)
            {
                state[p] = 2;
            }
        }
    }

    /// <summary>Managers are employees.</summary>
    public static void CheckEmployees(KeyedRows<EmployeeRow> people, ErrorList errors)
    {
        var map = people.Map;
        if (map is null)
        {
            return;
        }

        foreach (var (employee, line) in people.Rows)
        {
            if (employee.ManagerId is not null && people.Find(employee.ManagerId) < 0)
            {
                errors.Add(line, map.Position(3), map.Names[3], DataErrorCode.UnknownEmployee, employee.ManagerId);
            }
        }
    }

    /// <summary>A credit row as read: the sale's row in file order; indirect sale (§五.1) and external referrer (§五.4).</summary>
    internal readonly record struct CreditRow(int SaleRow, int Employee, decimal Share, bool Indirect = false, string? Referrer = null);

    /// <summary>
    /// A credit's kind (credits.csv <c>kind</c>): empty or direct/直接 = false, indirect/间接/間接 = true, else null.
    /// </summary>
    public static bool? ParseCreditKind(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "direct" or "直接" => false,
        "indirect" or "间接" or "間接" => true,
        _ => null,
    };

    public static List<CreditRow> ReadCredits(LoadContext ctx, ErrorList errors, RowIdIndex? sales, Utf8Index? employees)
    {
        var result = new List<CreditRow>();
        var path = ctx.PathOf(TableSchemas.Credits);
        if (!File.Exists(path))
        {
            return result;
        }

        var seen = new Dictionary<long, int>();
        var sums = new Dictionary<int, (decimal Sum, int Line, string Sale, bool Broken)>();
        var order = new List<int>();
        var map = SmallTableReader.Read(path, TableSchemas.Credits, ctx.Options, errors, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (row) =>
        {
            var sale = -1;
            if (row.Require(0))
            {
                sale = sales?.Find(row.Get(0)) ?? -1;
                if (sale < 0)
                {
                    row.Error(0, DataErrorCode.UnknownSale, row.Text(0));
                }
            }

            var employee = -1;
            if (row.Require(1) && employees is not null)
            {
                employee = employees.Find(row.Get(1));
                if (employee < 0)
                {
                    row.Error(1, DataErrorCode.UnknownEmployee, row.Text(1));
                }
            }

            decimal share = 0;
            var shareOk = false;
            var v = row.Get(2);
            if (row.Require(2))
            {
                var status = NumberParser.ParseDecimal(v, CreditSplit.ShareDecimals, NumberOptions.Percent | NumberOptions.AllowNegative, 1_000_000m, out share);
                shareOk = status == NumberStatus.Ok && share > 0m && share <= 1m;
                if (!shareOk)
                {
                    row.Error(2, DataErrorCode.InvalidShare, ErrorList.Text(v));
                }
            }

            if (sale < 0)
            {
                return;
            }

            if (!sums.TryGetValue(sale, out var sum))
            {
                sum = (0m, row.Line, row.Text(0), false);
                order.Add(sale);
            }

            sums[sale] = (sum.Sum + share, sum.Line, sum.Sale, sum.Broken || !shareOk || employee < 0);
            if (employee < 0)
            {
                return;
            }

            var key = ((long)sale << 32) | (uint)employee;
            if (!seen.TryAdd(key, row.Line))
            {
                row.Error(1, DataErrorCode.DuplicateKey, row.Text(0) + " / " + row.Text(1), ErrorList.Number(seen[key]));
                return;
            }

            var kindText = row.OptionalText(3);
            var indirect = ParseCreditKind(kindText);
            if (indirect is null)
            {
                row.Error(3, DataErrorCode.InvalidCreditKind, kindText!);
                return;
            }

            result.Add(new CreditRow(sale, employee, share, indirect.Value, row.OptionalText(4)));
        });

        if (map is not null)
        {
            foreach (var sale in order)
            {
                var (sum, line, id, broken) = sums[sale];
                if (!broken && sum != 1m)
                {
                    errors.Add(line, map.Position(2), map.Names[2], DataErrorCode.SharesDoNotSumToOne, id,
                        sum.ToString("0.############", CultureInfo.InvariantCulture));
                }
            }
        }

        return result;
    }
}
