using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jixiao.Domain.Periods;
using Jixiao.Web.Calendar;
using Microsoft.AspNetCore.Mvc.Testing;

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
        Assert.Equal(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden, response.StatusCode);
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

    [Fact]
    public async Task Workdays_WhenCompanyTimeZoneConfigured_ThenDeadlineAtThatZonesMidnight()
    {
        using var berlin = factory.WithWebHostBuilder(b => b.UseSetting("Company:TimeZone", "Europe/Berlin"));
        var client = berlin.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await JixiaoFactory.Login(client, "sales", "Demo-sales-2026")).StatusCode);

        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/calendar/workdays?from=2026-09-30&add=3");
        Assert.Equal("Europe/Berlin", body.GetProperty("timeZone").GetString());
        Assert.Equal("2026-10-10", body.GetProperty("date").GetString());
        // 2026-10-10 ends at midnight in Berlin, summer time (UTC+2): 22:00 UTC (16:00 UTC in Shanghai).
        Assert.Equal(new DateTimeOffset(2026, 10, 10, 22, 0, 0, TimeSpan.Zero), body.GetProperty("deadline").GetDateTimeOffset());
    }

    [Fact]
    public void Start_WhenCompanyTimeZoneUnknown_ThenFailsWithTheSetting()
    {
        using var mars = factory.WithWebHostBuilder(b => b.UseSetting("Company:TimeZone", "Mars/Olympus"));
        var e = Assert.ThrowsAny<Exception>(() => mars.CreateClient());
        Assert.Contains("Company:TimeZone 'Mars/Olympus' is not a time zone known to this system", e.ToString(), StringComparison.Ordinal);
    }
}
