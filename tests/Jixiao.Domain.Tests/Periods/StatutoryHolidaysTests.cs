using System.Globalization;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Tests.Periods;

/// <summary>
/// The law's holidays computed per year. The reference tables below were made independently of the code under test:
/// 清明 with an astronomical ephemeris (the instant the sun reaches 15°, in UTC+8), 正月初一 with a separate
/// lunar-calendar library (docs/calendar.md says how).
/// </summary>
public class StatutoryHolidaysTests
{
    // The April day of 清明 for 2000, 2001, …, 2099.
    private const string QingMingDays = "4555455544554455445544554455445544554455444544454445444544454445444544454444444444444444444444444444";

    // 正月初一 (MMDD) for 2008, 2009, …, 2099.
    private const string NewYearDays =
        "0207 0126 0214 0203 0123 0210 0131 0219 0208 0128 0216 0205 0125 0212 0201 0122 0210 0129 0217 0206 0126 0213 0203 0123 " +
        "0211 0131 0219 0208 0128 0215 0204 0124 0212 0201 0122 0210 0130 0217 0206 0126 0214 0202 0123 0211 0201 0219 0208 0128 " +
        "0215 0204 0124 0212 0202 0121 0209 0129 0217 0205 0126 0214 0203 0123 0211 0131 0219 0207 0127 0215 0205 0124 0212 0202 " +
        "0122 0209 0129 0217 0206 0126 0214 0203 0124 0210 0130 0218 0207 0127 0215 0205 0125 0212 0201 0121";

    private static DateOnly D(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public void QingMing_WhenEveryYear2000To2099_ThenSameDayAsTheEphemeris()
    {
        for (var year = 2000; year <= 2099; year++)
        {
            var expected = new DateOnly(year, 4, QingMingDays[year - 2000] - '0');
            Assert.Equal(expected, StatutoryHolidays.QingMing(year));
        }
    }

    [Fact]
    public void SpringFestival_WhenEveryYear2008To2099_ThenSameDayAsTheReferenceTable()
    {
        var table = NewYearDays.Split(' ');
        Assert.Equal(92, table.Length);
        for (var year = 2008; year <= 2099; year++)
        {
            var mmdd = table[year - 2008];
            var expected = new DateOnly(year, int.Parse(mmdd[..2], CultureInfo.InvariantCulture), int.Parse(mmdd[2..], CultureInfo.InvariantCulture));
            Assert.Equal(expected, StatutoryHolidays.SpringFestival(year));
        }
    }

    [Theory]
    // year, 除夕, 清明, 端午, 中秋
    [InlineData(2027, "2027-02-05", "2027-04-05", "2027-06-09", "2027-09-15")]
    [InlineData(2029, "2029-02-12", "2029-04-04", "2029-06-16", "2029-09-22")]
    [InlineData(2030, "2030-02-02", "2030-04-05", "2030-06-05", "2030-09-12")]
    public void For_When2027To2030_ThenThirteenDaysWithLunarAndSolarTermDates(int year, string eve, string qingMing, string dragonBoat, string midAutumn)
    {
        var days = StatutoryHolidays.For(year);

        var spring = D(eve);
        var expected = new List<StatutoryDay>
        {
            new(new DateOnly(year, 1, 1), Holiday.NewYear),
            new(spring, Holiday.SpringFestival),
            new(spring.AddDays(1), Holiday.SpringFestival),
            new(spring.AddDays(2), Holiday.SpringFestival),
            new(spring.AddDays(3), Holiday.SpringFestival),
            new(D(qingMing), Holiday.QingMing),
            new(new DateOnly(year, 5, 1), Holiday.LabourDay),
            new(new DateOnly(year, 5, 2), Holiday.LabourDay),
            new(D(dragonBoat), Holiday.DragonBoat),
            new(D(midAutumn), Holiday.MidAutumn),
            new(new DateOnly(year, 10, 1), Holiday.NationalDay),
            new(new DateOnly(year, 10, 2), Holiday.NationalDay),
            new(new DateOnly(year, 10, 3), Holiday.NationalDay),
        };
        Assert.Equal(expected.OrderBy(d => d.Date), days);
    }

    [Fact]
    public void For_When2027_ThenSpringFestivalIsEveAndFirstThreeDays()
    {
        // 2027: 正月初一 is Saturday 6 February; the law's 春节 is 除夕 (Feb 5) to 初三 (Feb 8).
        var spring = StatutoryHolidays.For(2027).Where(d => d.Holiday == Holiday.SpringFestival).Select(d => d.Date);
        Assert.Equal([D("2027-02-05"), D("2027-02-06"), D("2027-02-07"), D("2027-02-08")], spring);
    }

    [Theory]
    // Before the 2024 revision: 2014–2024 初一 to 初三 and May 1 only; 2008–2013 除夕 to 初二.
    [InlineData(2024, "2024-02-10", "2024-02-11", "2024-02-12")]
    [InlineData(2013, "2013-02-09", "2013-02-10", "2013-02-11")]
    public void For_WhenBefore2025_ThenTheRegulationInForceThatYear(int year, string a, string b, string c)
    {
        var days = StatutoryHolidays.For(year);
        Assert.Equal(11, days.Count);
        Assert.Equal([D(a), D(b), D(c)], days.Where(d => d.Holiday == Holiday.SpringFestival).Select(d => d.Date));
        Assert.Equal([new DateOnly(year, 5, 1)], days.Where(d => d.Holiday == Holiday.LabourDay).Select(d => d.Date));
    }

    [Fact]
    public void For_WhenMidAutumnOnNationalDay_ThenTheDateIsListedOnce()
    {
        // 2028: 正月初一 26 January, 清明 4 April, 端午 28 May, and 中秋 3 October, inside 国庆 Oct 1–3.
        Assert.Equal(D("2028-01-26"), StatutoryHolidays.SpringFestival(2028));
        Assert.Equal(D("2028-10-03"), StatutoryHolidays.LunarDate(2028, 8, 15));
        var days = StatutoryHolidays.For(2028);
        Assert.Equal([D("2028-01-25"), D("2028-01-26"), D("2028-01-27"), D("2028-01-28")], days.Where(d => d.Holiday == Holiday.SpringFestival).Select(d => d.Date));
        Assert.Contains(new StatutoryDay(D("2028-04-04"), Holiday.QingMing), days);
        Assert.Contains(new StatutoryDay(D("2028-05-28"), Holiday.DragonBoat), days);
        Assert.Equal(12, days.Count);
        Assert.Single(days, d => d.Date == new DateOnly(2028, 10, 3));
        Assert.DoesNotContain(days, d => d.Holiday == Holiday.MidAutumn);
    }

    [Theory]
    [InlineData(2007)]
    [InlineData(2100)]
    public void For_WhenOutsideTheYearsKnown_ThenThrows(int year)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StatutoryHolidays.For(year));
    }

    [Theory]
    [InlineData(Holiday.SpringFestival, "zh-CN", "春节")]
    [InlineData(Holiday.SpringFestival, "zh-TW", "春節")]
    [InlineData(Holiday.NationalDay, "en", "National Day")]
    [InlineData(Holiday.QingMing, "zh-CN", "清明节")]
    public void Name_WhenCulture_ThenHolidayNameInThatLanguage(Holiday holiday, string culture, string name)
    {
        Assert.Equal(name, Holidays.Name(holiday, CultureInfo.GetCultureInfo(culture)));
    }
}
