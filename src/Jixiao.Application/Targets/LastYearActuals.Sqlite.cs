using System.Text;
using Jixiao.Application.Datasets;
using Jixiao.Application.Import;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Data;
using Jixiao.Domain.Plans;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Jixiao.Application.Targets;

public static partial class LastYearActuals
{
    /// <summary>Categories (products, kinds, expense categories) summed in the dense array; others go through the groups' table.</summary>
    private const int DenseCategories = 16;

    /// <summary>
    /// SQLite: the year's rows streamed through SQLite's own statement interface and summed here. SQLite has no hash
    /// aggregate (its GROUP BY sorts all 10 million rows: three quarters of the time) and ADO.NET's reader costs more per
    /// row than SQLite itself; here a row costs one step and a few column reads without allocation: the employee id is
    /// looked up from its UTF-8 bytes, and the stored decimal text is read exactly into cents or 1/10,000 (no double).
    /// False when a stored value is not plain decimal text or has more decimals than its unit (then the month-by-month
    /// path reads the year).
    /// </summary>
    private static bool StreamSqlite(SqliteConnection connection, PeriodReader.Sql sql, Shape shape, Domain.Periods.Period year, Utf8Index employees, Groups groups, Func<Groups> newGroups, CancellationToken ct)
    {
        var text = shape.Source switch
        {
            MetricSource.Sales => RowQuery<SaleRow>(sql, shape),
            MetricSource.Collections => RowQuery<CollectionRow>(sql, shape),
            MetricSource.Expenses => RowQuery<ExpenseRow>(sql, shape),
            _ => RowQuery<ActivityRow>(sql, shape),
        };

        // Two halves of the year side by side, the second on a connection of its own (WAL: readers do not block each
        // other): SQLite's stepping is most of the time and runs on one core per statement.
        var middle = new DateOnly(year.Start.Year, 7, 1);
        var second = newGroups();
        var other = Task.Run(
            () =>
            {
                using var own = new SqliteConnection(connection.ConnectionString);
                own.Open();
                return StreamPart(own, text, middle, year.End, shape, employees, second, ct);
            },
            ct);
        var first = StreamPart(connection, text, year.Start, middle.AddDays(-1), shape, employees, groups, ct);
        var secondRead = other.GetAwaiter().GetResult();
        if (!first || !secondRead)
        {
            return false;
        }

        groups.Merge(second);
        return true;
    }

    /// <summary>Streams the rows dated [<paramref name="from"/>, <paramref name="to"/>] into <paramref name="groups"/>.</summary>
    private static bool StreamPart(SqliteConnection connection, string text, DateOnly from, DateOnly to, Shape shape, Utf8Index employees, Groups groups, CancellationToken ct)
    {
        Check(connection, raw.sqlite3_prepare_v2(connection.Handle, text, out var statement));
        using (statement)
        {
            Check(connection, raw.sqlite3_bind_text(statement, 1, Date(from)));
            Check(connection, raw.sqlite3_bind_text(statement, 2, Date(to)));
            var keptDay = shape.DayOfEveryone || shape.DayOfMovers;
            var values = new long[shape.Sums.Length];
            var lastCategory = new byte[64];
            var lastLength = -1;
            var lastCode = -1;
            var noCategory = groups.Code("");
            var rows = 0;
            // Rows whose group keeps no day and no contract date (most) are summed into one cell per (employee, category,
            // valued) of a dense array first: no hashing, one cache line per row; handed to the groups at the end.
            var keepsDates = shape.DayOfEveryone || shape.Signed is not null;
            var width = 1 + values.Length;
            var slots = shape.Source == MetricSource.Activities ? 2 : 1;
            var cells = keepsDates ? [] : new long[checked(employees.Count * DenseCategories * slots * width)];
            int step;
            while ((step = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                if ((++rows & 0xFFFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }

                var employee = employees.Find(raw.sqlite3_column_blob(statement, 0));
                if (employee < 0)
                {
                    continue;
                }

                var o = 1;
                var code = noCategory;
                if (shape.Category is not null)
                {
                    var category = raw.sqlite3_column_blob(statement, o++);
                    if (category.Length != lastLength || !category.SequenceEqual(lastCategory.AsSpan(0, lastLength)))
                    {
                        lastCode = groups.Code(Encoding.UTF8.GetString(category));
                        lastLength = category.Length <= lastCategory.Length ? category.Length : -1;
                        if (lastLength >= 0)
                        {
                            category.CopyTo(lastCategory);
                        }
                    }

                    code = lastCode;
                }

                var day = Columns.NoDay;
                if (keptDay && !DayOf(statement, o++, out day))
                {
                    return false;
                }

                var signed = Columns.NoDay;
                if (shape.Signed is not null && !DayOf(statement, o++, out signed))
                {
                    return false;
                }

                // A column's bytes as text (SQLite writes an integer's digits; NULL is empty, and no stored decimal is empty).
                var valued = true;
                for (var i = 0; i < values.Length; i++)
                {
                    var stored = raw.sqlite3_column_blob(statement, o + i);
                    if (stored.IsEmpty)
                    {
                        valued = false;
                    }
                    else if (!ScaledText(stored, shape.Scales[i], out values[i]))
                    {
                        return false;
                    }
                }

                if (!keepsDates && (uint)code < DenseCategories && (day == Columns.NoDay || !groups.KeepsDayOf(employee)))
                {
                    var cell = ((((employee * DenseCategories) + code) * slots) + (valued ? slots - 1 : 0)) * width;
                    cells[cell]++;
                    if (valued)
                    {
                        for (var i = 0; i < values.Length; i++)
                        {
                            cells[cell + 1 + i] += values[i];
                        }
                    }

                    continue;
                }

                groups.AddRow(employee, code, day, signed, valued ? values : null);
            }

            for (var cell = 0; cell < cells.Length; cell += width)
            {
                if (cells[cell] > 0)
                {
                    var valued = slots == 1 || (cell / width) % 2 == 1;
                    var key = cell / width / slots;
                    groups.AddCell(key / DenseCategories, key % DenseCategories, cells[cell], valued ? cells.AsSpan(cell + 1, values.Length) : default, valued);
                }
            }

            if (step != raw.SQLITE_DONE)
            {
                Check(connection, step);
            }
        }

        return true;
    }

    private static string RowQuery<T>(PeriodReader.Sql sql, Shape shape)
        where T : DataRow
    {
        string C(string property) => "t." + sql.Column<T>(property);
        var columns = new List<string> { C("EmployeeId") };
        if (shape.Category is { } category)
        {
            columns.Add(C(category));
        }

        if (shape.DayOfEveryone || shape.DayOfMovers)
        {
            columns.Add(C("Date"));
        }

        if (shape.Signed is { } signed)
        {
            columns.Add(C(signed));
        }

        columns.AddRange(shape.Sums.Select(C));
        return $"SELECT {string.Join(", ", columns)} FROM {sql.Table<T>()} t WHERE {C("Date")} >= ?1 AND {C("Date")} <= ?2";
    }

    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A stored date (text yyyy-MM-dd, as the model writes it) as a day number; NoDay for NULL.</summary>
    private static bool DayOf(sqlite3_stmt statement, int column, out int day)
    {
        var t = raw.sqlite3_column_blob(statement, column);
        if (t.IsEmpty)
        {
            day = Columns.NoDay;
            return true;
        }

        return DayText(t, out day);
    }

    /// <summary>A date stored as the model writes it (UTF-8 text yyyy-MM-dd) as a day number; false for any other form.</summary>
    internal static bool DayText(ReadOnlySpan<byte> t, out int day)
    {
        day = Columns.NoDay;
        if (t.Length != 10 || t[4] != '-' || t[7] != '-')
        {
            return false;
        }

        int y = Digits(t[..4]), m = Digits(t[5..7]), d = Digits(t[8..]);
        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return false;
        }

        day = new DateOnly(y, m, d).DayNumber;
        return true;

        static int Digits(ReadOnlySpan<byte> s)
        {
            var v = 0;
            foreach (var b in s)
            {
                if (b is < (byte)'0' or > (byte)'9')
                {
                    return -1;
                }

                v = (v * 10) + (b - '0');
            }

            return v;
        }
    }

    /// <summary>
    /// Plain decimal text ([-]digits[.digits], as the model writes decimals: "141000.0", "-12.35"; an integer's digits)
    /// × <paramref name="scale"/> (100 or 10,000) as an exact long; false for anything else, for more decimals than the
    /// scale holds (other than trailing zeros) and beyond 10¹⁷ of the unit.
    /// </summary>
    internal static bool ScaledText(ReadOnlySpan<byte> text, long scale, out long value)
    {
        value = 0;
        var negative = text.Length > 0 && text[0] == '-';
        var i = negative ? 1 : 0;
        long whole = 0;
        var digits = 0;
        for (; i < text.Length && text[i] != '.'; i++, digits++)
        {
            if (text[i] is < (byte)'0' or > (byte)'9' || digits >= 17)
            {
                return false;
            }

            whole = (whole * 10) + (text[i] - '0');
        }

        if (digits == 0)
        {
            return false;
        }

        long fraction = 0;
        var unit = scale;
        if (i < text.Length)
        {
            i++;
            if (i == text.Length)
            {
                return false;
            }

            for (; i < text.Length; i++)
            {
                if (text[i] is < (byte)'0' or > (byte)'9')
                {
                    return false;
                }

                if (unit == 1)
                {
                    // More decimals than the unit holds: only zeros may follow.
                    if (text[i] != '0')
                    {
                        return false;
                    }

                    continue;
                }

                unit /= 10;
                fraction += (text[i] - '0') * unit;
            }
        }

        if (whole >= 100_000_000_000_000_000 / scale)
        {
            return false;
        }

        value = (whole * scale) + fraction;
        if (negative)
        {
            value = -value;
        }

        return true;
    }

    private static void Check(SqliteConnection connection, int code)
    {
        if (code is not (raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE))
        {
            throw new SqliteException(raw.sqlite3_errmsg(connection.Handle).utf8_to_string(), code);
        }
    }
}
