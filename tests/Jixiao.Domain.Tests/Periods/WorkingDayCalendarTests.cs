using System.Globalization;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Tests.Periods;

/// <summary>The national calendar: weekends, the 2025 and 2026 notices (holidays and 调休), and counting working days.</summary>
public partial class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar China = WorkingDayCalendar.China;

    private static DateOnly D(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Kinds(WorkingDayCalendar calendar, string from, string to)
    {
        var days = new List<string>();
        for (var d = D(from); d <= D(to); d = d.AddDays(1))
        {
            days.Add(calendar.IsWorkingDay(d) ? "W" : "-");
        }

        return string.Concat(days);
    }

    [Fact]
    public void AddWorkingDays_WhenIssueExample_ThenAdjustedSaturdayAfterNationalDay()
    {
        // 2026-09-30 + 3: Oct 1–7 off, Oct 8 (Thu) 1, Oct 9 (Fri) 2, Oct 10 (Sat, 调休上班) 3.
        Assert.Equal(D("2026-10-10"), China.AddWorkingDays(D("2026-09-30"), 3));
        Assert.Equal(DayKind.AdjustedWorkday, China.Day(D("2026-10-10")).Kind);
        Assert.Equal(DayOfWeek.Saturday, D("2026-10-10").DayOfWeek);
    }

    [Fact]
    public void SpringFestival2026_WhenWeekAround_ThenNineDaysOffAndTwoAdjustedSaturdays()
    {
        // Feb 14 (Sat) works, Feb 15–23 off (9 days), Feb 24–27 work, Feb 28 (Sat) works, Mar 1 (Sun) off.
        Assert.Equal("WWW" + "---------" + "WWWW" + "W" + "-", Kinds(China, "2026-02-12", "2026-03-01"));
        Assert.Equal(DayKind.AdjustedWorkday, China.Day(D("2026-02-14")).Kind);
        Assert.Equal(DayKind.AdjustedWorkday, China.Day(D("2026-02-28")).Kind);
        var eve = China.Day(D("2026-02-16"));
        Assert.Equal((DayKind.Holiday, Holiday.SpringFestival), (eve.Kind, eve.Holiday));
        Assert.Equal("春节", eve.Name());
        Assert.Equal("Spring Festival", China.Day(D("2026-02-15")).Name(CultureInfo.GetCultureInfo("en")));
        Assert.Equal(D("2026-02-24"), China.AddWorkingDays(D("2026-02-13"), 2));
        Assert.Equal(D("2026-02-14"), China.AddWorkingDays(D("2026-02-13"), 1));
    }

    [Fact]
    public void SpringFestival2025_WhenWeekAround_ThenEightDaysOffFromTheEveAndTwoAdjustedDays()
    {
        // Jan 26 (Sun) works, Jan 27 works, Jan 28 (除夕) to Feb 4 off, Feb 5–7 work, Feb 8 (Sat) works, Feb 9 (Sun) off.
        Assert.Equal("-W" + "W" + "--------" + "WWW" + "W" + "-", Kinds(China, "2025-01-25", "2025-02-09"));
        Assert.Equal(DayKind.AdjustedWorkday, China.Day(D("2025-01-26")).Kind);
        Assert.Equal(DayKind.AdjustedWorkday, China.Day(D("2025-02-08")).Kind);
        Assert.Equal(D("2025-02-05"), China.AddWorkingDays(D("2025-01-27"), 1));
    }

    [Fact]
    public void NationalDay2026_WhenAround_ThenMidAutumnSeparateAndAdjustedSundayAndSaturday()
    {
        // Sep 20 (Sun) works; 中秋 Sep 25–27 off; 国庆 Oct 1–7 off; Oct 10 (Sat) works; Oct 11 (Sun) off.
        Assert.Equal("W", Kinds(China, "2026-09-20", "2026-09-20"));
        Assert.Equal("WWWW---WWW-------WWW-", Kinds(China, "2026-09-21", "2026-10-11"));
        Assert.Equal("中秋节", China.Day(D("2026-09-25")).Name());
        Assert.Equal("国庆节", China.Day(D("2026-10-04")).Name());
        Assert.Equal(DayKind.Holiday, China.Day(D("2026-10-04")).Kind);
        Assert.Equal(DayKind.Weekend, China.Day(D("2026-10-11")).Kind);
    }

    [Fact]
    public void NationalDay2025_WhenAround_ThenEightDaysWithMidAutumnAndTwoAdjustedDays()
    {
        // Sep 28 (Sun) works, Oct 1–8 off (中秋 Oct 6 inside), Oct 9–10 work, Oct 11 (Sat) works, Oct 12 (Sun) off.
        Assert.Equal("-W" + "WW" + "--------" + "WW" + "W" + "-", Kinds(China, "2025-09-27", "2025-10-12"));
        Assert.Equal("中秋节", China.Day(D("2025-10-06")).Name());
        Assert.Equal(DayKind.AdjustedWorkday, China.Day(D("2025-10-11")).Kind);
    }

    [Theory]
    [InlineData("2026-01-31", "2026-02-28", 16)]
    [InlineData("2026-09-30", "2026-10-31", 18)]
    [InlineData("2024-12-31", "2025-12-31", 248)]
    [InlineData("2025-12-31", "2026-12-31", 248)]
    [InlineData("2024-12-31", "2025-01-31", 19)]
    public void WorkingDaysBetween_WhenNoticeYears_ThenCountOfWorkingDaysAfterFromUpToTo(string from, string to, int expected)
    {
        Assert.Equal(expected, China.WorkingDaysBetween(D(from), D(to)));
    }

    [Fact]
    public void AddWorkingDays_WhenZeroOrNegative_ThenSameDateOrEarlierWorkingDay()
    {
        Assert.Equal(D("2026-10-04"), China.AddWorkingDays(D("2026-10-04"), 0));
        // Back from Oct 8: Sep 30 (Wed) is the working day before 国庆.
        Assert.Equal(D("2026-09-30"), China.AddWorkingDays(D("2026-10-08"), -1));
        Assert.Equal(D("2026-09-20"), China.AddWorkingDays(D("2026-09-21"), -1));
    }

    [Fact]
    public void AddWorkingDays_WhenAnyStartAndCount_ThenWorkingDaysBetweenGivesTheCountBack()
    {
        var start = D("2025-01-01");
        for (var i = 0; i < 700; i += 7)
        {
            var from = start.AddDays(i);
            foreach (var n in new[] { -25, -3, -1, 1, 2, 5, 30 })
            {
                var to = China.AddWorkingDays(from, n);
                Assert.True(China.IsWorkingDay(to), $"{from} + {n} = {to} is not a working day");
                Assert.Equal(n, China.WorkingDaysBetween(from, to));
            }
        }
    }

    [Fact]
    public void NoticeYears_WhenCounted_ThenHaveNoWarnings()
    {
        Assert.True(China.HasNotice(2025));
        Assert.True(China.HasNotice(2026));
        Assert.Empty(China.Warnings(2025));
        Assert.Empty(China.Warnings(2026));
    }

    [Fact]
    public void Day_WhenOutsideTheYearsKnown_ThenThrowsAndWarns()
    {
        Assert.False(WorkingDayCalendar.Supports(D("2100-01-01")));
        Assert.Throws<ArgumentOutOfRangeException>(() => China.IsWorkingDay(D("2100-01-01")));
        Assert.Throws<ArgumentOutOfRangeException>(() => China.DaysOf(2007));
        Assert.Throws<ArgumentOutOfRangeException>(() => China.AddWorkingDays(D("2099-12-30"), 5));
        var warning = Assert.Single(China.Warnings(2100));
        Assert.Equal("2100 is outside the years the calendar knows (2008–2099).", warning.Format(CultureInfo.GetCultureInfo("en")));
    }

    [Fact]
    public void DaysOf_WhenYear_ThenEveryDayInOrder()
    {
        var days = China.DaysOf(2028);
        Assert.Equal(366, days.Count);
        Assert.Equal(D("2028-01-01"), days[0].Date);
        Assert.Equal(D("2028-12-31"), days[^1].Date);
        Assert.Equal(D("2028-02-29"), days[59].Date);
    }
}
