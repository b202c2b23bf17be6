using System.Globalization;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Tests.Periods;

/// <summary>The shipped notice files: well formed, consistent with the law, and with each notice's own day counts.</summary>
public class ChinaHolidayNoticesTests
{
    public static TheoryData<int, string> NoticeTotals => new()
    {
        // Days off per holiday as the notices state them (共N天); 2025's 国庆 and 中秋 are one 8-day holiday.
        { 2025, "new_year 1, spring_festival 8, qingming 3, labour_day 5, dragon_boat 3, national_day+mid_autumn 8" },
        { 2026, "new_year 3, spring_festival 9, qingming 3, labour_day 5, dragon_boat 3, mid_autumn 3, national_day 7" },
    };

    [Fact]
    public void Shipped_WhenLoaded_ThenHas2025And2026()
    {
        Assert.Equal([2025, 2026], ChinaHolidayNotices.Shipped.Years);
    }

    [Theory]
    [MemberData(nameof(NoticeTotals))]
    public void Shipped_WhenDaysOffCountedPerHoliday_ThenAsTheNoticeSays(int year, string totals)
    {
        var notice = ChinaHolidayNotices.Shipped.For(year)!;
        var off = notice.Days.Where(d => !d.IsWorking).GroupBy(d => d.Holiday).ToDictionary(g => g.Key, g => g.Count());
        var parts = new List<string>();
        foreach (var holiday in Enum.GetValues<Holiday>())
        {
            if (year == 2025 && holiday == Holiday.MidAutumn)
            {
                continue;
            }

            if (year == 2025 && holiday == Holiday.NationalDay)
            {
                parts.Add($"national_day+mid_autumn {off[Holiday.NationalDay] + off[Holiday.MidAutumn]}");
                continue;
            }

            parts.Add($"{Holidays.Code(holiday)} {off.GetValueOrDefault(holiday)}");
        }

        Assert.Equal(totals, string.Join(", ", parts));
    }

    [Theory]
    [InlineData(2025, "2025-01-26 2025-02-08 2025-04-27 2025-09-28 2025-10-11")]
    [InlineData(2026, "2026-01-04 2026-02-14 2026-02-28 2026-05-09 2026-09-20 2026-10-10")]
    public void Shipped_WhenAdjustedWorkingDays_ThenExactlyTheNoticesWeekendDays(int year, string expected)
    {
        var work = ChinaHolidayNotices.Shipped.For(year)!.Days.Where(d => d.IsWorking).Select(d => d.Date).ToList();
        Assert.Equal(expected, string.Join(' ', work.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
        Assert.All(work, d => Assert.True(d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, $"{d} is not a weekend day"));
    }

    [Theory]
    [InlineData(2025)]
    [InlineData(2026)]
    public void Shipped_WhenComparedWithTheLaw_ThenEveryStatutoryDayIsOffWithTheSameHoliday(int year)
    {
        var notice = ChinaHolidayNotices.Shipped.For(year)!;
        foreach (var day in StatutoryHolidays.For(year))
        {
            Assert.True(notice.ByDate.TryGetValue(day.Date, out var n), $"{day.Date} ({day.Holiday}) is missing from the {year} notice");
            Assert.False(n.IsWorking);
            Assert.Equal(day.Holiday, n.Holiday);
        }
    }

    [Theory]
    [InlineData("date,kind,holiday\n2026-13-01,off,new_year\n", "line 2")]
    [InlineData("date,kind,holiday\n2025-01-01,off,new_year\n", "not a date of 2026")]
    [InlineData("date,kind,holiday\n2026-01-01,rest,new_year\n", "must be off or work")]
    [InlineData("date,kind,holiday\n2026-01-01,off,christmas\n", "unknown holiday")]
    [InlineData("date,kind,holiday\n2026-01-01,off,new_year\n2026-01-01,off,new_year\n", "listed twice")]
    [InlineData("day,kind,holiday\n", "header")]
    [InlineData("# only a comment\n", "no header")]
    public void Parse_WhenMalformed_ThenFormatExceptionNamingTheProblem(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => ChinaHolidayNotices.Parse(2026, text));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
