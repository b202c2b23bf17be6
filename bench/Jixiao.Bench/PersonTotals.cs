namespace Jixiao.Bench;

/// <summary>
/// One person's outcome in integers, the form both engines are compared in: indicator points and the
/// total in hundredths of a point, the coefficient in 1/10,000, pay lines in cents.
/// </summary>
internal sealed record PersonTotals(
    string Employee,
    long[] IndicatorCenti,
    long TotalCenti,
    string Grade,
    long Coefficient4,
    long[] PayCents)
{
    /// <summary>Indicator codes of bench-plan.yaml, in scorecard order.</summary>
    public static IReadOnlyList<string> Indicators { get; } = ["sales", "gross_margin", "new_leads", "followup", "satisfaction", "attitude"];

    /// <summary>Pay component codes of bench-plan.yaml, in plan order.</summary>
    public static IReadOnlyList<string> Pay { get; } = ["performance_bonus", "vehicle_bonus", "margin_bonus"];

    public long PayTotalCents
    {
        get
        {
            long sum = 0;
            foreach (var p in PayCents)
            {
                sum += p;
            }

            return sum;
        }
    }

    public bool SameAs(PersonTotals other) =>
        Employee == other.Employee
        && IndicatorCenti.AsSpan().SequenceEqual(other.IndicatorCenti)
        && TotalCenti == other.TotalCenti
        && Grade == other.Grade
        && Coefficient4 == other.Coefficient4
        && PayCents.AsSpan().SequenceEqual(other.PayCents);

    public override string ToString() =>
        $"{Employee}: points [{string.Join(", ", IndicatorCenti)}] total {TotalCenti} grade {Grade} coefficient {Coefficient4} pay [{string.Join(", ", PayCents)}]";
}
