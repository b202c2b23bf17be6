using Jixiao.Domain.Compensation;
using Jixiao.Domain.Data;
using Jixiao.Domain.Explanations;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Jixiao.Domain.Targets;

namespace Jixiao.Domain.Calculation;

public static partial class Calculator
{
    // Pay components on the general path; each kind's arithmetic is in Compensation/ (docs/architecture.md).
    private sealed partial class Context
    {
        /// <summary>A component's value for this employee (by level, tier, …), or an error naming the missing key.</summary>
        private static bool TryValue(ValueTable table, PayComponent c, Employee emp, List<CalculationError> errors, out decimal value)
        {
            var key = ValueTable.Attribute(table.By, emp);
            if (table.TryGet(key, out value))
            {
                return true;
            }

            errors.Add(new CalculationError(emp.Id, CalculationErrorCode.NoValueFor, [c.Code, table.By ?? "", key ?? ""]));
            return false;
        }

        private decimal? Pay(int e, PayComponent c, decimal total, decimal coefficient, decimal[] slots, Explanation? node, List<CalculationError> errors)
        {
            var emp = _data.Employees[e];
            switch (c.Kind)
            {
                case PayKind.Bonus:
                    {
                        if (!TryValue(c.Base!, c, emp, errors, out var baseAmount))
                        {
                            return null;
                        }

                        var factor = 1m;
                        if (c.AchievementMetric >= 0)
                        {
                            var r = AchievementOf(e, c.Code, c.AchievementMetric, c.AchievementTarget!, Direction.Higher, c.AchievementCap, IfUndefined.Error, node, errors);
                            if (r is null)
                            {
                                return null;
                            }

                            factor = BonusPay.Factor(r.Value.Achievement, c.AchievementCap);
                        }

                        var amount = BonusPay.Amount(baseAmount, coefficient, factor);
                        node?.Add(ExplanationKind.Step, "bonus", amount, "Explain_Bonus", Num(baseAmount), Num(coefficient), Num(factor), Num(Money.Round(amount)));
                        return amount;
                    }

                case PayKind.OverTarget:
                    {
                        var r = AchievementOf(e, c.Code, c.Metric, c.Target!, Direction.Higher, decimal.MaxValue, IfUndefined.Error, node, errors, ratioUsed: false);
                        if (r is null)
                        {
                            return null;
                        }

                        var actual = r.Value.Actual!.Value;
                        var target = r.Value.Target!.Value;
                        if (!TryValue(c.Rate!, c, emp, errors, out var rate))
                        {
                            return null;
                        }

                        var amount = OverTargetPay.Amount(actual, target, c.Threshold, rate);
                        node?.Add(ExplanationKind.Step, "over_target", amount, "Explain_OverTarget", Num(actual), Num(target), Num(c.Threshold), Num(rate), Num(Money.Round(amount)));
                        return amount;
                    }

                case PayKind.OverTargetUnits:
                    return OverTargetUnits(e, c, node, errors);

                case PayKind.Commission:
                    {
                        var m = _plan.Metrics[c.Metric];
                        var actual = Metric(e, c.Code, c.Metric, node, errors);
                        if (actual is null)
                        {
                            return null;
                        }

                        var targetPeriod = Period.Containing(_period.Start, c.TargetPeriod);
                        decimal target;
                        if (c.Target is TargetSource.Constant k)
                        {
                            target = k.Value;
                        }
                        else
                        {
                            var code = (c.Target as TargetSource.FromTargets)?.Metric ?? m.Code;
                            var t = Target(e, code, targetPeriod, m.Scope);
                            if (t is null || t.Value.Value == 0m)
                            {
                                errors.Add(new CalculationError(emp.Id, t is null ? CalculationErrorCode.MissingTarget : CalculationErrorCode.ZeroTarget, [code, targetPeriod.ToString(), c.Code]));
                                return null;
                            }

                            target = t.Value.Value;
                            node?.Add(ExplanationKind.Target, code, target, t.Value.How, t.Value.Args);
                        }

                        if (!TryValue(c.Rate!, c, emp, errors, out var targetCommission))
                        {
                            return null;
                        }

                        var amount = CommissionPay.Amount(actual.Value, target, targetCommission);
                        node?.Add(ExplanationKind.Step, "commission", amount, "Explain_Commission", Num(actual.Value), Num(target), Num(targetCommission), Num(Money.Round(amount)));
                        if (c.PeriodTargetCommission is { } ptc)
                        {
                            // Seed 003 B: the period's target fully met earns at least the full target commission.
                            var code = (c.Target as TargetSource.FromTargets)?.Metric ?? m.Code;
                            var periodTarget = Target(e, code, _period, m.Scope);
                            if (periodTarget is null)
                            {
                                errors.Add(new CalculationError(emp.Id, CalculationErrorCode.MissingTarget, [code, _periodText, c.Code]));
                                return null;
                            }

                            if (!TryValue(ptc!, c, emp, errors, out var full))
                            {
                                return null;
                            }

                            if (CommissionPay.TargetMetFloorApplies(amount, actual.Value, periodTarget.Value.Value, full))
                            {
                                node?.Add(ExplanationKind.Step, "target_met", full, "Explain_CommissionTargetMet", Num(actual.Value), Num(periodTarget.Value.Value), Num(full));
                                amount = full;
                            }
                        }

                        return amount;
                    }

                case PayKind.Rate:
                    {
                        var actual = Metric(e, c.Code, c.Metric, node, errors);
                        if (actual is null)
                        {
                            return null;
                        }

                        if (!TryValue(c.Rate!, c, emp, errors, out var rate))
                        {
                            return null;
                        }

                        var amount = RatePay.Amount(actual.Value, rate);
                        node?.Add(ExplanationKind.Step, "rate", amount, "Explain_Rate", Num(actual.Value), Num(rate), Num(Money.Round(amount)));
                        return amount;
                    }

                default:
                    {
                        var amount = EvaluateFormula(e, c.Code, c.Formula!, slots, (total, coefficient), node, errors);
                        if (amount is null)
                        {
                            return null;
                        }

                        var due = FormulaPay.Amount(amount.Value);
                        node?.Add(ExplanationKind.Step, "formula", due, "Explain_PayFormula", c.Formula!.Describe(), Num(amount.Value), Num(Money.Round(due)));
                        return due;
                    }
            }
        }

        /// <summary>Seed 004 vehicle bonus (<see cref="OverTargetUnitsPay"/>).</summary>
        private decimal? OverTargetUnits(int e, PayComponent c, Explanation? node, List<CalculationError> errors)
        {
            var r = AchievementOf(e, c.Code, c.Metric, c.Target!, Direction.Higher, decimal.MaxValue, IfUndefined.Error, node, errors, ratioUsed: false);
            if (r is null)
            {
                return null;
            }

            return OverTargetUnits(e, c, r.Value.Actual!.Value, r.Value.Target!.Value, node, errors);
        }

        /// <summary>The vehicle bonus once actual and target are known.</summary>
        private decimal? OverTargetUnits(int e, PayComponent c, decimal actual, decimal target, Explanation? node, List<CalculationError> errors)
        {
            if (!OverTargetUnitsPay.IsOver(actual, target))
            {
                node?.Add(ExplanationKind.Step, "over_target_units", 0m, "Explain_NotOverTarget", Num(actual), Num(target));
                return 0m;
            }

            var emp = _data.Employees[e];
            var metric = _plan.Metrics[c.Metric];
            var sales = _data.Sales;
            var index = _salesByEmployee.Value;
            var perUnitByProduct = _productAmounts.GetValueOrDefault(c);
            var allowed = _productFilters.GetValueOrDefault(metric);
            decimal cumulative = 0, amount = 0;
            for (var k = index.Start[e]; k < index.Start[e + 1]; k++)
            {
                var product = index.Product[k];
                if (allowed is not null && !allowed[product])
                {
                    continue;
                }

                // Units are whole 1/10,000s (this person's part of a split row): DividedByPowerOfTen gives the same decimal as dividing by 10,000.
                var units = MetricEngine.DividedByPowerOfTen(index.Units[k], 4);
                if (_options.Projecting is { } days)
                {
                    // Projected: every row so far recurs at the same pace (the product mix so far).
                    units = OpenPeriod.Project(units, days.Elapsed, days.Days);
                }

                var over = OverTargetUnitsPay.UnitsOver(ref cumulative, units, target);
                if (over <= 0m)
                {
                    continue;
                }

                decimal perUnit;
                if (perUnitByProduct?[product] is { } known)
                {
                    perUnit = known;
                }
                else if (!c.Amounts!.TryGet(sales.Product.Values[product], out perUnit))
                {
                    errors.Add(new CalculationError(emp.Id, CalculationErrorCode.NoValueFor, [c.Code, "product", sales.Product.Values[product]]));
                    return null;
                }

                amount += over * perUnit;
                var row = index.Rows[k];
                node?.Add(ExplanationKind.Step, sales.Id[row], over * perUnit, "Explain_OverTargetUnit", sales.Id[row], sales.Product[row], Num(over), Num(perUnit));
            }

            node?.Add(ExplanationKind.Step, "over_target_units", amount, "Explain_OverTargetUnits", Num(actual), Num(target), Num(Money.Round(amount)));
            return amount;
        }
    }
}
