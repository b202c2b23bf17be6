using Jixiao.Application.Calendar;
using Jixiao.Testing;

namespace Jixiao.Application.Tests.Calendar;

public class CompanyTimeZoneTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" Asia/Shanghai ")]
    public void FromId_WhenUnsetOrShanghai_ThenChinaStandardTime(string? id)
    {
        var zone = CompanyTimeZone.FromId(id);
        Assert.Equal("Asia/Shanghai", zone.Id);
        // 2026-12-31 16:30 UTC is already 1 January 2027 in China.
        var clock = TestClock.At(new DateTimeOffset(2026, 12, 31, 16, 30, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2027, 1, 1), zone.Today(clock));
    }

    [Fact]
    public void FromId_WhenOtherZone_ThenItsDate()
    {
        var zone = CompanyTimeZone.FromId("Europe/Berlin");
        var clock = TestClock.At(new DateTimeOffset(2026, 12, 31, 16, 30, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2026, 12, 31), zone.Today(clock));
    }

    [Fact]
    public void FromId_WhenUnknown_ThenFailsWithTheSettingAndTheReason()
    {
        var e = Assert.Throws<InvalidOperationException>(() => CompanyTimeZone.FromId("Mars/Olympus"));
        Assert.Equal("Company:TimeZone 'Mars/Olympus' is not a time zone known to this system; use an IANA id such as Asia/Shanghai.", e.Message);
    }

    [Fact]
    public void DateAndMonth_WhenLosAngeles_ThenTheInstantIsStillTheOldYear()
    {
        // 2027-01-01 02:00 UTC: already January in Shanghai, still 31 December 2026 in Los Angeles (UTC-8).
        var instant = new DateTimeOffset(2027, 1, 1, 2, 0, 0, TimeSpan.Zero);
        var la = CompanyTimeZone.FromId("America/Los_Angeles");
        Assert.Equal(new DateOnly(2026, 12, 31), la.Date(instant.UtcDateTime));
        Assert.Equal("2026-12", la.CurrentMonth(TestClock.At(instant)).ToString());
        Assert.Equal("2027-01", CompanyTimeZone.Default.CurrentMonth(TestClock.At(instant)).ToString());
        Assert.Equal("2026-12-31 18:00 (America/Los_Angeles)", la.Labelled(instant.UtcDateTime));
    }
}
