using System.Collections.Frozen;
using System.Globalization;

namespace Jixiao.Domain.Periods;

/// <summary>One day of a notice: a day off (放假) or an adjusted working day (调休上班), and the holiday it belongs to.</summary>
public readonly record struct NoticeDay(DateOnly Date, bool IsWorking, Holiday Holiday);

/// <summary>The State Council's holiday arrangements of one year (国务院办公厅关于 YYYY 年部分节假日安排的通知).</summary>
public sealed class HolidayNotice
{
    internal HolidayNotice(int year, IReadOnlyList<NoticeDay> days)
    {
        Year = year;
        Days = days;
        ByDate = days.ToFrozenDictionary(d => d.Date);
    }

    public int Year { get; }

    /// <summary>Every day the notice names, in date order.</summary>
    public IReadOnlyList<NoticeDay> Days { get; }

    internal FrozenDictionary<DateOnly, NoticeDay> ByDate { get; }
}

/// <summary>
/// The published notices, shipped as data: one CSV per year in <c>Periods/Notices/</c> (embedded in the assembly),
/// with the notice's title and source in its header comment. Columns <c>date,kind,holiday</c>: <c>off</c> for
/// every day off of a holiday (weekend days inside it included), <c>work</c> for each adjusted working day. Adding
/// next year's notice is adding its file (docs/calendar.md).
/// </summary>
public sealed class ChinaHolidayNotices
{
    private const string ResourcePrefix = "holiday-notices/";

    private static readonly Lazy<ChinaHolidayNotices> ShippedNotices = new(LoadShipped);

    private readonly FrozenDictionary<int, HolidayNotice> _byYear;

    /// <summary>A set of notices (the shipped ones are <see cref="Shipped"/>).</summary>
    public ChinaHolidayNotices(IEnumerable<HolidayNotice> notices)
    {
        _byYear = notices.ToFrozenDictionary(n => n.Year);
    }

    /// <summary>The notices shipped with this version of Jixiao.</summary>
    public static ChinaHolidayNotices Shipped => ShippedNotices.Value;

    /// <summary>No notice at all: every year falls back to the law's holidays.</summary>
    public static ChinaHolidayNotices None { get; } = new([]);

    /// <summary>The years that have a notice, ascending.</summary>
    public IReadOnlyList<int> Years => [.. _byYear.Keys.Order()];

    /// <summary>The notice of <paramref name="year"/>, or null when it is not published (not shipped).</summary>
    public HolidayNotice? For(int year) => _byYear.GetValueOrDefault(year);

    /// <summary>
    /// Reads one year's notice file. Throws <see cref="FormatException"/> naming the line when the file is not
    /// well formed (a shipped file is checked by the tests, so this is a build-time mistake, never a user's).
    /// </summary>
    public static HolidayNotice Parse(int year, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var days = new List<NoticeDay>();
        var seen = new HashSet<DateOnly>();
        var header = false;
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim().TrimStart('\uFEFF');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var cells = line.Split(',');
            if (!header)
            {
                header = cells.Length == 3 && cells[0] == "date" && cells[1] == "kind" && cells[2] == "holiday";
                if (!header)
                {
                    throw Bad(year, lineNumber, "the header must be date,kind,holiday");
                }

                continue;
            }

            if (cells.Length != 3)
            {
                throw Bad(year, lineNumber, "expected date,kind,holiday");
            }

            if (!DateOnly.TryParseExact(cells[0].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                || date.Year != year)
            {
                throw Bad(year, lineNumber, $"'{cells[0]}' is not a date of {year}");
            }

            var isWorking = cells[1].Trim() switch
            {
                "off" => false,
                "work" => true,
                _ => throw Bad(year, lineNumber, $"kind '{cells[1]}' must be off or work"),
            };
            if (!Holidays.TryParse(cells[2], out var holiday))
            {
                throw Bad(year, lineNumber, $"unknown holiday '{cells[2]}'");
            }

            if (!seen.Add(date))
            {
                throw Bad(year, lineNumber, $"{date:yyyy-MM-dd} is listed twice");
            }

            days.Add(new NoticeDay(date, isWorking, holiday));
        }

        if (!header)
        {
            throw Bad(year, lineNumber, "the file has no header date,kind,holiday");
        }

        days.Sort((a, b) => a.Date.CompareTo(b.Date));
        return new HolidayNotice(year, days);
    }

    private static FormatException Bad(int year, int line, string message) =>
        new($"holiday notice {year}, line {line}: {message}");

    private static ChinaHolidayNotices LoadShipped()
    {
        var assembly = typeof(ChinaHolidayNotices).Assembly;
        var notices = new List<HolidayNotice>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var year = int.Parse(Path.GetFileNameWithoutExtension(name[ResourcePrefix.Length..]), NumberStyles.None, CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            notices.Add(Parse(year, reader.ReadToEnd()));
        }

        return new ChinaHolidayNotices(notices);
    }
}
