using System.Collections;

namespace Jixiao.Domain.Data;

/// <summary>
/// Distinct strings and, per row, the code of one of them: a text column of millions of rows with a handful of
/// distinct values (metric, period, indicator) or a hundred thousand (subject ids) without a reference per row.
/// </summary>
internal static class Codes
{
    /// <summary>Codes rows by <paramref name="text"/> in order of first appearance; null texts get -1.</summary>
    public static (int[] Codes, string[] Values) Of<T>(IReadOnlyList<T> rows, Func<T, string?> text)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var values = new List<string>();
        var codes = new int[rows.Count];
        for (var i = 0; i < codes.Length; i++)
        {
            var t = text(rows[i]);
            if (t is null)
            {
                codes[i] = -1;
                continue;
            }

            if (!index.TryGetValue(t, out var c))
            {
                c = values.Count;
                index[t] = c;
                values.Add(t);
            }

            codes[i] = c;
        }

        return (codes, [.. values]);
    }

    /// <summary>Row indexes grouped by code, each group in row order.</summary>
    public static int[][] Group(ReadOnlySpan<int> codes, int distinct)
    {
        var counts = new int[distinct];
        foreach (var c in codes)
        {
            counts[c]++;
        }

        var groups = new int[distinct][];
        for (var c = 0; c < distinct; c++)
        {
            groups[c] = new int[counts[c]];
        }

        Array.Clear(counts);
        for (var r = 0; r < codes.Length; r++)
        {
            var c = codes[r];
            groups[c][counts[c]++] = r;
        }

        return groups;
    }

    public static void Check(int[] codes, int count, int distinct, bool nullable, string name)
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.Length < count)
        {
            throw new ArgumentException($"Column '{name}' has {codes.Length} rows, expected at least {count}.");
        }

        for (var i = 0; i < count; i++)
        {
            var c = codes[i];
            if (c >= distinct || c < (nullable ? -1 : 0))
            {
                throw new ArgumentException($"Column '{name}' row {i} has code {c}, outside the {distinct} values.");
            }
        }
    }

    public static void Check<T>(T[] column, int count, string name)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (column.Length < count)
        {
            throw new ArgumentException($"Column '{name}' has {column.Length} rows, expected at least {count}.");
        }
    }
}

/// <summary>
/// Targets (目标值) as columns: per row a subject, metric and period code into short lists of distinct strings,
/// the value and challenge and the source line. Millions of rows are a few arrays, not millions of objects;
/// as a list it hands out a <see cref="TargetRow"/> per row read.
/// </summary>
public sealed class TargetTable : IReadOnlyList<TargetRow>
{
    /// <summary>Wraps columns; the arrays may be longer than <paramref name="count"/> (only the first rows are used).</summary>
    public TargetTable(int count, IReadOnlyList<string> subjects, int[] subject, IReadOnlyList<string> metrics, int[] metric,
        IReadOnlyList<string> periods, int[] period, decimal[] value, decimal[] challenge, bool[] hasChallenge, int[] line)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(periods);
        Codes.Check(subject, count, subjects.Count, false, "subject");
        Codes.Check(metric, count, metrics.Count, false, "metric");
        Codes.Check(period, count, periods.Count, false, "period");
        Codes.Check(value, count, "value");
        Codes.Check(challenge, count, "challenge");
        Codes.Check(hasChallenge, count, "challenge");
        Codes.Check(line, count, "line");
        Count = count;
        Subjects = subjects;
        Subject = subject;
        Metrics = metrics;
        Metric = metric;
        Periods = periods;
        Period = period;
        Value = value;
        Challenge = challenge;
        HasChallenge = hasChallenge;
        Line = line;
    }

    /// <summary>No targets.</summary>
    public static TargetTable Empty { get; } = new(0, [], [], [], [], [], [], [], [], [], []);

    public int Count { get; }

    /// <summary>Distinct subject ids (employee or org unit).</summary>
    public IReadOnlyList<string> Subjects { get; }

    /// <summary>Per row: index into <see cref="Subjects"/>.</summary>
    public int[] Subject { get; }

    /// <summary>Distinct metric codes.</summary>
    public IReadOnlyList<string> Metrics { get; }

    /// <summary>Per row: index into <see cref="Metrics"/>.</summary>
    public int[] Metric { get; }

    /// <summary>Distinct periods as written by <see cref="Periods.Period.ToString"/> (e.g. 2026-10).</summary>
    public IReadOnlyList<string> Periods { get; }

    /// <summary>Per row: index into <see cref="Periods"/>.</summary>
    public int[] Period { get; }

    public decimal[] Value { get; }

    /// <summary>Per row: the challenge value when <see cref="HasChallenge"/>.</summary>
    public decimal[] Challenge { get; }

    public bool[] HasChallenge { get; }

    /// <summary>Per row: the line of targets.csv, or 0 when not from a file.</summary>
    public int[] Line { get; }

    /// <summary>Row <paramref name="index"/> as a record (a new object each time).</summary>
    public TargetRow this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return new TargetRow(Subjects[Subject[index]], Metrics[Metric[index]], Periods[Period[index]], Value[index],
                HasChallenge[index] ? Challenge[index] : null, Line[index]);
        }
    }

    /// <summary>Columns of <paramref name="rows"/> (or the table itself when it is one).</summary>
    public static TargetTable From(IReadOnlyList<TargetRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows is TargetTable table)
        {
            return table;
        }

        var (subject, subjects) = Codes.Of(rows, static r => r.Subject);
        var (metric, metrics) = Codes.Of(rows, static r => r.Metric);
        var (period, periods) = Codes.Of(rows, static r => r.Period);
        var n = rows.Count;
        var value = new decimal[n];
        var challenge = new decimal[n];
        var has = new bool[n];
        var line = new int[n];
        for (var i = 0; i < n; i++)
        {
            var r = rows[i];
            value[i] = r.Value;
            has[i] = r.Challenge.HasValue;
            challenge[i] = r.Challenge.GetValueOrDefault();
            line[i] = r.Line;
        }

        return new TargetTable(n, subjects, subject, metrics, metric, periods, period, value, challenge, has, line);
    }

    public IEnumerator<TargetRow> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// Ratings as columns: per row an employee, period, indicator, rater and comment code into lists of distinct
/// strings, the points and the source line. As a list it hands out a <see cref="RatingRow"/> per row read.
/// </summary>
public sealed class RatingTable : IReadOnlyList<RatingRow>
{
    /// <summary>Wraps columns; <paramref name="rater"/> and <paramref name="comment"/> codes are -1 for none.</summary>
    public RatingTable(int count, IReadOnlyList<string> employees, int[] employee, IReadOnlyList<string> periods, int[] period,
        IReadOnlyList<string> indicators, int[] indicator, decimal[] points, IReadOnlyList<string> raters, int[] rater,
        IReadOnlyList<string> comments, int[] comment, int[] line)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(employees);
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(raters);
        ArgumentNullException.ThrowIfNull(comments);
        Codes.Check(employee, count, employees.Count, false, "employee");
        Codes.Check(period, count, periods.Count, false, "period");
        Codes.Check(indicator, count, indicators.Count, false, "indicator");
        Codes.Check(points, count, "points");
        Codes.Check(rater, count, raters.Count, true, "rater");
        Codes.Check(comment, count, comments.Count, true, "comment");
        Codes.Check(line, count, "line");
        Count = count;
        Employees = employees;
        Employee = employee;
        Periods = periods;
        Period = period;
        Indicators = indicators;
        Indicator = indicator;
        Points = points;
        Raters = raters;
        Rater = rater;
        Comments = comments;
        Comment = comment;
        Line = line;
    }

    /// <summary>No ratings.</summary>
    public static RatingTable Empty { get; } = new(0, [], [], [], [], [], [], [], [], [], [], [], []);

    public int Count { get; }

    public IReadOnlyList<string> Employees { get; }

    public int[] Employee { get; }

    public IReadOnlyList<string> Periods { get; }

    public int[] Period { get; }

    public IReadOnlyList<string> Indicators { get; }

    public int[] Indicator { get; }

    public decimal[] Points { get; }

    public IReadOnlyList<string> Raters { get; }

    /// <summary>Per row: index into <see cref="Raters"/>, or -1.</summary>
    public int[] Rater { get; }

    public IReadOnlyList<string> Comments { get; }

    /// <summary>Per row: index into <see cref="Comments"/>, or -1.</summary>
    public int[] Comment { get; }

    /// <summary>Per row: the line of ratings.csv, or 0 when not from a file.</summary>
    public int[] Line { get; }

    /// <summary>Row <paramref name="index"/> as a record (a new object each time).</summary>
    public RatingRow this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            var rater = Rater[index];
            var comment = Comment[index];
            return new RatingRow(Employees[Employee[index]], Periods[Period[index]], Indicators[Indicator[index]], Points[index],
                rater < 0 ? null : Raters[rater], comment < 0 ? null : Comments[comment], Line[index]);
        }
    }

    /// <summary>Columns of <paramref name="rows"/> (or the table itself when it is one).</summary>
    public static RatingTable From(IReadOnlyList<RatingRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows is RatingTable table)
        {
            return table;
        }

        var (employee, employees) = Codes.Of(rows, static r => r.Employee);
        var (period, periods) = Codes.Of(rows, static r => r.Period);
        var (indicator, indicators) = Codes.Of(rows, static r => r.Indicator);
        var (rater, raters) = Codes.Of(rows, static r => r.Rater);
        var (comment, comments) = Codes.Of(rows, static r => r.Comment);
        var n = rows.Count;
        var points = new decimal[n];
        var line = new int[n];
        for (var i = 0; i < n; i++)
        {
            points[i] = rows[i].Points;
            line[i] = rows[i].Line;
        }

        return new RatingTable(n, employees, employee, periods, period, indicators, indicator, points, raters, rater, comments, comment, line);
    }

    public IEnumerator<RatingRow> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
