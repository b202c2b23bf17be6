using System.Globalization;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Tests.Periods;

public class CompanyCalendarFileTests
{
    [Fact]
    public void Parse_WhenValid_ThenDaysInDateOrderWithNames()
    {
        var result = CompanyCalendarFile.Parse("\uFEFFdate,kind,name\r\n# year-end\r\n2026-12-31,holiday,\"公司年会, 全员\"\r\n2026-10-11,working\r\n\r\n");
        Assert.True(result.Ok);
        Assert.Equal(
            [new CompanyDay(new DateOnly(2026, 10, 11), true, null), new CompanyDay(new DateOnly(2026, 12, 31), false, "公司年会, 全员")],
            result.Days);
    }

    [Fact]
    public void Parse_WhenProblems_ThenEveryProblemWithLineAndColumnAndNoDays()
    {
        var text = "date,kind,name\n2026-02-30,holiday,x\n2026-10-09,day-off,x\n2026-10-10,holiday,a\n2026-10-10,working,b\n2200-01-01,holiday,c\n";
        var result = CompanyCalendarFile.Parse(text);
        Assert.False(result.Ok);
        Assert.Empty(result.Days);
        var en = CultureInfo.GetCultureInfo("en");
        Assert.Equal(
            [
                "cal.csv:2: date: '2026-02-30' is not a date (yyyy-MM-dd)",
                "cal.csv:3: kind: 'day-off' is not a kind; use holiday (day off) or working (working day)",
                "cal.csv:5: date: 2026-10-10 is listed twice (first on line 4)",
                "cal.csv:6: date: 2200 is outside the years the calendar knows (2008–2099).",
            ],
            result.Problems.Select(p => p.Format("cal.csv", en)));
        Assert.Equal("cal.csv:3：kind：“day-off”不是有效类型，请使用 holiday（放假）或 working（上班）", result.Problems[1].Format("cal.csv"));
    }

    [Theory]
    [InlineData("2026-10-09,holiday,x\n")]
    [InlineData("")]
    public void Parse_WhenNoHeader_ThenHeaderProblem(string text)
    {
        var problem = Assert.Single(CompanyCalendarFile.Parse(text).Problems);
        Assert.Equal(("CalendarFile_Header", 1), (problem.Code, problem.Line));
    }

    [Fact]
    public void Parse_WhenNameTooLongOrQuoteOpen_ThenProblems()
    {
        var result = CompanyCalendarFile.Parse($"date,kind,name\n2026-10-09,holiday,{new string('x', 101)}\n2026-10-12,holiday,\"open\n");
        Assert.Equal(["CalendarFile_NameTooLong", "CalendarFile_Quote"], result.Problems.Select(p => p.Code));
    }
}
