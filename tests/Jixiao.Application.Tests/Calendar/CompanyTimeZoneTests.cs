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
}
