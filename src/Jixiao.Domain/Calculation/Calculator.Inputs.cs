using System.Globalization;
using Jixiao.Domain.Data;
using Jixiao.Domain.Explanations;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Jixiao.Domain.Scoring;
using Jixiao.Domain.Targets;

namespace Jixiao.Domain.Calculation;

public static partial class Calculator
{
    // What the rules read on the general path: actual, target and achievement ratio, metric values, targets (a longer
    // period without its own row: the sum of its months) and formula slots.
    private sealed partial class Context
    {
        /// <summary>Actual, target and r = actual/target (target/actual for lower-is-better), or null with an error.</summary>
        private (decimal? Actual, decimal? Target, decimal Achievement)? AchievementOf(int e, string code, int metric, TargetSource source, Direction direction, decimal cap, IfUndefined ifUndefined, Explanation? node, List<CalculationError> errors, bool ratioUsed = true)
        {
            var emp = _data.Employees[e];
            var m = _plan.Metrics[metric];
            decimal? actual = _values.Has[metric][e] ? _values.Value[metric][e] : null;
            if (node is not null)
            {
                MetricNode(e, m, node);
            }

            decimal? target;
            switch (source)
            {
                case TargetSource.Constant c:
                    target = c.Value;
                    node?.Add(ExplanationKind.Target, "target", c.Value, "Explain_TargetConstant");
                    break;
                case TargetSource.OtherMetric o:
                    target = _values.Has[o.MetricIndex][e] ? _values.Value[o.MetricIndex][e] : null;
                    if (node is not null)
                    {
                        MetricNode(e, _plan.Metrics[o.MetricIndex], node);
                    }

                    break;
                case TargetSource.FromTargets t:
                    {
                        // Without an explanation only the value is needed: read it from the dense column.
                        if (node is null && _targets.TryFindValue(e, m.Scope == MetricScope.Team ? _tree.TeamUnit[e] : -1, t.Metric, _period, out var value))
                        {
                            target = value;
                            break;
                        }

                        var found = Target(e, t.Metric, _period, m.Scope);
                        if (found is null)
                        {
                            errors.Add(new CalculationError(emp.Id, CalculationErrorCode.MissingTarget, [t.Metric, _periodText, code]));
                            return null;
                        }

                        target = found.Value.Value;
                        node?.Add(ExplanationKind.Target, t.Metric, target, found.Value.How, found.Value.Args);
                        break;
                    }

                default:
                    target = null;
                    break;
            }

            if ((actual is null && _values.Missing.TryGetValue((metric, e), out var input))
                || (source is TargetSource.OtherMetric other && target is null && _values.Missing.TryGetValue((other.MetricIndex, e), out input)))
            {
                errors.Add(new CalculationError(emp.Id, CalculationErrorCode.MissingInput, [code, input, _periodText]));
                return null;
            }

            var undefined = Achievement.IsUndefined(actual, target, direction);
            if (source is TargetSource.FromTargets && target == 0m)
            {
                errors.Add(new CalculationError(emp.Id, CalculationErrorCode.ZeroTarget, [((TargetSource.FromTargets)source).Metric, _periodText, code]));
                return null;
            }

            if (undefined)
            {
                if (Achievement.WhenUndefined(ifUndefined, cap) is { } given)
                {
                    node?.Add(ExplanationKind.Ratio, "r", given, ifUndefined == IfUndefined.Zero ? "Explain_UndefinedZero" : "Explain_UndefinedFull");
                    return (actual, target, given);
                }

                var reason = actual is null && _values.Failures.TryGetValue((metric, e), out var why) ? why : m.Code;
                errors.Add(new CalculationError(emp.Id, CalculationErrorCode.Undefined, [code, reason]));
                return null;
            }

            if (!ratioUsed && node is null)
            {
                // The caller reads only actual and target (over-target pay): the quotient is not computed.
                return (actual, target, 0m);
            }

            var r = Achievement.Ratio(actual!.Value, target!.Value, direction, cap);
            if (node is not null)
            {
                if (direction == Direction.Higher)
                {
                    node.Add(ExplanationKind.Ratio, "r", r, "Explain_RatioHigher", Num(actual.Value), Num(target.Value));
                }
                else if (actual.Value <= 0m)
                {
                    node.Add(ExplanationKind.Ratio, "r", r, "Explain_RatioLowerZero", Num(cap));
                }
                else
                {
                    node.Add(ExplanationKind.Ratio, "r", r, "Explain_RatioLower", Num(target.Value), Num(actual.Value));
                }
            }

            return (actual, target, r);
        }

        private decimal? Metric(int e, string code, int metric, Explanation? node, List<CalculationError> errors)
        {
            var m = _plan.Metrics[metric];
            if (node is not null)
            {
                MetricNode(e, m, node);
            }

            if (_values.Has[metric][e])
            {
                return _values.Value[metric][e];
            }

            if (_values.Missing.TryGetValue((metric, e), out var input))
            {
                errors.Add(new CalculationError(_data.Employees[e].Id, CalculationErrorCode.MissingInput, [code, input, _periodText]));
                return null;
            }

            var reason = _values.Failures.TryGetValue((metric, e), out var why) ? why : m.Code;
            errors.Add(new CalculationError(_data.Employees[e].Id, m.Source == MetricSource.Input ? CalculationErrorCode.MissingInput : CalculationErrorCode.Undefined, [code, reason, _periodText]));
            return null;
        }

        /// <summary>A target value and where it came from: one row, or the sum of the month rows (Months).</summary>
        private readonly record struct FoundTarget(decimal Value, decimal? Challenge, string How, TargetRow? Row, string? Months)
        {
            /// <summary>The explanation arguments (built only when explaining).</summary>
            public object?[] Args => Row is { } row ? (row.Line > 0 ? [row.Subject, row.Period, row.Line] : [row.Subject, row.Period]) : [Months];
        }

        /// <summary>
        /// The target of a metric for an employee: their own row for the period; for team metrics the team
        /// unit's row; for a quarter/half/year without a row, the sum of the month rows when all exist.
        /// </summary>
        private FoundTarget? Target(int e, string metric, Period period, MetricScope scope)
        {
            if (Direct(e, metric, period, scope) is { } row)
            {
                // Line 0: the target came from the database, not from a targets.csv line.
                return new FoundTarget(row.Value, row.Challenge, row.Line > 0 ? "Explain_TargetRow" : "Explain_TargetStored", row, null);
            }

            if (period.Kind == PeriodKind.Month)
            {
                return null;
            }

            decimal sum = 0;
            decimal? challenge = 0;
            var months = new List<string>();
            foreach (var m in period.Months())
            {
                if (Direct(e, metric, m, scope) is not { } monthRow)
                {
                    return null;
                }

                sum += monthRow.Value;
                challenge = monthRow.Challenge is { } c && challenge is { } acc ? acc + c : null;
                months.Add(Num(monthRow.Value));
            }

            return new FoundTarget(sum, challenge, "Explain_TargetSumOfMonths", null, string.Join(" + ", months));
        }

        private TargetRow? Direct(int e, string metric, Period period, MetricScope scope) =>
            _targets.Find(e, scope == MetricScope.Team ? _tree.TeamUnit[e] : -1, metric, period);

        private decimal? EvaluateFormula(int e, string code, Formulas.CompiledFormula f, decimal[] slots, (decimal Total, decimal Coefficient)? payContext, Explanation? node, List<CalculationError> errors)
        {
            var emp = _data.Employees[e];
            var n = _plan.Metrics.Count;
            foreach (var s in f.ReferencedSlots)
            {
                if (s < n)
                {
                    if (!_values.Has[s][e])
                    {
                        if (_values.Missing.TryGetValue((s, e), out var input))
                        {
                            errors.Add(new CalculationError(emp.Id, CalculationErrorCode.MissingInput, [code, input, _periodText]));
                            return null;
                        }

                        var reason = _values.Failures.TryGetValue((s, e), out var why) ? why : _plan.Metrics[s].Code;
                        errors.Add(new CalculationError(emp.Id, CalculationErrorCode.Undefined, [code, reason]));
                        return null;
                    }

                    slots[s] = _values.Value[s][e];
                    if (node is not null)
                    {
                        MetricNode(e, _plan.Metrics[s], node);
                    }
                }
                else if (s < 3 * n)
                {
                    var metric = _plan.Metrics[(s - n) % n];
                    var t = Target(e, metric.Code, _period, metric.Scope);
                    var isChallenge = s >= 2 * n;
                    decimal? v = isChallenge ? t?.Challenge : t?.Value;
                    if (v is null)
                    {
                        errors.Add(new CalculationError(emp.Id, isChallenge ? CalculationErrorCode.MissingChallenge : CalculationErrorCode.MissingTarget, [metric.Code, _periodText, code]));
                        return null;
                    }

                    slots[s] = v.Value;
                    node?.Add(ExplanationKind.Target, _plan.Variables.NameOf(s), v.Value, "Explain_TargetVariable");
                }
                else
                {
                    var name = _plan.Variables.NameOf(s);
                    if (payContext is null)
                    {
                        errors.Add(new CalculationError(emp.Id, CalculationErrorCode.VariableNotAvailable, [code, name]));
                        return null;
                    }

                    slots[s] = name == "total" ? payContext.Value.Total : payContext.Value.Coefficient;
                }
            }

            if (f.TryEvaluate(slots, out var result, out var error))
            {
                return result;
            }

            errors.Add(new CalculationError(emp.Id, CalculationErrorCode.FormulaFailed, [code, error!.Format(CultureInfo.InvariantCulture)]));
            return null;
        }
    }
}
