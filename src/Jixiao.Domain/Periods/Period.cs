using System.Globalization;

namespace Jixiao.Domain.Periods;

/// <summary>The length of an assessment period.</summary>
public enum PeriodKind
{
    Month,
    Quarter,
    Half,
    Year,
}

/// <summary>An assessment period (考核周期): a calendar month, quarter, half-year or year.</summary>
public readonly record struct Period(PeriodKind Kind, int Year, int Index) : IComparable<Period>
{
    /// <summary>First day of the period.</summary>
    public DateOnly Start => new(Year, FirstMonth, 1);

    /// <summary>Last day of the period (inclusive); computed without stepping past it, so 9999-12 ends on 9999-12-31.</summary>
    public DateOnly End => new(Year, LastMonth, DateTime.DaysInMonth(Year, LastMonth));

    /// <summary>The calendar month (1–12) the period starts in.</summary>
    public int FirstMonth => Kind switch
    {
        PeriodKind.Month => Index,
        PeriodKind.Quarter => ((Index - 1) * 3) + 1,
        PeriodKind.Half => ((Index - 1) * 6) + 1,
        _ => 1,
    };

    /// <summary>The calendar month (1–12) the period ends in.</summary>
    public int LastMonth => FirstMonth + MonthCount - 1;

    /// <summary>How many months the period spans.</summary>
    public int MonthCount => Kind switch
    {
        PeriodKind.Month => 1,
        PeriodKind.Quarter => 3,
        PeriodKind.Half => 6,
        _ => 12,
    };

    /// <summary>The months of this period, in order.</summary>
    public IEnumerable<Period> Months()
    {
        for (var m = FirstMonth; m <= LastMonth; m++)
        {
            yield return new Period(PeriodKind.Month, Year, m);
        }
    }

    /// <summary>Whether <paramref name="date"/> falls in this period.</summary>
    public bool Contains(DateOnly date) => date >= Start && date <= End;

    /// <summary>Whether <paramref name="other"/> lies completely inside this period.</summary>
    public bool Contains(Period other) => other.Start >= Start && other.End <= End;

    /// <summary>The month, quarter, half or year containing <paramref name="date"/>.</summary>
    public static Period Containing(DateOnly date, PeriodKind kind) => kind switch
    {
        PeriodKind.Month => new Period(kind, date.Year, date.Month),
        PeriodKind.Quarter => new Period(kind, date.Year, ((date.Month - 1) / 3) + 1),
        PeriodKind.Half => new Period(kind, date.Year, ((date.Month - 1) / 6) + 1),
        _ => new Period(kind, date.Year, 1),
    };

    /// <summary>Parses <c>2026-10</c>, <c>2026-Q4</c>, <c>2026-H2</c> or <c>2026</c>; years 1900 … 2100 (<see cref="Data.RecordDates"/>).</summary>
    public static bool TryParse(string? text, out Period period)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        if (s.Length < 4 || !int.TryParse(s.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || !Data.RecordDates.ContainsYear(year))
        {
            return false;
        }

        if (s.Length == 4)
        {
            period = new Period(PeriodKind.Year, year, 1);
            return true;
        }

        if (s[4] != '-' || s.Length < 6)
        {
            return false;
        }

        var rest = s.AsSpan(5);
        if (rest.Length == 2 && (rest[0] == 'Q' || rest[0] == 'q') && rest[1] is >= '1' and <= '4')
        {
            period = new Period(PeriodKind.Quarter, year, rest[1] - '0');
            return true;
        }

        if (rest.Length == 2 && (rest[0] == 'H' || rest[0] == 'h') && rest[1] is >= '1' and <= '2')
        {
            period = new Period(PeriodKind.Half, year, rest[1] - '0');
            return true;
        }

        if (rest.Length == 2 && int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12)
        {
            period = new Period(PeriodKind.Month, year, month);
            return true;
        }

        return false;
    }

    /// <summary>Parses a period or throws <see cref="FormatException"/>.</summary>
    public static Period Parse(string text) =>
        TryParse(text, out var p) ? p : throw new FormatException($"'{text}' is not a period (2026-10, 2026-Q4, 2026-H2 or 2026).");

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        PeriodKind.Month => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Index:D2}"),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Index}"),
        PeriodKind.Half => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-H{Index}"),
        _ => Year.ToString("D4", CultureInfo.InvariantCulture),
    };

    /// <inheritdoc />
    public int CompareTo(Period other)
    {
        var c = Start.CompareTo(other.Start);
        return c != 0 ? c : MonthCount.CompareTo(other.MonthCount);
    }

    public static bool operator <(Period left, Period right) => left.CompareTo(right) < 0;

    public static bool operator >(Period left, Period right) => left.CompareTo(right) > 0;

    public static bool operator <=(Period left, Period right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Period left, Period right) => left.CompareTo(right) >= 0;
}
