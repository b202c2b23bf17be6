using System.Runtime.CompilerServices;
using Jixiao.Domain.Data;

namespace Jixiao.Application.Import;

internal static partial class ReferenceTables
{
    /// <summary>
    /// Remembers (employee, period, indicator, rater) keys with their first line. The first rater of each
    /// (employee, period, indicator) is kept in arrays per (period, indicator) indexed by employee; further
    /// raters of the same key go to a dictionary. Same answers as one dictionary of 4-tuples, without hashing
    /// a tuple with a string for each of millions of rows.
    /// </summary>
    private sealed class RatingKeys(int employees)
    {
        private readonly Dictionary<int, (int[] Lines, string?[] Raters)> _first = [];
        private Dictionary<(int, int, int, string?), int>? _more;
        private int _lastKey = -1;
        private (int[] Lines, string?[] Raters) _last;

        public bool TryAdd(int e, int p, int i, string? rater, int line, out int firstLine)
        {
            if ((uint)e < (uint)employees && (uint)p < 1 << 15 && (uint)i < 1 << 15 && line > 0)
            {
                var key = (p << 15) | i;
                if (key != _lastKey)
                {
                    if (!_first.TryGetValue(key, out _last))
                    {
                        _last = (new int[employees], new string?[employees]);
                        _first[key] = _last;
                    }

                    _lastKey = key;
                }

                if (_last.Lines[e] == 0)
                {
                    _last.Lines[e] = line;
                    _last.Raters[e] = rater;
                    firstLine = line;
                    return true;
                }

                if (string.Equals(_last.Raters[e], rater, StringComparison.Ordinal))
                {
                    firstLine = _last.Lines[e];
                    return false;
                }
            }

            _more ??= [];
            if (_more.TryAdd((e, p, i, rater), line))
            {
                firstLine = line;
                return true;
            }

            firstLine = _more[(e, p, i, rater)];
            return false;
        }
    }

    public static RatingTable ReadRatings(LoadContext ctx, ErrorList errors, KeyedRows<EmployeeRow> people)
    {
        var path = ctx.PathOf(TableSchemas.Ratings);
        if (!File.Exists(path))
        {
            return RatingTable.Empty;
        }

        var indicators = new Interner();
        var periods = new Interner();
        var periodCodes = new PeriodCodes();
        var raters = new Interner();
        var comments = new Interner();
        var seen = new RatingKeys(people.Rows.Count);
        var lastEmployee = new LastBytes();
        var capacity = EstimateRows(path);
        var employee = new GrowingColumn<int>(capacity);
        var period = new GrowingColumn<int>(capacity);
        var indicator = new GrowingColumn<int>(capacity);
        var points = new GrowingColumn<decimal>(capacity);
        var rater = new GrowingColumn<int>(capacity);
        var comment = new GrowingColumn<int>(capacity);
        var line = new GrowingColumn<int>(capacity);
        SmallTableReader.Read(path, TableSchemas.Ratings, ctx.Options, errors, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (row) =>
        {
            var ok = true;
            var e = -1;
            if (row.Require(0))
            {
                var id = row.Get(0);
                if (lastEmployee.Is(id))
                {
                    e = lastEmployee.Value;
                }
                else
                {
                    e = people.Find(id);
                    if (e >= 0)
                    {
                        lastEmployee.Set(id, e);
                    }
                }

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

            ok &= TryPeriod(row, 1, periods, out var periodText, out var p);
            ok &= TryName(row, 2, indicators, out var indicatorName, out var i);
            ok &= row.TryDecimal(3, true, ValueDecimals, out var value);
            if (!ok)
            {
                return;
            }

            var raterBytes = row.Get(4);
            var raterCode = raterBytes.IsEmpty ? -1 : raters.Get(raterBytes, static t => t, out _);
            var raterName = raterCode < 0 ? null : raters.Values[raterCode];
            if (!seen.TryAdd(e, p, i, raterName, row.Line, out var firstLine))
            {
                var key = people.Rows[e].Employee.Id + " / " + periodText + " / " + indicatorName + (raterName is null ? string.Empty : " / " + raterName);
                row.Error(2, DataErrorCode.DuplicateKey, key, ErrorList.Number(firstLine));
                return;
            }

            var commentBytes = row.Get(5);
            employee.Add(e);
            period.Add(periodCodes.Of(p, periodText));
            indicator.Add(i);
            points.Add(value!.Value);
            rater.Add(raterCode);
            comment.Add(commentBytes.IsEmpty ? -1 : comments.Get(commentBytes, static t => t, out _));
            line.Add(row.Line);
        });
        return new RatingTable(employee.Count, SubjectIds(people, null), employee.Items, periodCodes.Texts, period.Items,
            [.. indicators.Values.Select(x => x!)], indicator.Items, points.Items, [.. raters.Values.Select(x => x!)], rater.Items,
            [.. comments.Values.Select(x => x!)], comment.Items, line.Items);
    }
}
