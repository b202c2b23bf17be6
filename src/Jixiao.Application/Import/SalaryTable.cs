using Jixiao.Domain.Compensation.Ledger;

namespace Jixiao.Application.Import;

/// <summary>
/// salaries.csv (optional): each employee's monthly fixed pay from a date on (effective-dated), for the pay ledger
/// (docs/data-format.md, docs/pay-ledger.md). Errors: unknown employee, invalid date or amount, a negative amount, the same
/// employee and effective_from twice.
/// </summary>
internal static class SalaryTable
{
    public static List<SalaryRow> Read(LoadContext ctx, ErrorList errors, KeyedRows<EmployeeRow> people)
    {
        var result = new List<SalaryRow>();
        var path = ctx.PathOf(TableSchemas.Salaries);
        if (!File.Exists(path))
        {
            return result;
        }

        var seen = new Dictionary<(int Employee, int Day), int>();
        SmallTableReader.Read(path, TableSchemas.Salaries, ctx.Options, errors, row =>
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

            ok &= row.TryDate(1, true, out var from);
            ok &= row.TryDecimal(2, true, 2, out var amount);
            if (!ok)
            {
                return;
            }

            if (!seen.TryAdd((e, from), row.Line))
            {
                row.Error(1, DataErrorCode.DuplicateKey, row.Text(0) + " / " + row.Text(1), ErrorList.Number(seen[(e, from)]));
                return;
            }

            result.Add(new SalaryRow(people.Rows[e].Employee.Id, DateOnly.FromDayNumber(from), amount!.Value));
        });
        return result;
    }
}
