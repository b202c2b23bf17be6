using Jixiao.Domain.Calculation;
using Jixiao.Domain.Plans;

namespace Jixiao.Bench;

/// <summary>Turns jixiao's results into <see cref="PersonTotals"/> (the integers DuckDB's SQL produces).</summary>
internal static class JixiaoTotals
{
    /// <summary>Loads the bench plan, throwing with every problem when it is invalid.</summary>
    public static Plan LoadPlan(string path)
    {
        var loaded = PlanLoader.LoadFile(path);
        if (loaded.Plan is null)
        {
            throw new InvalidOperationException("Invalid plan " + path + ":" + Environment.NewLine
                + string.Join(Environment.NewLine, loaded.Problems.Select(p => p.ToString())));
        }

        return loaded.Plan;
    }

    public static List<PersonTotals> Of(CalculationResult result)
    {
        var list = new List<PersonTotals>(result.Results.Count);
        foreach (var r in result.Results)
        {
            var points = new long[PersonTotals.Indicators.Count];
            for (var i = 0; i < points.Length; i++)
            {
                points[i] = long.MinValue;
                foreach (var ind in r.Indicators)
                {
                    if (ind.Code == PersonTotals.Indicators[i])
                    {
                        points[i] = Scaled(ind.Points, 100);
                    }
                }
            }

            var pay = new long[PersonTotals.Pay.Count];
            for (var i = 0; i < pay.Length; i++)
            {
                pay[i] = long.MinValue;
                foreach (var line in r.Pay)
                {
                    if (line.Component == PersonTotals.Pay[i])
                    {
                        pay[i] = Scaled(line.Amount, 100);
                    }
                }
            }

            list.Add(new PersonTotals(r.Employee, points, Scaled(r.Total, 100), r.Grade ?? "", r.Coefficient is { } c ? Scaled(c, 10_000) : long.MinValue, pay));
        }

        list.Sort((a, b) => string.CompareOrdinal(a.Employee, b.Employee));
        return list;
    }

    /// <summary>The value in units of 1/<paramref name="scale"/>; throws when it has finer digits (it is rounded already).</summary>
    private static long Scaled(decimal value, int scale)
    {
        var scaled = value * scale;
        if (scaled != decimal.Truncate(scaled))
        {
            throw new InvalidOperationException($"{value} has more digits than 1/{scale}.");
        }

        return decimal.ToInt64(scaled);
    }
}
