namespace Jixiao.Domain.Periods;

/// <summary>
/// A period still open on the day a calculation is made (docs/decisions/0018-projection.md): its projection scales
/// what happened so far linearly to the period's end, by calendar days.
/// </summary>
public static class OpenPeriod
{
    /// <summary>Whether <paramref name="asOf"/> lies inside <paramref name="period"/> before its last day (the period is still open).</summary>
    public static bool IsOpen(Period period, DateOnly? asOf) => asOf is { } d && d >= period.Start && d < period.End;

    /// <summary>Calendar days from the period's first day up to and including <paramref name="asOf"/>, and the days of the period.</summary>
    public static (int Elapsed, int Days) DaysOf(Period period, DateOnly asOf) =>
        (asOf.DayNumber - period.Start.DayNumber + 1, period.End.DayNumber - period.Start.DayNumber + 1);

    /// <summary><paramref name="actual"/> projected to the period's end: actual × days ÷ elapsed (multiplied first, so 10 × 31 ÷ 10 is exactly 31).</summary>
    public static decimal Project(decimal actual, int elapsed, int days) => actual * days / elapsed;
}
