using System.Globalization;
using System.Net;
using Jixiao.Domain.Periods;
using Jixiao.Web.Calendar;

namespace Jixiao.Web.Tests;

/// <summary>The 工作日历 page: only HR and administrators get it and its nav link; the month layout and the named stretches.</summary>
public sealed class CalendarPageTests(JixiaoFactory factory) : IClassFixture<JixiaoFactory>
{
    [Theory]
    [InlineData("hr", "Demo-hr-2026", true)]
    [InlineData("finance", "Demo-finance-2026", false)]
    [InlineData("manager", "Demo-manager-2026", false)]
    [InlineData("sales", "Demo-sales-2026", false)]
    public async Task Calendar_page_only_for_hr_and_admin(string user, string password, bool allowed)
    {
        var client = await factory.SignedIn(user, password);
        var response = await client.GetAsync("/calendar?year=2026");
        var home = WebUtility.HtmlDecode(await client.GetStringAsync("/"));

        Assert.Equal(allowed, home.Contains("id=\"nav-calendar\"", StringComparison.Ordinal));
        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Redirect, response.StatusCode);
        if (allowed)
        {
            Assert.Contains("href=\"/calendar\"", home, StringComparison.Ordinal);
            Assert.Contains(">工作日历<", home, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Months_WhenOctober2026_ThenMondayFirstGridAndNamedStretches()
    {
        var months = CalendarMonths.Build(WorkingDayCalendar.China.DaysOf(2026), CultureInfo.GetCultureInfo("en"));
        Assert.Equal(12, months.Count);
        var october = months[9];
        Assert.Equal("October", october.Title);
        // 1 October 2026 is a Thursday: three empty cells before it; 31 days + 3 pads = 34, rounded up to 35.
        Assert.Equal(35, october.Cells.Count);
        Assert.Equal([null, null, null], october.Cells.Take(3));
        Assert.Equal(new DateOnly(2026, 10, 1), october.Cells[3]!.Date);
        Assert.Equal(["1–7 National Day", "10 Adjusted working day"], october.Summary);

        var chinese = CalendarMonths.Build(WorkingDayCalendar.China.DaysOf(2026), CultureInfo.GetCultureInfo("zh-CN"));
        Assert.Equal("2月", chinese[1].Title);
        Assert.Equal(["14日 调休上班", "15–23日 春节", "28日 调休上班"], chinese[1].Summary);
    }
}
