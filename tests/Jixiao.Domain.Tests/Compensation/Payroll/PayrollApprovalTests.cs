using Jixiao.Domain.Compensation.Payroll;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Tests.Compensation.Payroll;

/// <summary>The payroll month rules: in order, one open month, a second approver, the prepared figures.</summary>
public class PayrollApprovalTests
{
    private static readonly Period June = Period.Parse("2026-06");
    private static readonly Period July = Period.Parse("2026-07");

    [Fact]
    public void CanPrepare_WhenNothingApproved_ThenAnyMonthStartsTheLedger()
    {
        Assert.Null(PayrollApproval.OpenMonth(null));
        Assert.Null(PayrollApproval.CanPrepare(Period.Parse("2026-01"), null));
        Assert.Null(PayrollApproval.CanPrepare(Period.Parse("2027-02"), null));
    }

    [Fact]
    public void CanPrepare_WhenJuneApproved_ThenOnlyJuly()
    {
        Assert.Equal(July, PayrollApproval.OpenMonth(June));
        Assert.Null(PayrollApproval.CanPrepare(July, June));
        Assert.Equal(PayrollProblemCode.AlreadyApproved, PayrollApproval.CanPrepare(June, June));
        Assert.Equal(PayrollProblemCode.AlreadyApproved, PayrollApproval.CanPrepare(Period.Parse("2026-05"), June));
        Assert.Equal(PayrollProblemCode.NotFirstOpenMonth, PayrollApproval.CanPrepare(Period.Parse("2026-08"), June));
        Assert.Equal(Period.Parse("2027-01"), PayrollApproval.OpenMonth(Period.Parse("2026-12")));
    }

    [Fact]
    public void CanApprove_WhenPreparerOrNothingOrChangedFigures_ThenRefusedElseAllowed()
    {
        Assert.Equal(PayrollProblemCode.NotPrepared, PayrollApproval.CanApprove(July, June, null, "fin2", sameFigures: true));
        Assert.Equal(PayrollProblemCode.OwnPreparation, PayrollApproval.CanApprove(July, June, "fin1", "fin1", sameFigures: true));
        Assert.Equal(PayrollProblemCode.Changed, PayrollApproval.CanApprove(July, June, "fin1", "fin2", sameFigures: false));
        Assert.Equal(PayrollProblemCode.NotFirstOpenMonth, PayrollApproval.CanApprove(Period.Parse("2026-08"), June, "fin1", "fin2", sameFigures: true));
        Assert.Null(PayrollApproval.CanApprove(July, June, "fin1", "fin2", sameFigures: true));
        Assert.Null(PayrollApproval.CanApprove(June, null, "fin1", "admin", sameFigures: true));
    }
}
