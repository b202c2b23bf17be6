using Jixiao.Application.Import;
using static Jixiao.Application.Tests.Import.ErrorAssert;

namespace Jixiao.Application.Tests.Import;

/// <summary>credits.csv's optional kind (direct / indirect, seed 003 §五.1) and referrer (§五.4) columns.</summary>
public sealed partial class DataDirectoryLoaderTests
{
    [Fact]
    public void Load_WhenCreditKindAndReferrer_ThenReadInEnglishOrChinese()
    {
        var result = DataDirectory.LoadWith(
            ("sales.csv", $"{H}\nS1,E3,2026-01-05,C1,suv,1,100,,,\nS2,E3,2026-01-06,C1,suv,1,100,,,\nS3,E4,2026-01-07,C1,suv,1,100,,,"),
            ("credits.csv", "sale,employee,share,销售类型,外部推荐人\nS1,E3,1,indirect,\nS2,E3,0.5,间接,王五\nS2,E4,50%,,\nS3,E4,1,直接,赵六"));
        Assert.Empty(result.Errors);
        var credits = result.Dataset!.Credits;
        var employees = result.Dataset.Employees;
        var sales = result.Dataset.Sales;
        string Of(int i) => sales.Id[credits[i].SaleRow] + "/" + employees[credits[i].Employee].Id + "/" + credits[i].Indirect + "/" + (credits[i].Referrer ?? "-");
        Assert.Equal(["S1/E3/True/-", "S2/E3/True/王五", "S2/E4/False/-", "S3/E4/False/赵六"], Enumerable.Range(0, credits.Count).Select(Of));
    }

    [Fact]
    public void Load_WhenCreditKindUnknown_ThenInvalidCreditKindAtThatCell()
    {
        var result = DataDirectory.LoadWith(
            ("sales.csv", $"{H}\nS1,E3,2026-01-05,C1,suv,1,100,,,"),
            ("credits.csv", "sale,employee,share,kind\nS1,E3,1,partly"));
        Single(result, "credits.csv", 2, 4, "kind", DataErrorCode.InvalidCreditKind,
            "credits.csv:2:4 (kind): 'partly' is not a sale kind: direct (直接) or indirect (间接); empty means direct",
            "credits.csv:2:4（kind）：“partly”不是有效的销售类型：应为 直接（direct）或 间接（indirect），留空即直接");
    }
}
