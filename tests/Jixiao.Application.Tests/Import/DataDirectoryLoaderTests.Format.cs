using System.Text;
using Jixiao.Application.Import;
using Jixiao.Domain.Data;

namespace Jixiao.Application.Tests.Import;

/// <summary>CSV syntax and number formats that must load.</summary>
public sealed partial class DataDirectoryLoaderTests
{
    private static Dataset Ok(DataLoadResult result)
    {
        Assert.True(result.Ok, string.Join("\n", result.Errors.Select(e => e.ToString())));
        return Assert.IsType<Dataset>(result.Dataset);
    }

    [Fact]
    public void Load_WhenOnlyRequiredFiles_ThenEmptyTablesAndStaff()
    {
        using var dir = new DataDirectory();
        var data = Ok(dir.Load());
        Assert.Equal(2, data.OrgUnits.Count);
        Assert.Equal(4, data.Employees.Count);
        Assert.Equal(0, data.Sales.Count);
        Assert.Equal(0, data.Activities.Count);
        Assert.Empty(data.Targets);
        var e4 = data.Employees[data.EmployeeIndex("E4")];
        Assert.Equal(new Employee("E4", "赵六", "ST1", "E2", "salesperson", "B", "core", "T2", new DateOnly(2019, 5, 20), new DateOnly(2026, 6, 30)), e4);
        Assert.Equal(new Employee("E2", "李四", "ST1", "E1", "supervisor", "A", "core", string.Empty, new DateOnly(2021, 3, 15), null), data.Employees[1]);
        Assert.Equal(new OrgUnit("HQ", "总公司", null, "E1"), data.OrgUnits[0]);
    }

    [Fact]
    public void Load_WhenQuotedFieldsHoldCommasQuotesAndNewlines_ThenTextIsExact()
    {
        var result = DataDirectory.LoadWith(("sales.csv",
            $"{H}\nS1,E3,2026-01-05,\"Acme, Inc.\",suv,1,100,,\"K-1 \"\"rush\"\"\",\nS2,E3,2026-01-06,\"two\nlines\",suv,1,\"1,200.50\",,,\nS3,E4,2026-01-07,C3,suv,1,x,,,"));
        var error = Assert.Single(result.Errors);

        // The quoted line break counts as a line: S3 is on line 5.
        Assert.Equal((5, 7), (error.Line, error.Column));

        var data = Ok(DataDirectory.LoadWith(("sales.csv",
            $"{H}\nS1,E3,2026-01-05,\"Acme, Inc.\",suv,1,100,,\"K-1 \"\"rush\"\"\",\nS2,E3,2026-01-06,\"two\nlines\",suv,1,\"1,200.50\",,,")));
        Assert.Equal("Acme, Inc.", data.Sales.Customer[0]);
        Assert.Equal("K-1 \"rush\"", data.Sales.Contract[0]);
        Assert.Equal("two\nlines", data.Sales.Customer[1]);
        Assert.Equal(120050, data.Sales.AmountCents[1]);
    }

    [Fact]
    public void Load_WhenFilesHaveBomAndCrlf_ThenSameAsPlain()
    {
        using var dir = new DataDirectory();
        var bom = new byte[] { 0xEF, 0xBB, 0xBF };
        dir.WriteBytes("org_units.csv", [.. bom, .. Encoding.UTF8.GetBytes(DataDirectory.OrgUnits.ReplaceLineEndings("\r\n") + "\r\n")]);
        dir.WriteBytes("employees.csv", [.. bom, .. Encoding.UTF8.GetBytes(DataDirectory.Employees.ReplaceLineEndings("\r\n"))]);
        dir.WriteBytes("sales.csv", [.. bom, .. Encoding.UTF8.GetBytes($"{H}\r\nS1,E3,2026-01-05,C1,suv,1,100,,,\r\n\r\nS2,E4,2026-01-06,C2,ev,2,200.5,10,K2,2026-01-01\r\n")]);
        var data = Ok(dir.Load());
        Assert.Equal("HQ", data.OrgUnits[0].Id);
        Assert.Equal(4, data.Employees.Count);
        Assert.Null(data.Employees[0].ManagerId);
        Assert.Equal(2, data.Sales.Count);
        Assert.Equal("K2", data.Sales.Contract[1]);
        Assert.Equal(new DateOnly(2026, 1, 1).DayNumber, data.Sales.ContractSignedDay[1]);
        Assert.Equal(Columns.NoDay, data.Sales.ContractSignedDay[0]);
        Assert.Equal(string.Empty, data.Sales.Contract[0]);
    }

    [Fact]
    public void Load_WhenCrlfRowHasError_ThenLineCountsIgnoreBlankLines()
    {
        using var dir = new DataDirectory();
        dir.WriteBytes("expenses.csv", Encoding.UTF8.GetBytes("id,employee,date,category,amount\r\n\r\nX1,E3,2026-01-05,travel,1\r\nX2,E3,2026-01-05,travel,oops\r\n"));
        var error = Assert.Single(dir.Load().Errors);
        Assert.Equal((4, 5, "oops"), (error.Line, error.Column, error.Arguments[0]));
    }

    [Fact]
    public void Load_WhenHeadersInChineseAndOtherOrder_ThenColumnsMatched()
    {
        var data = Ok(DataDirectory.LoadWith(
            ("sales.csv", "金额,日期,员工,产品,数量,编号,客户,成本\n\"1,000\",2026-02-01,E3,轿车,1,S1,张先生,800"),
            ("expenses.csv", "Amount,ID,EMPLOYEE,Date,Category\n50,X1,E4,2026-02-02,travel")));
        Assert.Equal(100000, data.Sales.AmountCents[0]);
        Assert.Equal(80000, data.Sales.CostCents[0]);
        Assert.Equal("轿车", data.Sales.Product[0]);
        Assert.Equal("张先生", data.Sales.Customer[0]);
        Assert.Equal("S1", data.Sales.Id[0]);
        Assert.Equal(data.EmployeeIndex("E3"), data.Sales.Employee[0]);
        Assert.Equal(Columns.NoDay, data.Sales.ContractSignedDay[0]);
        Assert.Equal(5000, data.Expenses.AmountCents[0]);
        Assert.Equal("travel", data.Expenses.Category[0]);
    }

    [Fact]
    public void Load_WhenFullWidthDigitsAndUnits_ThenNormalised()
    {
        var data = Ok(DataDirectory.LoadWith(("sales.csv",
            $"{H}\nS1,E3,２０２６－０１－０５,C1,suv,１,１２３．５,12.5万,,\nS2,E3,2026-01-05,C1,suv,０．２５,１，２３４元,１．５万元,,\nS3,E3,2026-01-05,C1,suv,1,¥99.9,￥１０,,")));
        Assert.Equal(new DateOnly(2026, 1, 5).DayNumber, data.Sales.Day[0]);
        Assert.Equal(10_000, data.Sales.Units[0]);
        Assert.Equal(12_350, data.Sales.AmountCents[0]);
        Assert.Equal(12_500_000, data.Sales.CostCents[0]);
        Assert.Equal(2_500, data.Sales.Units[1]);
        Assert.Equal(123_400, data.Sales.AmountCents[1]);
        Assert.Equal(1_500_000, data.Sales.CostCents[1]);
        Assert.Equal(9_990, data.Sales.AmountCents[2]);
        Assert.Equal(1_000, data.Sales.CostCents[2]);
    }

    [Theory]
    [InlineData("1,234,567.89", 123_456_789L)]
    [InlineData("1234567.89", 123_456_789L)]
    [InlineData("999", 99_900L)]
    [InlineData("0.5", 50L)]
    [InlineData("12.5万", 12_500_000L)]
    [InlineData("-1,000", -100_000L)]
    [InlineData("１，０００．００", 100_000L)]
    public void Load_WhenAmountWellFormed_ThenCents(string amount, long cents)
    {
        var data = Ok(DataDirectory.LoadWith(("sales.csv", $"{H}\nS1,E3,2026-01-05,C1,suv,1,\"{amount}\",,,")));
        Assert.Equal(cents, data.Sales.AmountCents[0]);
    }

    [Theory]
    [InlineData("12,34")]
    [InlineData("1234,567")]
    [InlineData("1,23,456")]
    [InlineData(",123")]
    [InlineData("123,")]
    [InlineData("12.3.4")]
    [InlineData("1e5")]
    [InlineData("12¥3")]
    [InlineData("12 345")]
    [InlineData("+12")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("--5")]
    [InlineData("12万万")]
    [InlineData("50%")]
    [InlineData("(12)")]
    [InlineData("１２。５")]
    public void Load_WhenAmountMalformed_ThenInvalidNumber(string amount)
    {
        var result = DataDirectory.LoadWith(("sales.csv", $"{H}\nS1,E3,2026-01-05,C1,suv,1,\"{amount}\",,,"));
        var error = Assert.Single(result.Errors);
        Assert.Equal(DataErrorCode.InvalidNumber, error.Code);
        Assert.Equal([amount, "amount"], error.Arguments);
    }

    [Fact]
    public void Load_WhenRefundsAreNegative_ThenAcceptedInSalesAndCollections()
    {
        var data = Ok(DataDirectory.LoadWith(
            ("sales.csv", $"{H}\nS1,E3,2026-01-05,C1,suv,-1,-150000,-140000,,"),
            ("collections.csv", "id,employee,date,contract,contract_signed,amount\nR1,E3,2026-01-06,K1,2025-12-01,-5000")));
        Assert.Equal(-10_000, data.Sales.Units[0]);
        Assert.Equal(-15_000_000, data.Sales.AmountCents[0]);
        Assert.Equal(-14_000_000, data.Sales.CostCents[0]);
        Assert.Equal(-500_000, data.Collections.AmountCents[0]);
    }

    [Fact]
    public void Load_WhenOptionalColumnsAbsent_ThenDefaults()
    {
        var data = Ok(DataDirectory.LoadWith(
            ("sales.csv", "id,employee,date,product,units,amount\nS1,E3,2026-01-05,suv,1,100"),
            ("activities.csv", "id,employee,date,kind\nA1,E3,2026-01-05,lead"),
            ("collections.csv", "id,employee,date,amount\nR1,E3,2026-01-05,1")));
        Assert.Equal(0, data.Sales.CostCents[0]);
        Assert.Equal(string.Empty, data.Sales.Customer[0]);
        Assert.Equal(string.Empty, data.Sales.Contract[0]);
        Assert.Equal(Columns.NoDay, data.Sales.ContractSignedDay[0]);
        Assert.Equal(Columns.NoValue, data.Activities.Value[0]);
        Assert.Equal(string.Empty, data.Activities.Customer[0]);
        Assert.Equal(Columns.NoDay, data.Collections.ContractSignedDay[0]);
    }

    [Fact]
    public void Load_WhenActivityValues_ThenScaledOrNoValue()
    {
        var data = Ok(DataDirectory.LoadWith(("activities.csv",
            "id,employee,date,kind,customer,value\nA1,E3,2026-01-05,survey,C1,87.5\nA2,E3,2026-01-05,lead,C2,\nA3,E4,2026-01-05,visit,,0.0001")));
        Assert.Equal([875_000L, Columns.NoValue, 1L], data.Activities.Value);
        Assert.Equal(["survey", "lead", "visit"], Enumerable.Range(0, 3).Select(i => data.Activities.Kind[i]));
    }

    [Fact]
    public void Load_WhenTargetsRatingsMetrics_ThenExactValues()
    {
        var data = Ok(DataDirectory.LoadWith(
            ("targets.csv", "subject,metric,period,value,challenge\nE3,revenue,2026-q4,120万,150万\nST1,vehicles,2026,1200,\nHQ,gross_margin,2026-H2,\"1,000,000.5\",\nE4,new_leads,2026-03,30.25,"),
            ("ratings.csv", "employee,period,indicator,points,rater,comment\nE3,2026-10,attitude,-2.5,E2,\"late, twice\"\nE3,2026-10,attitude,8,E1,"),
            ("metrics.csv", "subject,metric,period,value\nE3,receivable,2026-10,-1234.5\nST1,receivable,2026-10,5万")));
        Assert.Equal(
            [new TargetRow("E3", "revenue", "2026-Q4", 1_200_000m, 1_500_000m, 2), new TargetRow("ST1", "vehicles", "2026", 1200m, null, 3),
             new TargetRow("HQ", "gross_margin", "2026-H2", 1_000_000.5m, null, 4), new TargetRow("E4", "new_leads", "2026-03", 30.25m, null, 5)],
            data.Targets);
        Assert.Equal(
            [new RatingRow("E3", "2026-10", "attitude", -2.5m, "E2", "late, twice", 2), new RatingRow("E3", "2026-10", "attitude", 8m, "E1", null, 3)],
            data.Ratings);
        Assert.Equal(
            [new DirectValue("E3", "receivable", "2026-10", -1234.5m, 2), new DirectValue("ST1", "receivable", "2026-10", 50_000m, 3)],
            data.DirectValues);
    }
}
