using System.Globalization;
using Jixiao.Domain.Data;

namespace Jixiao.Application.Tests.Import;

/// <summary>targets.csv and ratings.csv read into columns: same rows, lines and errors as one record per row.</summary>
public sealed class ReferenceColumnsTests
{
    [Fact]
    public void Load_WhenTargetRowsAlternateSubjectsMetricsAndPeriods_ThenRowsInFileOrderWithLines()
    {
        // Look-ups reuse the previous subject, metric and period: alternate them, repeat them, and mix spellings.
        var result = DataDirectory.LoadWith(("targets.csv", """
            subject,metric,period,value,challenge
            E3,vehicles,2026-10,5,6
            E3,vehicles,2026-11,5.5,
            ST1,vehicles,2026-10,50,
            E3,revenue,2026-10,100000,120000
            E4,revenue,2026-10,1,
            E3,revenue,2026-Q4,300000,
            E4,vehicles,2026-10,2,3
            """));
        Assert.True(result.Ok, string.Join("\n", result.Errors));
        var targets = result.Dataset!.TargetColumns;
        Assert.Equal(
            [
                new TargetRow("E3", "vehicles", "2026-10", 5m, 6m, 2), new TargetRow("E3", "vehicles", "2026-11", 5.5m, null, 3),
                new TargetRow("ST1", "vehicles", "2026-10", 50m, null, 4), new TargetRow("E3", "revenue", "2026-10", 100000m, 120000m, 5),
                new TargetRow("E4", "revenue", "2026-10", 1m, null, 6), new TargetRow("E3", "revenue", "2026-Q4", 300000m, null, 7),
                new TargetRow("E4", "vehicles", "2026-10", 2m, 3m, 8),
            ],
            targets);
        Assert.Equal(["vehicles", "revenue"], targets.Metrics);
        Assert.Equal(["2026-10", "2026-11", "2026-Q4"], targets.Periods);
        Assert.Equal([1, 3, 4, 5, 7], result.Dataset.TargetRowsOf("2026-10").ToArray().Select(r => targets.Line[r] - 1));
        Assert.Empty(result.Dataset.TargetRowsOf("2026-12").ToArray());
    }

    [Fact]
    public void Load_WhenTargetKeyRepeatsAfterOtherRows_ThenDuplicateNamesFirstLineAndRowIsLeftOut()
    {
        var result = DataDirectory.LoadWith(("targets.csv", """
            subject,metric,period,value,challenge
            E3,vehicles,2026-10,5,
            E4,vehicles,2026-10,5,
            E3,revenue,2026-10,5,
            E3,vehicles,2026-10,7,
            E9,vehicles,2026-10,7,
            E4,vehicles,2026-10,x,
            """));
        Assert.Equal(
            ["targets.csv:5:3 (period): duplicate row for E3 / vehicles / 2026-10 (first on line 2)",
             "targets.csv:6:1 (subject): 'E9' is neither an employee nor an org unit",
             "targets.csv:7:4 (value): 'x' is not a valid value"],
            result.Errors.Select(e => e.Format(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Load_WhenRatingsHaveRatersAndComments_ThenRowsKeepThemAndNullWhenEmpty()
    {
        var result = DataDirectory.LoadWith(("ratings.csv", """
            employee,period,indicator,points,rater,comment
            E3,2026-10,attitude,5,E2,"好, 很好"
            E3,2026-10,attitude,6,E1,
            E4,2026-10,attitude,7,,"好, 很好"
            E4,2026-10,process,8,E2,差
            E3,2026-11,process,9,,
            """));
        Assert.True(result.Ok, string.Join("\n", result.Errors));
        var ratings = result.Dataset!.RatingColumns;
        Assert.Equal(
            [
                new RatingRow("E3", "2026-10", "attitude", 5m, "E2", "好, 很好", 2), new RatingRow("E3", "2026-10", "attitude", 6m, "E1", null, 3),
                new RatingRow("E4", "2026-10", "attitude", 7m, null, "好, 很好", 4), new RatingRow("E4", "2026-10", "process", 8m, "E2", "差", 5),
                new RatingRow("E3", "2026-11", "process", 9m, null, null, 6),
            ],
            ratings);
        Assert.Equal(["好, 很好", "差"], ratings.Comments);
        Assert.Equal([0, 1, 2, 3], result.Dataset.RatingRowsOf("2026-10").ToArray());
    }

    [Fact]
    public void Load_WhenRatingRepeatsKeyOfEarlierEmployee_ThenDuplicateAtFirstLine()
    {
        var result = DataDirectory.LoadWith(("ratings.csv", """
            employee,period,indicator,points,rater,comment
            E3,2026-10,attitude,5,,
            E4,2026-10,attitude,5,,
            E3,2026-10,attitude,6,,
            E4,2026-10,attitude,6,E1,
            E3,2026-10,attitude,7,E1,
            E4,2026-10,attitude,8,E1,
            """));
        Assert.Equal(
            ["ratings.csv:4:3 (indicator): duplicate row for E3 / 2026-10 / attitude (first on line 2)",
             "ratings.csv:7:3 (indicator): duplicate row for E4 / 2026-10 / attitude / E1 (first on line 5)"],
            result.Errors.Select(e => e.Format(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Tables_WhenBuiltFromRows_ThenSameRowsBack()
    {
        TargetRow[] targets = [new("E1", "m", "2026-10", 1.50m, null, 2), new("HQ", "m", "2026-Q4", 2m, 3m), new("E1", "n", "2026-10", 4m, 0m, 9)];
        RatingRow[] ratings = [new("E1", "2026-10", "a", 1m, null, null), new("E2", "2026-10", "a", 2.5m, "E1", "ok", 3)];
        var t = TargetTable.From(targets);
        var r = RatingTable.From(ratings);
        Assert.Equal(targets, t);
        Assert.Equal(ratings, r);
        Assert.Equal("1.50", t[0].Value.ToString(CultureInfo.InvariantCulture));
        Assert.Same(t, TargetTable.From(t));
        Assert.Throws<ArgumentOutOfRangeException>(() => t[3]);
        Assert.Throws<ArgumentException>(() => new TargetTable(1, ["E1"], [1], ["m"], [0], ["2026-10"], [0], [1m], [0m], [false], [0]));
    }
}
