using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Jixiao.Application.DataImports;
using Jixiao.Application.Demo;
using Jixiao.Testing;

namespace Jixiao.Application.Tests.Demo;

/// <summary>The demo company is seeded relative to the app's clock (docs/testing.md, "A fixed clock").</summary>
public sealed class DemoCalendarTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void Calendar_WhenSeededOnTheTestsToday_ThenMayToOctoberAndNovemberToThe25th()
    {
        var calendar = new DemoCalendar(TestClock.Today);
        Assert.Equal(("2026-05", "2026-10", "2026-11"), (calendar.FirstMonth, calendar.LastMonth, calendar.CurrentMonth));
        Assert.Equal(D(2026, 11, 25), calendar.DataThrough);
        Assert.Equal(D(2026, 1, 1), calendar.Since);
        Assert.Equal("2026-Q3", calendar.Quarter);
        Assert.Equal(["2026-Q2", "2026-Q3", "2026-Q4"], calendar.Quarters);
        Assert.Equal(["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-Q3", "2026-11"], calendar.Periods);
    }

    [Theory]
    [InlineData("2027-06-15", "2026-12", "2027-05", "2027-06", "2027-06-14", "2026-08-01", "2027-Q1", "2026-Q4 2027-Q1 2027-Q2")]
    [InlineData("2030-02-10", "2029-08", "2030-01", "2030-02", "2030-02-09", "2029-04-01", "2029-Q4", "2029-Q3 2029-Q4 2030-Q1")]
    [InlineData("2027-01-01", "2026-07", "2026-12", "2027-01", "2027-01-01", "2026-03-01", "2026-Q4", "2026-Q3 2026-Q4 2027-Q1")]
    [InlineData("2026-03-01", "2025-09", "2026-02", "2026-03", "2026-03-01", "2025-05-01", "2025-Q4", "2025-Q3 2025-Q4 2026-Q1")]
    [InlineData("2028-02-29", "2027-08", "2028-01", "2028-02", "2028-02-28", "2027-04-01", "2027-Q4", "2027-Q3 2027-Q4 2028-Q1")]
    public void Calendar_WhenSeededOnAnotherDay_ThenTheSixMonthsBeforeAndTodaysMonthToYesterday(
        string today, string first, string last, string current, string through, string since, string quarter, string quarters)
    {
        var calendar = new DemoCalendar(DateOnly.ParseExact(today, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal((first, last, current), (calendar.FirstMonth, calendar.LastMonth, calendar.CurrentMonth));
        Assert.Equal(through, calendar.DataThrough.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal(since, calendar.Since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal(quarter, calendar.Quarter);
        Assert.Equal(quarters.Split(' '), calendar.Quarters);
        Assert.Equal(8, calendar.Periods.Count);
    }

    [Fact]
    public void Files_WhenSeededOnTheTestsToday_ThenTheDemoTheTestsWereWrittenFor()
    {
        // The SHA-256 of each file as the demo was before it followed the clock (fixed May–November 2026 data):
        // the tests' expectations about the demo rest on exactly these rows.
        var expected = new Dictionary<string, string>
        {
            [DataSources.OrgUnits] = "72527D4DF9D68E93AC872E9C72149F5A2E9C5C1BFD6892776CE2A885ABB66699",
            [DataSources.Employees] = "BCE0CE2FAC945C383FAFBBDC6656EA9B4E27C181DA5400350998FFACB069F3C6",
            [DataSources.Sales] = "5C57E2FB4EEC575AD6C08D3B6F05D2279CA053FA2251FDE223C26DDBFA5956F1",
            [DataSources.Expenses] = "20CABA65F975EFCC61A2A38F8A35F059EFEC21DC64FFEC4C14838F0098AF7B81",
            [DataSources.Activities] = "55E93E20AE28F6AA60098122AAD2792C3FC8E65918BCE0CBDA8BC01B14DD177E",
            [DataSources.Targets] = "E44E2455CBF2FB518425261129074F21FF1567B8ED86E56B305C05FC57366701",
            [DataSources.Ratings] = "FF44694EF3A4FCB806648426A69F9C7E3DEFAFEB417DEAB765951110DA583E5C",
            [DataSources.Metrics] = "5668346817AF805E5525BD715F06C071E99194A8B81CDB5E06B3AE20452DF002",
        };
        Assert.Equal(expected, DemoCompany.Files(TestClock.Today).ToDictionary(f => f.Source, f => Convert.ToHexString(SHA256.HashData(f.Content))));
    }

    [Theory]
    [InlineData("2027-06-15")]
    [InlineData("2030-02-10")]
    [InlineData("2027-01-01")]
    public void Files_WhenSeededOnAnotherDay_ThenEveryRowIsInTheCalendarsMonthsAndNoneAfterYesterday(string today)
    {
        var calendar = new DemoCalendar(DateOnly.ParseExact(today, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        var files = DemoCompany.Files(calendar).ToDictionary(f => f.Source, f => Rows(f.Content));

        // Dated rows: from the first month to DataThrough, in every month, the open month included.
        var dates = new[] { DataSources.Sales, DataSources.Activities, DataSources.Expenses }
            .SelectMany(source => files[source]).Select(r => DateOnly.ParseExact(r[2], "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
        Assert.All(dates, d => Assert.InRange(d, calendar.Months[0], calendar.DataThrough));
        Assert.Equal([.. calendar.Months, calendar.OpenMonth], dates.Select(d => new DateOnly(d.Year, d.Month, 1)).Distinct().Order());

        // Targets, ratings and metrics: for the calendar's months and quarters only, every month with targets.
        var periods = calendar.Months.Select(m => m.ToString("yyyy-MM", CultureInfo.InvariantCulture)).Append(calendar.CurrentMonth).Concat(calendar.Quarters).ToHashSet();
        Assert.All(files[DataSources.Targets], r => Assert.Contains(r[2], periods));
        Assert.All(files[DataSources.Ratings], r => Assert.Contains(r[1], periods));
        Assert.All(files[DataSources.Metrics], r => Assert.Contains(r[2], periods));
        Assert.Equal(periods.Order(StringComparer.Ordinal), files[DataSources.Targets].Select(r => r[2]).Distinct().Order(StringComparer.Ordinal));

        // Newcomers are hired in the four months before the first month; nobody after it.
        var hires = files[DataSources.Employees].Select(r => DateOnly.ParseExact(r[8], "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
        Assert.All(hires, h => Assert.True(h < calendar.Months[0], $"hired {h}"));
        Assert.Contains(hires, h => h >= calendar.Since);

        // The same day gives the same files.
        Assert.Equal(DemoCompany.Files(calendar).Select(f => f.Content), DemoCompany.Files(calendar.Today).Select(f => f.Content));
    }

    private static List<string[]> Rows(byte[] content) =>
        [.. Encoding.UTF8.GetString(content).Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l.TrimEnd('\r').Split(','))];
}
