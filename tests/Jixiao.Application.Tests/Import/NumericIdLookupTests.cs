using Jixiao.Application.Import;

namespace Jixiao.Application.Tests.Import;

/// <summary>
/// The test staff's ids (E1 … E4) are one prefix and one digit, so look-ups read the number: ids of the same
/// shape that do not exist, and ids of another shape, are still unknown, reported at their line and column.
/// </summary>
public sealed class NumericIdLookupTests
{
    [Fact]
    public void Load_WhenIdsOfSameShapeButAbsent_ThenUnknownAtLineAndColumn()
    {
        var result = DataDirectory.LoadWith(
            ("sales.csv", DataDirectory.SalesHeader + "\nS1,E0,2026-01-05,C1,suv,1,100,,,\nS2,E4,2026-01-05,C1,suv,1,100,,,\nS3,E5,2026-01-05,C1,suv,1,100,,,\nS4,e3,2026-01-05,C1,suv,1,100,,,\nS5,E03,2026-01-05,C1,suv,1,100,,,"),
            ("targets.csv", "subject,metric,period,value,challenge\nE3,vehicles,2026-01,10,\nE9,vehicles,2026-01,10,\nST1,vehicles,2026-01,10,"));

        Assert.Null(result.Dataset);
        Assert.Equal(
            [
                ("sales.csv", 2, 2, DataErrorCode.UnknownEmployee, "E0"),
                ("sales.csv", 4, 2, DataErrorCode.UnknownEmployee, "E5"),
                ("sales.csv", 5, 2, DataErrorCode.UnknownEmployee, "e3"),
                ("sales.csv", 6, 2, DataErrorCode.UnknownEmployee, "E03"),
                ("targets.csv", 3, 1, DataErrorCode.UnknownSubject, "E9"),
            ],
            result.Errors.Select(e => (e.File, e.Line, e.Column, e.Code, e.Arguments[0])).ToArray());
    }
}
