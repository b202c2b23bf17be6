using Jixiao.Domain.Data;

namespace Jixiao.Application.Tests.Import;

/// <summary>Rows come out sorted by day; credits follow their sales.</summary>
public sealed partial class DataDirectoryLoaderTests
{
    [Fact]
    public void Load_WhenSalesUnsorted_ThenStableByDayAndCreditsRemapped()
    {
        var data = Ok(DataDirectory.LoadWith(
            ("sales.csv", $"{H}\nS1,E3,2026-03-01,C1,suv,1,300,,,\nS2,E4,2026-01-01,C2,ev,1,100,,,\nS3,E3,2026-02-01,C3,mpv,1,200,,,\nS4,E4,2026-01-01,C4,suv,1,101,,,"),
            ("credits.csv", "sale,employee,share\nS1,E3,0.5\nS1,E4,0.5\nS4,E3,25%\nS4,E4,75%")));
        var sales = data.Sales;
        Assert.Equal(["S2", "S4", "S3", "S1"], Enumerable.Range(0, 4).Select(i => sales.Id[i]));
        Assert.Equal([10_000L, 10_100, 20_000, 30_000], sales.AmountCents);
        Assert.Equal(["ev", "suv", "mpv", "suv"], Enumerable.Range(0, 4).Select(i => sales.Product[i]));
        Assert.Equal(["C2", "C4", "C3", "C1"], Enumerable.Range(0, 4).Select(i => sales.Customer[i]));
        Assert.Equal([data.EmployeeIndex("E4"), data.EmployeeIndex("E4"), data.EmployeeIndex("E3"), data.EmployeeIndex("E3")], sales.Employee);
        Assert.True(Columns.IsSorted(sales.Day));

        // Credits are ordered by sale row and point at the sorted rows.
        Assert.Equal(
            [("S4", "E3", 0.25m), ("S4", "E4", 0.75m), ("S1", "E3", 0.5m), ("S1", "E4", 0.5m)],
            data.Credits.Select(c => (sales.Id[c.SaleRow], data.Employees[c.Employee].Id, c.Share)));
    }

    [Fact]
    public void Load_WhenActivitiesCollectionsExpensesUnsorted_ThenSorted()
    {
        var data = Ok(DataDirectory.LoadWith(
            ("activities.csv", "id,employee,date,kind,customer,value\nA1,E3,2026-05-01,lead,,\nA2,E3,2026-04-01,survey,,90\nA3,E4,2026-04-01,visit,,"),
            ("collections.csv", "id,employee,date,contract,contract_signed,amount\nR1,E3,2026-05-01,K1,,1\nR2,E3,2026-04-01,K2,2026-01-01,2"),
            ("expenses.csv", "id,employee,date,category,amount\nX1,E3,2026-05-01,travel,1\nX2,E3,2026-04-01,meals,2")));
        Assert.Equal(["A2", "A3", "A1"], Enumerable.Range(0, 3).Select(i => data.Activities.Id[i]));
        Assert.Equal([900_000L, Columns.NoValue, Columns.NoValue], data.Activities.Value);
        Assert.Equal(["survey", "visit", "lead"], Enumerable.Range(0, 3).Select(i => data.Activities.Kind[i]));
        Assert.Equal(["R2", "R1"], Enumerable.Range(0, 2).Select(i => data.Collections.Id[i]));
        Assert.Equal([200L, 100], data.Collections.AmountCents);
        Assert.Equal([new DateOnly(2026, 1, 1).DayNumber, Columns.NoDay], data.Collections.ContractSignedDay);
        Assert.Equal(["meals", "travel"], Enumerable.Range(0, 2).Select(i => data.Expenses.Category[i]));
    }

    [Fact]
    public void Load_WhenSaleHasNoCredits_ThenCreditsEmpty()
    {
        var data = Ok(DataDirectory.LoadWith(("sales.csv", $"{H}\nS1,E3,2026-03-01,C1,suv,1,300,,,")));
        Assert.Empty(data.Credits);
    }
}
