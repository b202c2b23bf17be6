using System.Globalization;
using System.Text;

namespace Jixiao.Domain.Periods;

/// <summary>A problem in a company calendar file: the line (1-based), the column's name and the message.</summary>
public sealed record CalendarFileProblem(int Line, string Column, string Code, IReadOnlyList<object?> Arguments)
{
    /// <summary>"FILE:LINE: COLUMN: message" in <paramref name="culture"/>.</summary>
    public string Format(string file, CultureInfo? culture = null) =>
        CalendarText.Format("CalendarFile_Problem", culture, file, Line, Column, CalendarText.Format(Code, culture, [.. Arguments]));
}

/// <summary>The days read from a company calendar file, or the problems (then no day is taken).</summary>
public sealed record CompanyCalendarFileResult(IReadOnlyList<CompanyDay> Days, IReadOnlyList<CalendarFileProblem> Problems)
{
    public bool Ok => Problems.Count == 0;
}

/// <summary>
/// A company calendar as CSV (UTF-8, header <c>date,kind,name</c>): one line per day the company changes, with
/// <c>kind</c> <c>holiday</c> (a day off) or <c>working</c> (a working day) and an optional name, e.g.
/// <c>2026-12-31,holiday,公司年会</c>. Lines starting with # are comments. Fields may be quoted ("a, b").
/// All or nothing: any problem and no day is taken (docs/calendar.md).
/// </summary>
public static class CompanyCalendarFile
{
    /// <summary>The longest name a company day may have.</summary>
    public const int MaxNameLength = 100;

    /// <summary>The kind of a company day as written in files and the API: holiday or working.</summary>
    public static bool TryParseKind(string? text, out bool isWorking)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "holiday":
                isWorking = false;
                return true;
            case "working":
                isWorking = true;
                return true;
            default:
                isWorking = false;
                return false;
        }
    }

    /// <summary>The file word for a company day's kind.</summary>
    public static string KindText(bool isWorking) => isWorking ? "working" : "holiday";

    /// <summary>Reads the file's text.</summary>
    public static CompanyCalendarFileResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var days = new List<CompanyDay>();
        var problems = new List<CalendarFileProblem>();
        var firstLine = new Dictionary<DateOnly, int>();
        var header = false;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].TrimEnd('\r');
            if (i == 0)
            {
                line = line.TrimStart('\uFEFF');
            }

            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var cells = Split(line);
            if (cells is null)
            {
                problems.Add(new(number, "name", "CalendarFile_Quote", []));
                continue;
            }

            if (!header)
            {
                header = true;
                if (cells.Count is < 2 or > 3 || !Is(cells[0], "date") || !Is(cells[1], "kind") || (cells.Count == 3 && !Is(cells[2], "name")))
                {
                    problems.Add(new(number, "date", "CalendarFile_Header", []));
                    break;
                }

                continue;
            }

            if (cells.Count is < 2 or > 3)
            {
                problems.Add(new(number, "date", "CalendarFile_Columns", [cells.Count]));
                continue;
            }

            var dateText = cells[0].Trim();
            var dateOk = DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
            if (!dateOk)
            {
                problems.Add(new(number, "date", "CalendarFile_Date", [dateText]));
            }
            else if (!WorkingDayCalendar.Supports(date))
            {
                problems.Add(new(number, "date", "Calendar_YearOutOfRange", [date.Year, WorkingDayCalendar.FirstYear, WorkingDayCalendar.LastYear]));
                dateOk = false;
            }
            else if (firstLine.TryGetValue(date, out var before))
            {
                problems.Add(new(number, "date", "CalendarFile_Duplicate", [dateText, before]));
            }
            else
            {
                firstLine[date] = number;
            }

            if (!TryParseKind(cells[1], out var isWorking))
            {
                problems.Add(new(number, "kind", "CalendarFile_Kind", [cells[1].Trim()]));
            }

            var name = cells.Count == 3 && cells[2].Trim().Length > 0 ? cells[2].Trim() : null;
            if (name is { Length: > MaxNameLength })
            {
                problems.Add(new(number, "name", "CalendarFile_NameTooLong", [MaxNameLength]));
            }

            if (dateOk)
            {
                days.Add(new CompanyDay(date, isWorking, name));
            }
        }

        if (!header && problems.Count == 0)
        {
            problems.Add(new(1, "date", "CalendarFile_Header", []));
        }

        return problems.Count > 0 ? new([], problems) : new([.. days.OrderBy(d => d.Date)], []);
    }

    private static bool Is(string cell, string name) => string.Equals(cell.Trim(), name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Splits a CSV line (RFC 4180 quotes); null when a quote is not closed.</summary>
    private static List<string>? Split(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.ToString().Trim().Length == 0)
            {
                cell.Clear();
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        if (quoted)
        {
            return null;
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
