using System.CommandLine;
using System.Globalization;
using Jixiao.Domain.Periods;

namespace Jixiao.Cli;

/// <summary>
/// <c>jixiao workdays --from 2026-09-30 --add 3 [--calendar FILE]</c>: prints the date that many working days after
/// (before, when negative) the given date, by China's calendar and the company's file (docs/calendar.md). Years
/// without a State Council notice are warned about on stderr. Exit 0, or 2 with the reason.
/// </summary>
internal static class WorkdaysCommand
{
    public static (Command Command, Func<ParseResult, TextWriter, TextWriter, CultureInfo, int> Run) Create(CultureInfo culture)
    {
        var from = new Option<string>("--from") { Description = CliText.Get("Opt_From", culture), Required = true };
        var add = new Option<int>("--add") { Description = CliText.Get("Opt_Add", culture), Required = true };
        var calendar = new Option<string?>("--calendar") { Description = CliText.Get("Opt_Calendar", culture) };
        var command = new Command("workdays", CliText.Get("Workdays_Description", culture)) { from, add, calendar };
        return (command, (parsed, stdout, stderr, c) => Run(parsed.GetValue(from)!, parsed.GetValue(add), parsed.GetValue(calendar), stdout, stderr, c));
    }

    private static int Run(string fromText, int add, string? calendarFile, TextWriter stdout, TextWriter stderr, CultureInfo culture)
    {
        if (!DateOnly.TryParseExact(fromText.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
        {
            stderr.WriteLine(CliText.Get("Bad_Date", culture, fromText));
            return CliApp.BadInput;
        }

        var companyDays = new List<CompanyDay>();
        if (calendarFile is not null)
        {
            string text;
            try
            {
                text = File.ReadAllText(calendarFile);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine(CliText.Get("Calendar_CannotRead", culture, calendarFile, ex.Message));
                return CliApp.BadInput;
            }

            var file = CompanyCalendarFile.Parse(text);
            if (!file.Ok)
            {
                foreach (var p in file.Problems)
                {
                    stderr.WriteLine(p.Format(calendarFile, culture));
                }

                stderr.WriteLine(CliText.Get("Calendar_Invalid", culture, calendarFile, file.Problems.Count));
                return CliApp.BadInput;
            }

            companyDays.AddRange(file.Days);
        }

        var calendar = new WorkingDayCalendar(companyDays);
        if (!WorkingDayCalendar.Supports(from))
        {
            stderr.WriteLine(new CalendarWarning(from.Year, "Calendar_YearOutOfRange").Format(culture));
            return CliApp.BadInput;
        }

        DateOnly result;
        try
        {
            result = calendar.AddWorkingDays(from, add);
        }
        catch (ArgumentOutOfRangeException)
        {
            stderr.WriteLine(CliText.Get("Workdays_OutOfRange", culture, WorkingDayCalendar.FirstYear, WorkingDayCalendar.LastYear));
            return CliApp.BadInput;
        }

        var (first, last) = from <= result ? (from.Year, result.Year) : (result.Year, from.Year);
        for (var year = first; year <= last; year++)
        {
            foreach (var warning in calendar.Warnings(year))
            {
                stderr.WriteLine(CliText.Get("Warning_Line", culture, warning.Format(culture)));
            }
        }

        stdout.WriteLine(result.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return CliApp.Ok;
    }
}
