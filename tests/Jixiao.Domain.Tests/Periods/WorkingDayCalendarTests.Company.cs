using System.Globalization;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Tests.Periods;

/// <summary>Company days on top of the national calendar, years without a notice, and deadlines as instants.</summary>
public partial class WorkingDayCalendarTests
{
    [Fact]
    public void CompanyDays_WhenHolidayAndWorkingDay_ThenOverrideTheNationalCalendar()
    {
        var calendar = new WorkingDayCalendar([new CompanyDay(D("2026-10-09"), false, "公司年会"), new CompanyDay(D("2026-10-11"), true)]);

        var party = calendar.Day(D("2026-10-09"));
        Assert.Equal((DayKind.CompanyHoliday, DayKind.Workday, "公司年会"), (party.Kind, party.NationalKind, party.Name()));
        Assert.False(party.IsWorking);
        var sunday = calendar.Day(D("2026-10-11"));
        Assert.Equal((DayKind.CompanyWorkday, DayKind.Weekend), (sunday.Kind, sunday.NationalKind));
        Assert.True(sunday.IsWorking);

        // Oct 8 is 1, Oct 9 is now off, Oct 10 (调休) is 2, Oct 11 (company) is 3.
        Assert.Equal(D("2026-10-11"), calendar.AddWorkingDays(D("2026-09-30"), 3));
        Assert.Equal(D("2026-10-10"), China.AddWorkingDays(D("2026-09-30"), 3));
    }

    [Fact]
    public void CompanyDays_WhenWorkingDayInsideAHoliday_ThenKeepsTheHolidayName()
    {
        var calendar = new WorkingDayCalendar([new CompanyDay(D("2026-10-05"), true)]);
        var day = calendar.Day(D("2026-10-05"));
        Assert.Equal((DayKind.CompanyWorkday, DayKind.Holiday, Holiday.NationalDay), (day.Kind, day.NationalKind, day.Holiday));
        Assert.Equal("国庆节", day.Name());
    }

    [Fact]
    public void YearWithoutNotice_WhenCounted_ThenStatutoryDaysOffAndAWarning()
    {
        var calendar = WorkingDayCalendar.China;
        Assert.False(calendar.HasNotice(2027));
        var warning = Assert.Single(calendar.Warnings(2027));
        Assert.Equal(2027, warning.Year);
        Assert.Contains("2027 年的节假日安排", warning.Format(), StringComparison.Ordinal);
        Assert.Contains("調休上班日", warning.Format(CultureInfo.GetCultureInfo("zh-TW")), StringComparison.Ordinal);
        Assert.StartsWith("The State Council has not yet published the holiday arrangements for 2027", warning.Format(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);

        // 2027: 除夕 Fri Feb 5 to 初三 Mon Feb 8 off; no 调休 known, so Sat Feb 6 and Sun Feb 7 are simply off.
        Assert.Equal("W" + "----" + "W", Kinds(calendar, "2027-02-04", "2027-02-09"));
        Assert.Equal(DayKind.Holiday, calendar.Day(D("2027-02-06")).Kind);
        Assert.Equal("春节", calendar.Day(D("2027-02-08")).Name());
        // 清明 Mon Apr 5; 国庆 Fri Oct 1 only to Sun Oct 3; Mon Oct 4 is an ordinary working day until the notice says otherwise.
        Assert.False(calendar.IsWorkingDay(D("2027-04-05")));
        Assert.Equal("---W", Kinds(calendar, "2027-10-01", "2027-10-04"));
        Assert.Equal(D("2027-10-04"), calendar.AddWorkingDays(D("2027-09-30"), 1));
    }

    [Fact]
    public void NoticeYear_WhenTheNoticeIsMissing_ThenFallsBackToTheLawAndWarns()
    {
        var calendar = new WorkingDayCalendar(notices: ChinaHolidayNotices.None);
        Assert.Single(calendar.Warnings(2026));
        // Without the notice, Oct 10 2026 is an ordinary Saturday, Oct 4 an ordinary Sunday and Oct 5–8 working days.
        Assert.False(calendar.IsWorkingDay(D("2026-10-10")));
        Assert.Equal("---" + "-" + "WWWW", Kinds(calendar, "2026-10-01", "2026-10-08"));
    }

    [Fact]
    public void Deadline_WhenShanghai_ThenEndOfTheWorkingDayAtMidnightChinaTimeInUtc()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        // Started 2026-09-30 20:00 China time (12:00 UTC): 3 working days → end of Sat 2026-10-10 in China = 2026-10-10 16:00 UTC.
        var start = new DateTimeOffset(2026, 9, 30, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 10, 10, 16, 0, 0, TimeSpan.Zero), China.Deadline(start, 3, shanghai));
        // 2026-09-30 17:00 UTC is already 1 October in China: 3 working days from Oct 1 → Oct 10 as well, but from Oct 8 noon → Oct 12.
        Assert.Equal(D("2026-10-01"), WorkingDayDeadlines.CompanyDate(new DateTimeOffset(2026, 9, 30, 17, 0, 0, TimeSpan.Zero), shanghai));
        Assert.Equal(new DateTimeOffset(2026, 10, 12, 16, 0, 0, TimeSpan.Zero), China.Deadline(new DateTimeOffset(2026, 10, 8, 4, 0, 0, TimeSpan.Zero), 3, shanghai));
    }

    [Fact]
    public void EndOfDay_WhenOtherZone_ThenThatZonesMidnight()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        // Summer time (UTC+2) on 2026-07-01; winter time (UTC+1) on 2026-12-01.
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 22, 0, 0, TimeSpan.Zero), WorkingDayDeadlines.EndOfDay(D("2026-07-01"), berlin));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero), WorkingDayDeadlines.EndOfDay(D("2026-12-01"), berlin));
    }
}
