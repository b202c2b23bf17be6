using System.Text;
using Jixiao.Application.Import;
using static Jixiao.Application.Tests.Import.ErrorAssert;

namespace Jixiao.Application.Tests.Import;

/// <summary>Every error code: where it is reported and what it says in English and Chinese.</summary>
public sealed partial class DataDirectoryLoaderTests
{
    private const string H = DataDirectory.SalesHeader;

    [Fact]
    public void Load_WhenDirectoryMissing_ThenMissingDirectory()
    {
        var result = DataDirectoryLoader.Load("/nonexistent/jixiao-data");
        Single(result, string.Empty, 0, 0, null, DataErrorCode.MissingDirectory,
            "the data directory '/nonexistent/jixiao-data' does not exist",
            "数据目录 '/nonexistent/jixiao-data' 不存在");
    }

    [Fact]
    public void Load_WhenOrgUnitsMissing_ThenMissingFileWithoutLine()
    {
        using var dir = new DataDirectory();
        dir.Delete("org_units.csv");
        // Employees name units that cannot be checked now: no error for each of them.
        Single(dir.Load(), "org_units.csv", 0, 0, null, DataErrorCode.MissingFile,
            "org_units.csv: this required file is missing", "org_units.csv：缺少此必需文件");
    }

    [Fact]
    public void Load_WhenEmployeesMissing_ThenMissingFileAndNoErrorPerReference()
    {
        using var dir = new DataDirectory();
        dir.Delete("employees.csv")
            .Write("sales.csv", $"{H}\nS1,E3,2026-01-05,C1,suv,1,100,,,\nS2,E4,2026-01-05,C1,suv,1,100,,,")
            .Write("credits.csv", "sale,employee,share\nS1,E3,1")
            .Write("ratings.csv", "employee,period,indicator,points,rater,comment\nE3,2026-01,attitude,5,,")
            .Write("targets.csv", "subject,metric,period,value,challenge\nE3,vehicles,2026-01,5,");

        // The unit managers E1 and E2 cannot be checked either.
        Single(dir.Load(), "employees.csv", 0, 0, null, DataErrorCode.MissingFile,
            "employees.csv: this required file is missing", "employees.csv：缺少此必需文件");
    }

    [Fact]
    public void Load_WhenOptionalFileIsEmpty_ThenEmptyFile()
    {
        using var dir = new DataDirectory();
        dir.WriteBytes("sales.csv", []);
        Single(dir.Load(), "sales.csv", 0, 0, null, DataErrorCode.EmptyFile,
            "sales.csv: the file is empty; its first line must be the header", "sales.csv：文件为空，第一行必须是表头");
    }

    [Fact]
    public void Load_WhenRequiredColumnMissing_ThenMissingColumnOnHeaderLine()
    {
        var result = DataDirectory.LoadWith(("sales.csv", "id,employee,date,product,units\nS1,E3,2026-01-05,suv,1"));
        Single(result, "sales.csv", 1, 0, null, DataErrorCode.MissingColumn,
            "sales.csv:1: the header has no column 'amount'", "sales.csv:1：表头缺少列 'amount'");
    }

    [Fact]
    public void Load_WhenColumnNamedTwiceWithAlias_ThenDuplicateColumn()
    {
        var result = DataDirectory.LoadWith(("sales.csv", "id,employee,date,product,units,amount,金额\nS1,E3,2026-01-05,suv,1,10,10"));
        Single(result, "sales.csv", 1, 7, "金额", DataErrorCode.DuplicateColumn,
            "sales.csv:1:7 (金额): column '金额' appears twice (also column 6)",
            "sales.csv:1:7（金额）：列 '金额' 重复出现（另见第 6 列）");
    }

    [Fact]
    public void Load_WhenHeaderHasTypo_ThenUnknownColumnListsTheColumns()
    {
        var result = DataDirectory.LoadWith(("expenses.csv", "id,employee,date,category,amout\nX1,E3,2026-01-05,travel,10"));
        Assert.Null(result.Dataset);
        Assert.Equal(2, result.Errors.Count);
        AssertError(result.Errors[0], "expenses.csv", 1, 0, null, DataErrorCode.MissingColumn,
            "expenses.csv:1: the header has no column 'amount'", "expenses.csv:1：表头缺少列 'amount'");
        AssertError(result.Errors[1], "expenses.csv", 1, 5, "amout", DataErrorCode.UnknownColumn,
            "expenses.csv:1:5 (amout): unknown column 'amout'; the columns are: id, employee, date, category, amount",
            "expenses.csv:1:5（amout）：未知的列 'amout'，可用的列：id, employee, date, category, amount");
    }

    [Fact]
    public void Load_WhenRowHasExtraField_ThenWrongFieldCountAtFirstExtraField()
    {
        var result = DataDirectory.LoadWith(("expenses.csv", "id,employee,date,category,amount\nX1,E3,2026-01-05,travel,10\nX2,E3,2026-01-05,travel,10,5"));
        Single(result, "expenses.csv", 3, 6, null, DataErrorCode.WrongFieldCount,
            "expenses.csv:3:6: expected 5 fields as in the header, found 6",
            "expenses.csv:3:6：应有 5 个字段（与表头一致），实际为 6 个");
    }

    [Fact]
    public void Load_WhenRowHasTooFewFields_ThenWrongFieldCountNamesFirstMissingColumn()
    {
        var result = DataDirectory.LoadWith(("expenses.csv", "id,employee,date,category,amount\nX1,E3,2026-01-05"));
        Single(result, "expenses.csv", 2, 4, "category", DataErrorCode.WrongFieldCount,
            "expenses.csv:2:4 (category): expected 5 fields as in the header, found 3",
            "expenses.csv:2:4（category）：应有 5 个字段（与表头一致），实际为 3 个");
    }

    [Fact]
    public void Load_WhenQuoteNeverCloses_ThenUnterminatedQuoteAtItsLine()
    {
        var result = DataDirectory.LoadWith(("expenses.csv", "id,employee,date,category,amount\nX1,E3,2026-01-05,\"travel,10\nX2,E3,2026-01-05,travel,10"));
        Single(result, "expenses.csv", 2, 4, "category", DataErrorCode.UnterminatedQuote,
            "expenses.csv:2:4 (category): the quoted field has no closing quote",
            "expenses.csv:2:4（category）：带引号的字段缺少结束引号");
    }

    [Fact]
    public void Load_WhenQuoteInsideUnquotedField_ThenInvalidQuoteAndNextRowStillRead()
    {
        var result = DataDirectory.LoadWith(("expenses.csv", "id,employee,date,category,amount\nX1,E3,2026-01-05,tra\"vel,10\nX2,E9,2026-01-05,travel,10"));
        Assert.Null(result.Dataset);
        Assert.Equal(2, result.Errors.Count);
        AssertError(result.Errors[0], "expenses.csv", 2, 4, "category", DataErrorCode.InvalidQuote,
            "expenses.csv:2:4 (category): misplaced quote: quote the whole field and write inner quotes twice",
            "expenses.csv:2:4（category）：引号位置不正确：请用引号括起整个字段，字段内的引号写两次");
        Assert.Equal((DataErrorCode.UnknownEmployee, 3, 2), (result.Errors[1].Code, result.Errors[1].Line, result.Errors[1].Column));
    }

    [Fact]
    public void Load_WhenTextAfterClosingQuote_ThenInvalidQuote()
    {
        var result = DataDirectory.LoadWith(("expenses.csv", "id,employee,date,category,amount\nX1,E3,2026-01-05,\"travel\"x,10"));
        var error = Assert.Single(result.Errors);
        Assert.Equal((DataErrorCode.InvalidQuote, 2, 4), (error.Code, error.Line, error.Column));
    }

    [Fact]
    public void Load_WhenBytesAreNotUtf8_ThenInvalidEncodingNamesTheField()
    {
        using var dir = new DataDirectory();
        var bytes = Encoding.UTF8.GetBytes("id,employee,date,category,amount\nX1,E3,2026-01-05,")
            .Concat(new byte[] { 0xB2, 0xE2 }).Concat(Encoding.UTF8.GetBytes(",10\n")).ToArray();
        dir.WriteBytes("expenses.csv", bytes);
        Single(dir.Load(), "expenses.csv", 2, 4, "category", DataErrorCode.InvalidEncoding,
            "expenses.csv:2:4 (category): the text is not valid UTF-8 (in Excel, save as “CSV UTF-8”)",
            "expenses.csv:2:4（category）：文本不是有效的 UTF-8 编码（在 Excel 中请另存为“CSV UTF-8”）");
    }

    [Fact]
    public void Load_WhenRequiredValueEmpty_ThenRequired()
    {
        var result = DataDirectory.LoadWith(("sales.csv", $"{H}\nS1,,2026-01-05,C1,suv,1,100,,,"));
        Single(result, "sales.csv", 2, 2, "employee", DataErrorCode.Required,
            "sales.csv:2:2 (employee): a value is required", "sales.csv:2:2（employee）：此项必填");
    }

    [Fact]
    public void Load_WhenAmountHasBadThousandsGroups_ThenInvalidNumberAsInTheSpec()
    {
        var result = DataDirectory.LoadWith(("sales.csv", H + "\n" + string.Join('\n', Enumerable.Range(1, 10).Select(i => $"S{i},E3,2026-01-05,C1,suv,1,100,,,")) + "\nS11,E3,2026-01-05,C1,suv,\"12,34.5\",\"12,34.5\",,,"));
        Assert.Null(result.Dataset);
        Assert.Equal(2, result.Errors.Count);
        AssertError(result.Errors[0], "sales.csv", 12, 6, "units", DataErrorCode.InvalidNumber,
            "sales.csv:12:6 (units): '12,34.5' is not a valid quantity", "sales.csv:12:6（units）：'12,34.5' 不是有效的数量");
        AssertError(result.Errors[1], "sales.csv", 12, 7, "amount", DataErrorCode.InvalidNumber,
            "sales.csv:12:7 (amount): '12,34.5' is not a valid amount", "sales.csv:12:7（amount）：'12,34.5' 不是有效的金额");
    }

    [Fact]
    public void Load_WhenAmountHasThreeDecimals_ThenTooManyDecimals()
    {
        var result = DataDirectory.LoadWith(("sales.csv", $"{H}\nS1,E3,2026-01-05,C1,suv,1,100.125,,,"));
        Single(result, "sales.csv", 2, 7, "amount", DataErrorCode.TooManyDecimals,
            "sales.csv:2:7 (amount): '100.125' has more than 2 decimal places", "sales.csv:2:7（amount）：'100.125' 的小数位数超过 2 位");
    }

    [Fact]
    public void Load_WhenAmountInWanHasSevenDecimals_ThenTooManyDecimalsSaysSix()
    {
        var result = DataDirectory.LoadWith(("sales.csv", $"{H}\nS1,E3,2026-01-05,C1,suv,1,1.2345678万,,,"));
        var error = Assert.Single(result.Errors);
        Assert.Equal(DataErrorCode.TooManyDecimals, error.Code);
        Assert.Equal("sales.csv:2:7 (amount): '1.2345678万' has more than 6 decimal places", error.Format(English));
    }

    [Fact]
    public void Load_WhenAmountIsHuge_ThenNumberOutOfRange()
    {
        var result = DataDirectory.LoadWith(("sales.csv", $"{H}\nS1,E3,2026-01-05,C1,suv,1,123456789012345678,,,"));
        Single(result, "sales.csv", 2, 7, "amount", DataErrorCode.NumberOutOfRange,
            "sales.csv:2:7 (amount): '123456789012345678' is out of range", "sales.csv:2:7（amount）：'123456789012345678' 超出允许范围");
    }

    [Fact]
    public void Load_WhenExpenseIsNegative_ThenNegativeNotAllowed()
    {
        var result = DataDirectory.LoadWith(("expenses.csv", "id,employee,date,category,amount\nX1,E3,2026-01-05,travel,-10.50"));
        Single(result, "expenses.csv", 2, 5, "amount", DataErrorCode.NegativeNotAllowed,
            "expenses.csv:2:5 (amount): '-10.50' must not be negative", "expenses.csv:2:5（amount）：'-10.50' 不能为负数");
    }

    [Fact]
    public void Load_WhenActivityValueIsNegative_ThenNegativeNotAllowed()
    {
        var result = DataDirectory.LoadWith(("activities.csv", "id,employee,date,kind,customer,value\nA1,E3,2026-01-05,survey,C1,-60"));
        var error = Assert.Single(result.Errors);
        Assert.Equal((DataErrorCode.NegativeNotAllowed, 2, 6, "value"), (error.Code, error.Line, error.Column, error.ColumnName));
    }

    [Fact]
    public void Load_WhenDateDoesNotExist_ThenInvalidDate()
    {
        var result = DataDirectory.LoadWith(("sales.csv", $"{H}\nS1,E3,2026-02-30,C1,suv,1,100,,,"));
        Single(result, "sales.csv", 2, 3, "date", DataErrorCode.InvalidDate,
            "sales.csv:2:3 (date): '2026-02-30' is not a valid date (yyyy-MM-dd)", "sales.csv:2:3（date）：'2026-02-30' 不是有效的日期（yyyy-MM-dd）");
    }

    [Theory]
    [InlineData("1899-12-31")]
    [InlineData("0001-01-01")]
    [InlineData("2101-01-01")]
    [InlineData("9999-12-31")]
    public void Load_WhenDateOutsideTheRecordRange_ThenDateOutOfRange(string date)
    {
        // Transactions (fast reader) and employees (small-table reader) follow the one rule, RecordDates.
        var sales = DataDirectory.LoadWith(("sales.csv", $"{H}\nS1,E3,{date},C1,suv,1,100,,,"));
        Single(sales, "sales.csv", 2, 3, "date", DataErrorCode.DateOutOfRange,
            $"sales.csv:2:3 (date): '{date}' is outside the dates accepted (1900-01-01 to 2100-12-31)",
            $"sales.csv:2:3（date）：“{date}”超出允许的日期范围（1900-01-01 至 2100-12-31）");

        using var dir = new DataDirectory();
        dir.Write("employees.csv", DataDirectory.Employees + $"\nE5,钱七,ST1,E2,salesperson,B,core,,{date},");
        var employees = Assert.Single(dir.Load().Errors);
        Assert.Equal((DataErrorCode.DateOutOfRange, 6, "hire_date"), (employees.Code, employees.Line, employees.ColumnName));
    }

    [Theory]
    [InlineData("2026/01/05")]
    [InlineData("2026-1-5")]
    [InlineData("05.01.2026")]
    [InlineData("2026-01-05T00:00")]
    public void Load_WhenDateIsNotIso_ThenInvalidDate(string date)
    {
        var result = DataDirectory.LoadWith(("sales.csv", $"{H}\nS1,E3,{date},C1,suv,1,100,,,"));
        Assert.Equal(DataErrorCode.InvalidDate, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Load_WhenPeriodIsInvalid_ThenInvalidPeriod()
    {
        var result = DataDirectory.LoadWith(("targets.csv", "subject,metric,period,value,challenge\nE3,vehicles,2026-13,10,"));
        Single(result, "targets.csv", 2, 3, "period", DataErrorCode.InvalidPeriod,
            "targets.csv:2:3 (period): '2026-13' is not a valid period (2026-10, 2026-Q4, 2026-H2 or 2026)",
            "targets.csv:2:3（period）：'2026-13' 不是有效的期间（2026-10、2026-Q4、2026-H2 或 2026）");
    }

    [Fact]
    public void Load_WhenSaleNamesUnknownEmployee_ThenUnknownEmployee()
    {
        var result = DataDirectory.LoadWith(("sales.csv", $"{H}\nS1,E3,2026-01-05,C1,suv,1,100,,,\nS2,E99,2026-01-05,C1,suv,1,100,,,"));
        Single(result, "sales.csv", 3, 2, "employee", DataErrorCode.UnknownEmployee,
            "sales.csv:3:2 (employee): unknown employee 'E99'", "sales.csv:3:2（employee）：未知的员工 'E99'");
    }

    [Fact]
    public void Load_WhenEmployeeManagerUnknown_ThenUnknownEmployeeInEmployees()
    {
        using var dir = new DataDirectory();
        dir.Write("employees.csv", DataDirectory.Employees + "\nE5,钱七,ST1,E42,salesperson,B,core,,2024-01-01,");
        Single(dir.Load(), "employees.csv", 6, 4, "manager", DataErrorCode.UnknownEmployee,
            "employees.csv:6:4 (manager): unknown employee 'E42'", "employees.csv:6:4（manager）：未知的员工 'E42'");
    }

    [Fact]
    public void Load_WhenOrgUnitManagerUnknown_ThenUnknownEmployeeInOrgUnits()
    {
        using var dir = new DataDirectory();
        dir.Write("org_units.csv", DataDirectory.OrgUnits + "\nST2,门店2,HQ,E42");
        Single(dir.Load(), "org_units.csv", 4, 4, "manager", DataErrorCode.UnknownEmployee,
            "org_units.csv:4:4 (manager): unknown employee 'E42'", "org_units.csv:4:4（manager）：未知的员工 'E42'");
    }

    [Fact]
    public void Load_WhenEmployeeInUnknownUnit_ThenUnknownOrgUnit()
    {
        using var dir = new DataDirectory();
        dir.Write("employees.csv", DataDirectory.Employees + "\nE5,钱七,ST9,E2,salesperson,B,core,,2024-01-01,");
        Single(dir.Load(), "employees.csv", 6, 3, "org_unit", DataErrorCode.UnknownOrgUnit,
            "employees.csv:6:3 (org_unit): unknown org unit 'ST9'", "employees.csv:6:3（org_unit）：未知的组织单元 'ST9'");
    }

    [Fact]
    public void Load_WhenParentUnknown_ThenUnknownOrgUnit()
    {
        using var dir = new DataDirectory();
        dir.Write("org_units.csv", DataDirectory.OrgUnits + "\nST2,门店2,REGION,");
        Single(dir.Load(), "org_units.csv", 4, 3, "parent", DataErrorCode.UnknownOrgUnit,
            "org_units.csv:4:3 (parent): unknown org unit 'REGION'", "org_units.csv:4:3（parent）：未知的组织单元 'REGION'");
    }

    [Fact]
    public void Load_WhenTargetSubjectUnknown_ThenUnknownSubject()
    {
        var result = DataDirectory.LoadWith(("targets.csv", "subject,metric,period,value,challenge\nNOBODY,vehicles,2026-10,10,"));
        Single(result, "targets.csv", 2, 1, "subject", DataErrorCode.UnknownSubject,
            "targets.csv:2:1 (subject): 'NOBODY' is neither an employee nor an org unit", "targets.csv:2:1（subject）：'NOBODY' 既不是员工也不是组织单元");
    }

    [Fact]
    public void Load_WhenCreditNamesUnknownSale_ThenUnknownSale()
    {
        var result = DataDirectory.LoadWith(
            ("sales.csv", $"{H}\nS1,E3,2026-01-05,C1,suv,1,100,,,"),
            ("credits.csv", "sale,employee,share\nS2,E3,1"));
        Single(result, "credits.csv", 2, 1, "sale", DataErrorCode.UnknownSale,
            "credits.csv:2:1 (sale): unknown sale 'S2'", "credits.csv:2:1（sale）：未知的销售记录 'S2'");
    }

    [Fact]
    public void Load_WhenSaleIdRepeats_ThenDuplicateIdAtSecondWithFirstLine()
    {
        var result = DataDirectory.LoadWith(("sales.csv", $"{H}\nS1,E3,2026-01-05,C1,suv,1,100,,,\nS2,E3,2026-01-05,C1,suv,1,100,,,\nS1,E4,2026-01-06,C1,suv,1,100,,,"));
        Single(result, "sales.csv", 4, 1, "id", DataErrorCode.DuplicateId,
            "sales.csv:4:1 (id): duplicate id 'S1' (first on line 2)", "sales.csv:4:1（id）：编号 'S1' 重复（首次出现在第 2 行）");
    }

    [Fact]
    public void Load_WhenDuplicateAfterBlankAndQuotedLines_ThenPhysicalLines()
    {
        var result = DataDirectory.LoadWith(("sales.csv", $"{H}\nS2,E3,2026-01-05,C1,suv,1,100,,,\n\nS1,E3,2026-01-05,\"a\nb\",suv,1,100,,,\nS2,E4,2026-01-06,C1,suv,1,100,,,"));
        var error = Assert.Single(result.Errors);
        Assert.Equal((DataErrorCode.DuplicateId, 6, 1), (error.Code, error.Line, error.Column));
        Assert.Equal(["S2", "2"], error.Arguments);
    }

    [Fact]
    public void Load_WhenEmployeeIdRepeats_ThenDuplicateId()
    {
        using var dir = new DataDirectory();
        dir.Write("employees.csv", DataDirectory.Employees + "\nE3,王五,ST1,E2,salesperson,B,core,,2024-01-01,");
        Single(dir.Load(), "employees.csv", 6, 1, "id", DataErrorCode.DuplicateId,
            "employees.csv:6:1 (id): duplicate id 'E3' (first on line 4)", "employees.csv:6:1（id）：编号 'E3' 重复（首次出现在第 4 行）");
    }

    [Fact]
    public void Load_WhenTargetRepeatsKey_ThenDuplicateKey()
    {
        var result = DataDirectory.LoadWith(("targets.csv", "subject,metric,period,value,challenge\nE3,vehicles,2026-10,10,\nE3,vehicles,2026-10,12,"));
        Single(result, "targets.csv", 3, 3, "period", DataErrorCode.DuplicateKey,
            "targets.csv:3:3 (period): duplicate row for E3 / vehicles / 2026-10 (first on line 2)",
            "targets.csv:3:3（period）：重复的记录 E3 / vehicles / 2026-10（首次出现在第 2 行）");
    }

    [Fact]
    public void Load_WhenRatingRepeatsKeyAndRater_ThenDuplicateKeyAtFirstLineOfThatRater()
    {
        // Two raters may rate the same person, period and indicator; the same rater twice is a duplicate.
        var result = DataDirectory.LoadWith(("ratings.csv",
            "employee,period,indicator,points,rater,comment\nE3,2026-10,attitude,5,E2,\nE3,2026-10,attitude,6,E1,\nE3,2026-10,attitude,7,E1,\nE3,2026-10,attitude,8,E2,\nE4,2026-10,attitude,8,E2,"));

        Assert.Equal(
            [(DataErrorCode.DuplicateKey, 4, "3"), (DataErrorCode.DuplicateKey, 5, "2")],
            result.Errors.Select(e => (e.Code, e.Line, e.Arguments[^1])).ToArray());
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("0")]
    [InlineData("-0.5")]
    [InlineData("150%")]
    [InlineData("half")]
    [InlineData("0.1234567")]
    public void Load_WhenShareOutOfRange_ThenInvalidShare(string share)
    {
        var result = DataDirectory.LoadWith(
            ("sales.csv", $"{H}\nS1,E3,2026-01-05,C1,suv,1,100,,,"),
            ("credits.csv", $"sale,employee,share\nS1,E3,{share}"));
        Single(result, "credits.csv", 2, 3, "share", DataErrorCode.InvalidShare,
            $"credits.csv:2:3 (share): '{share}' is not a valid share: above 0 and at most 1, e.g. 0.5 or 50%",
            $"credits.csv:2:3（share）：'{share}' 不是有效的分配比例：应大于 0 且不超过 1，例如 0.5 或 50%");
    }

    [Fact]
    public void Load_WhenSharesSumBelowOne_ThenSharesDoNotSumToOneAtFirstRow()
    {
        var result = DataDirectory.LoadWith(
            ("sales.csv", $"{H}\nS1,E3,2026-01-05,C1,suv,1,100,,,\nS2,E3,2026-01-05,C1,suv,1,100,,,"),
            ("credits.csv", "sale,employee,share\nS2,E3,1\nS1,E3,60%\nS1,E4,0.3"));
        Single(result, "credits.csv", 3, 3, "share", DataErrorCode.SharesDoNotSumToOne,
            "credits.csv:3:3 (share): the shares of sale 'S1' add up to 0.9, not 1",
            "credits.csv:3:3（share）：销售记录 'S1' 的分配比例合计为 0.9，不等于 1");
    }

    [Fact]
    public void Load_WhenEmployeeCreditedTwiceForOneSale_ThenDuplicateKey()
    {
        var result = DataDirectory.LoadWith(
            ("sales.csv", $"{H}\nS1,E3,2026-01-05,C1,suv,1,100,,,"),
            ("credits.csv", "sale,employee,share\nS1,E3,0.5\nS1,E3,0.5"));
        var error = Assert.Single(result.Errors);
        Assert.Equal((DataErrorCode.DuplicateKey, 3, 2), (error.Code, error.Line, error.Column));
        Assert.Equal("credits.csv:3:2 (employee): duplicate row for S1 / E3 (first on line 2)", error.Format(English));
    }

    [Fact]
    public void Load_WhenParentsFormCycle_ThenOrgCycleOnceAtFirstMember()
    {
        using var dir = new DataDirectory();
        dir.Write("org_units.csv", DataDirectory.OrgUnits + "\nA,甲,C,\nB,乙,A,\nC,丙,B,");
        Single(dir.Load(), "org_units.csv", 4, 3, "parent", DataErrorCode.OrgCycle,
            "org_units.csv:4:3 (parent): org units form a cycle: A → C → B → A",
            "org_units.csv:4:3（parent）：组织单元的上级关系形成循环：A → C → B → A");
    }

    [Fact]
    public void Load_WhenUnitIsItsOwnParent_ThenOrgCycle()
    {
        using var dir = new DataDirectory();
        dir.Write("org_units.csv", DataDirectory.OrgUnits + "\nA,甲,A,");
        var error = Assert.Single(dir.Load().Errors);
        Assert.Equal(DataErrorCode.OrgCycle, error.Code);
        Assert.Equal(["A → A"], error.Arguments);
    }

    [Fact]
    public void Load_WhenNoUnitIsRoot_ThenNoRootOrgUnit()
    {
        using var dir = new DataDirectory();
        dir.Write("org_units.csv", "id,name,parent,manager\nHQ,总公司,ST1,E1\nST1,门店1,HQ,E2");
        var result = dir.Load();
        Assert.Null(result.Dataset);
        Assert.Equal([DataErrorCode.NoRootOrgUnit, DataErrorCode.OrgCycle], result.Errors.Select(e => e.Code));
        AssertError(result.Errors[0], "org_units.csv", 0, 0, null, DataErrorCode.NoRootOrgUnit,
            "org_units.csv: no org unit is the root (one unit must have an empty parent)",
            "org_units.csv：没有根组织单元（必须有一个单元的上级为空）");
    }

    [Fact]
    public void Load_WhenTwoRoots_ThenMultipleRootOrgUnits()
    {
        using var dir = new DataDirectory();
        dir.Write("org_units.csv", DataDirectory.OrgUnits + "\nHQ2,分公司,,");
        Single(dir.Load(), "org_units.csv", 4, 1, "id", DataErrorCode.MultipleRootOrgUnits,
            "org_units.csv:4:1 (id): 'HQ2' is a second root; 'HQ' on line 2 is already the root",
            "org_units.csv:4:1（id）：'HQ2' 是第二个根组织单元；第 2 行的 'HQ' 已是根");
    }

    [Fact]
    public void Load_WhenLeaveBeforeHire_ThenLeaveBeforeHire()
    {
        using var dir = new DataDirectory();
        dir.Write("employees.csv", DataDirectory.Employees + "\nE5,钱七,ST1,E2,salesperson,B,core,,2024-01-01,2023-12-31");
        Single(dir.Load(), "employees.csv", 6, 10, "leave_date", DataErrorCode.LeaveBeforeHire,
            "employees.csv:6:10 (leave_date): leave date 2023-12-31 is before hire date 2024-01-01",
            "employees.csv:6:10（leave_date）：离职日期 2023-12-31 早于入职日期 2024-01-01");
    }

    [Fact]
    public void Load_WhenMoreThanThousandErrors_ThenFirstThousandAndTooManyErrors()
    {
        var rows = string.Join('\n', Enumerable.Range(1, 1500).Select(i => $"X{i},E3,2026-01-05,travel,bad"));
        var result = DataDirectory.LoadWith(("expenses.csv", "id,employee,date,category,amount\n" + rows));
        Assert.Null(result.Dataset);
        Assert.Equal(1001, result.Errors.Count);
        Assert.All(result.Errors.Take(1000), e => Assert.Equal(DataErrorCode.InvalidNumber, e.Code));
        Assert.Equal(Enumerable.Range(2, 1000), result.Errors.Take(1000).Select(e => e.Line));
        var last = result.Errors[^1];
        Assert.Equal(DataErrorCode.TooManyErrors, last.Code);
        Assert.Equal("too many errors; stopped after 1000", last.Format(English));
        Assert.Equal("错误过多，已在 1000 个错误后停止", last.Format(Chinese));
    }

    [Fact]
    public void Load_WhenErrorsInSeveralFiles_ThenAllReportedInFileAndLineOrder()
    {
        var result = DataDirectory.LoadWith(
            ("sales.csv", $"{H}\nS1,E3,2026-01-05,C1,suv,1,x,,,\nS2,E9,2026-01-05,C1,suv,1,100,,,"),
            ("expenses.csv", "id,employee,date,category,amount\nX1,E3,2026-13-01,travel,1"),
            ("targets.csv", "subject,metric,period,value,challenge\nE3,vehicles,2026-Q5,10,"));
        Assert.Null(result.Dataset);
        Assert.Equal(
            [("sales.csv", 2, DataErrorCode.InvalidNumber), ("sales.csv", 3, DataErrorCode.UnknownEmployee),
             ("expenses.csv", 2, DataErrorCode.InvalidDate), ("targets.csv", 2, DataErrorCode.InvalidPeriod)],
            result.Errors.Select(e => (e.File, e.Line, e.Code)));
    }

    [Fact]
    public void Load_WhenOneBadRowAmongGood_ThenNoDatasetAtAll()
    {
        var rows = string.Join('\n', Enumerable.Range(1, 500).Select(i => $"S{i},E3,2026-01-05,C1,suv,1,100,,,"));
        var result = DataDirectory.LoadWith(("sales.csv", $"{H}\n{rows}\nS501,E3,2026-01-05,C1,suv,1,1e5,,,"));
        Assert.Null(result.Dataset);
        Assert.False(result.Ok);
        Assert.Equal(DataErrorCode.InvalidNumber, Assert.Single(result.Errors).Code);
    }
}
