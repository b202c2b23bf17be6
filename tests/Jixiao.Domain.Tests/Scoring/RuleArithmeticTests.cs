using Jixiao.Domain.Compensation;
using Jixiao.Domain.Data;
using Jixiao.Domain.Grades;
using Jixiao.Domain.Organisation;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Jixiao.Domain.Scoring;
using Jixiao.Domain.Targets;

namespace Jixiao.Domain.Tests.Scoring;

/// <summary>The rule functions both paths of the close call, checked on their own with exact decimals.</summary>
public sealed class RuleArithmeticTests
{
    [Fact]
    public void Achievement_WhenDirection_ThenActualOverTargetOrTargetOverActualWithFullMarksAtZero()
    {
        Assert.Equal(0.85m, Achievement.Ratio(17m, 20m, Direction.Higher, 1m));
        Assert.Equal(0.5m, Achievement.Ratio(0.2m, 0.1m, Direction.Lower, 1.2m));
        Assert.Equal(1.2m, Achievement.Ratio(0m, 0.1m, Direction.Lower, 1.2m));
        Assert.True(Achievement.IsUndefined(5m, 0m, Direction.Higher));
        Assert.False(Achievement.IsUndefined(5m, 0m, Direction.Lower));
        Assert.True(Achievement.IsUndefined(null, 3m, Direction.Lower));
        Assert.Equal(0m, Achievement.WhenUndefined(IfUndefined.Zero, 1.5m));
        Assert.Equal(1.5m, Achievement.WhenUndefined(IfUndefined.Full, 1.5m));
        Assert.Null(Achievement.WhenUndefined(IfUndefined.Error, 1.5m));
    }

    [Fact]
    public void Ratio_WhenAboveTheCap_ThenWeightTimesCapAndNeverNegative()
    {
        var rule = new RatioRule(30m, 0, new TargetSource.Constant(20m), 1.5m, Direction.Higher, IfUndefined.Error);
        Assert.Equal(25.5m, rule.Score(0.85m));
        Assert.Equal(45m, rule.Score(2m));
        Assert.Equal(0m, rule.Score(-0.3m));
        Assert.Equal(rule.Score(1.3m), RatioRule.Score(30m, 1.3m, 1.5m, rule.MaxPoints));
    }

    [Fact]
    public void Bands_WhenInsideABand_ThenLinearFromMinToMax()
    {
        var rule = new BandsRule(30m, 0, new TargetSource.Constant(1m), [new(0m, 0.6m, 0m, 10m), new(0.6m, 1.2m, 10m, 36m)], Direction.Higher, IfUndefined.Error);
        Assert.Equal(5m, rule.Score(0.3m).Points);
        Assert.Equal(23m, rule.Score(0.9m).Points);
        var (points, x, band) = rule.Score(5m);
        Assert.Equal((36m, 1.2m, 0.6m), (points, x, band.From));
    }

    [Fact]
    public void OtherScores_WhenOutOfRange_ThenClamped()
    {
        Assert.Equal(6m, new DeductionRule(10m, 0, 2m).Score(2m));
        Assert.Equal(0m, new DeductionRule(10m, 0, 2m).Score(9m));
        Assert.True(RatingRule.IsInRange(10m, 10m));
        Assert.False(RatingRule.IsInRange(10.01m, 10m));
        Assert.False(RatingRule.IsInRange(-0.01m, 10m));
        Assert.Equal(3.5m, SumOfPartsRule.Add(1.25m, 2.25m));
        Assert.Equal(0.13m, ScoringRule.Rounded(0.125m));
    }

    [Fact]
    public void Coefficient_WhenInterpolated_ThenClampedAndRoundedToFourPlaces()
    {
        var c = new CoefficientSpec(1m, 1.2m, 90m, 100m);
        Assert.Equal(1.0667m, c.For(93.333m));
        Assert.Equal(1m, c.For(80m));
        Assert.Equal(1.2m, c.For(120m));
        Assert.Equal(0.8m, new CoefficientSpec(0.8m, 0.8m, 0m, 0m).For(99m));
    }

    [Fact]
    public void Pay_WhenComputed_ThenEachKindsFormula()
    {
        Assert.Equal(6000m, BonusPay.Amount(5000m, 1.2m, BonusPay.Factor(1m, 1.5m)));
        Assert.Equal(1.5m, BonusPay.Factor(2m, 1.5m));
        Assert.Equal(0m, BonusPay.Factor(-1m, 1.5m));
        Assert.Equal(0m, OverTargetPay.Amount(110m, 100m, 0.1m, 5m));
        Assert.Equal(55m, OverTargetPay.Amount(111m, 100m, 0.1m, 5m));
        Assert.Equal(3000m, CommissionPay.Amount(300m, 1200m, 12000m));
        Assert.Equal(0m, CommissionPay.Amount(-300m, 1200m, 12000m));
        Assert.True(CommissionPay.TargetMetFloorApplies(800m, 100m, 100m, 1000m));
        Assert.False(CommissionPay.TargetMetFloorApplies(1200m, 100m, 100m, 1000m));
        Assert.Equal(0m, RatePay.Amount(-5m, 0.1m));
        Assert.Equal(0m, FormulaPay.Amount(-12.5m));
    }

    [Fact]
    public void OverTargetUnits_WhenSalesInOrder_ThenOnlyTheUnitsBeyondTheTargetCount()
    {
        decimal cumulative = 0;
        Assert.False(OverTargetUnitsPay.IsOver(10m, 10m));
        Assert.Equal(0m, OverTargetUnitsPay.UnitsOver(ref cumulative, 6m, 10m));
        Assert.Equal(1.5m, OverTargetUnitsPay.UnitsOver(ref cumulative, 5.5m, 10m));
        Assert.Equal(2m, OverTargetUnitsPay.UnitsOver(ref cumulative, 2m, 10m));
        Assert.Equal(13.5m, cumulative);
    }

    [Fact]
    public void CreditSplit_WhenTied_ThenLargerShareThenSmallerEmployeeIdGetsTheUnit()
    {
        Employee E(string id) => new(id, id, "U", null, "p", "c", "l", "t", new DateOnly(2020, 1, 1), null);
        var employees = new[] { E("B"), E("A"), E("C") };
        var weights = CreditSplit.Weights([new Credit(0, 0, 0.25m), new Credit(0, 1, 0.25m), new Credit(0, 2, 0.5m)], employees);
        Assert.Equal(["B", "A", "C"], weights.Keys);

        // 2 × (¼, ¼, ½) = 0.5, 0.5, 1: the leftover unit goes to A (same share as B, smaller id).
        Assert.Equal([0L, 1L, 1L], CreditSplit.Split(2, weights));
        Assert.Equal([2L, 3L, 5L], CreditSplit.Split(10, weights));

        // 2 × (¼, ¾) = 0.5, 1.5: equal remainders, the larger share (C) wins over the smaller id (B).
        Assert.Equal([0L, 2L], CreditSplit.Split(2, CreditSplit.Weights([new Credit(0, 0, 0.25m), new Credit(0, 2, 0.75m)], employees)));
    }

    [Fact]
    public void Forfeiture_WhenLeftBeforeThePeriodEnds_ThenForfeitedUnlessTheComponentPaysLeavers()
    {
        var period = Period.Parse("2026-10");
        var left = new Employee("E1", "E1", "U", null, "p", "c", "l", "t", new DateOnly(2020, 1, 1), new DateOnly(2026, 10, 30));
        var stayed = left with { LeaveDate = new DateOnly(2026, 10, 31) };
        PayComponent Component(bool forfeit) => new() { Code = "b", Kind = PayKind.Bonus, Periods = [PeriodKind.Month], ForfeitOnLeave = forfeit };
        Assert.True(Forfeiture.Applies(Component(true), left, period));
        Assert.False(Forfeiture.Applies(Component(false), left, period));
        Assert.False(Forfeiture.Applies(Component(true), stayed, period));
    }

    [Fact]
    public void Transfers_WhenMovedDuringThePeriod_ThenPlacedAsOnItsLastDayOrTheLeaveDate()
    {
        var period = Period.Parse("2026-10");
        var e = new Employee("E1", "E1", "U", null, "p", "c", "l", "t", new DateOnly(2020, 1, 1), null);
        Assert.Equal(new DateOnly(2026, 10, 31), Transfers.PlacementDay(e, period));
        Assert.Equal(new DateOnly(2026, 10, 12), Transfers.PlacementDay(e with { LeaveDate = new DateOnly(2026, 10, 12) }, period));
        EmployeeAssignment A(string unit, string from) => new("E1", unit, null, "p", "c", "l", "t", DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture));
        EmployeeAssignment[] history = [A("U1", "2026-01-01"), A("U2", "2026-10-15")];
        Assert.Equal("U1", Transfers.InForce(history, new DateOnly(2025, 6, 1).DayNumber).OrgUnitId);
        Assert.Equal("U1", Transfers.InForce(history, new DateOnly(2026, 10, 14).DayNumber).OrgUnitId);
        Assert.Equal("U2", Transfers.InForce(history, new DateOnly(2026, 10, 15).DayNumber).OrgUnitId);
    }
}
