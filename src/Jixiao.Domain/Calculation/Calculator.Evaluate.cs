using System.Globalization;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Explanations;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Scoring;

namespace Jixiao.Domain.Calculation;

public static partial class Calculator
{
    // The general path: one person's indicators, total, grade and pay lines, with explanations and every error.
    private sealed partial class Context
    {
        /// <summary>Computes row <paramref name="row"/> of <paramref name="store"/> (employee <paramref name="e"/>); false with errors when it cannot.</summary>
        public bool Evaluate(int row, int e, CardLayout layout, ResultStore store, decimal[] slots, Explanation? root, List<CalculationError> errors)
        {
            var emp = _data.Employees[e];
            var card = layout.Card;
            var at = store.OffsetOf(row);
            var values = store.Values;
            var flags = store.Flags;
            decimal total = 0;
            var failed = false;
            foreach (var ind in layout.Indicators)
            {
                var node = root?.Add(ExplanationKind.Indicator, ind.Indicator.Code, null, ind.Indicator.Name);
                var score = Score(e, ind.Indicator.Code, ind.Indicator.Rule, slots, node, errors, new PartSink(values, flags, at, ind.Parts));
                if (score is null)
                {
                    failed = true;
                    continue;
                }

                var points = ScoringRule.Rounded(score.Value.Points);
                if (node is not null)
                {
                    node.Value = points;
                    node.Add(ExplanationKind.Step, "round", points, "Explain_Round", score.Value.Points, points);
                }

                if (Corrected.Points(emp.Id, ind.Indicator.Code) is { } corrected)
                {
                    // An upheld appeal's points replace the computed ones (docs/decisions/0019).
                    node?.Add(ExplanationKind.Step, "appeal", corrected, "Explain_PointsCorrected", points, corrected);
                    if (node is not null)
                    {
                        node.Value = corrected;
                    }

                    points = corrected;
                }

                total += points;
                var s = at + ind.Offset;
                values[s + CardLayout.Points] = points;
                flags[s + CardLayout.Points] = ResultStore.HasValue;
                Write(values, flags, s, score.Value);
            }

            if (failed)
            {
                return false;
            }

            if (root is not null)
            {
                var described = new string[layout.Indicators.Length];
                for (var i = 0; i < described.Length; i++)
                {
                    described[i] = values[at + layout.Indicators[i].Offset + CardLayout.Points].ToString(CultureInfo.InvariantCulture);
                }

                root.Add(ExplanationKind.Total, "total", total, "Explain_Total", string.Join(" + ", described));
            }

            string? grade = null;
            decimal? coefficient = null;
            if (layout.Scale is { } scale)
            {
                var band = scale.Find(total);
                if (band is null)
                {
                    errors.Add(new CalculationError(emp.Id, CalculationErrorCode.NoGrade, [Num(total), card.GradeScale!]));
                    return false;
                }

                var found = band;
                if (Corrected.Grade(emp.Id, scale) is { } recorded && recorded.Grade != band.Grade)
                {
                    // Calibration's grade: the coefficient is that grade's at the total, clamped to its range (docs/decisions/0019).
                    band = recorded;
                }

                grade = band.Grade;
                coefficient = band.Coefficient.For(total);
                if (root is not null)
                {
                    root.Add(ExplanationKind.Grade, "grade", null, "Explain_Grade", Num(total), found.Grade, Num(found.From), found.To is { } to ? Num(to) : "∞");
                    if (!ReferenceEquals(found, band))
                    {
                        root.Add(ExplanationKind.Grade, "calibrated", null, "Explain_GradeCalibrated", found.Grade, band.Grade);
                    }

                    root.Add(ExplanationKind.Coefficient, "coefficient", coefficient, band.Coefficient.IsFixed ? "Explain_CoefficientFixed" : "Explain_CoefficientInterpolated",
                        Num(band.Coefficient.From), Num(band.Coefficient.To), Num(band.Coefficient.OverFrom), Num(band.Coefficient.OverTo), Num(total));
                }
            }

            for (var k = 0; k < _plan.Pay.Count; k++)
            {
                var component = _plan.Pay[k];
                if (!component.AppliesTo(emp, card.Code, _period.Kind))
                {
                    continue;
                }

                var node = root?.Add(ExplanationKind.Pay, component.Code, null, component.Name);
                var amount = Pay(e, component, total, coefficient ?? 0m, slots, node, errors);
                if (amount is null)
                {
                    failed = true;
                    continue;
                }

                var rounded = Money.Round(amount.Value);
                var forfeited = Forfeiture.Applies(component, emp, _period);
                if (forfeited)
                {
                    node?.Add(ExplanationKind.Step, "forfeit", 0m, "Explain_Forfeited", emp.LeaveDate!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), _period.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), rounded);
                    rounded = 0m;
                }

                if (node is not null)
                {
                    node.Value = rounded;
                }

                values[at + layout.Pay + k] = rounded;
                flags[at + layout.Pay + k] = forfeited ? ResultStore.Forfeited : ResultStore.HasValue;
            }

            if (failed)
            {
                return false;
            }

            values[at + layout.Total] = total;
            flags[at + layout.Total] = ResultStore.HasValue;
            if (coefficient is { } coef)
            {
                values[at + layout.Coefficient] = coef;
                flags[at + layout.Coefficient] = ResultStore.HasValue;
            }

            store.Grade[row] = grade;
            store.Unit[row] = _tree.EmployeeUnit[e] >= 0 ? _data.OrgUnits[_tree.EmployeeUnit[e]].Id : emp.OrgUnitId;
            return true;
        }

        /// <summary>Writes actual, target and achievement of a score into the three slots after <paramref name="s"/>.</summary>
        private static void Write(decimal[] values, byte[] flags, int s, Scored score)
        {
            if (score.Actual is { } actual)
            {
                values[s + CardLayout.Actual] = actual;
                flags[s + CardLayout.Actual] = ResultStore.HasValue;
            }

            if (score.Target is { } target)
            {
                values[s + CardLayout.Target] = target;
                flags[s + CardLayout.Target] = ResultStore.HasValue;
            }

            if (score.Achievement is { } achievement)
            {
                values[s + CardLayout.Achievement] = achievement;
                flags[s + CardLayout.Achievement] = ResultStore.HasValue;
            }
        }

        /// <summary>Where a top-level sum_of_parts writes its parts (Parts null: nowhere, e.g. nested parts).</summary>
        private readonly record struct PartSink(decimal[] Values, byte[] Flags, int At, PartSlots[]? Parts)
        {
            public void Write(int part, Scored score)
            {
                if (Parts is null)
                {
                    return;
                }

                var s = At + Parts[part].Offset;
                Values[s + CardLayout.Points] = score.Points;
                Flags[s + CardLayout.Points] = ResultStore.HasValue;
                Context.Write(Values, Flags, s, score);
            }
        }

        /// <summary>A number for an explanation: exact up to 10 decimals (a repeating 2/3 would print 28 digits).</summary>
        private static string Num(decimal d) => ExplanationText.Format(d);

        private readonly record struct Scored(decimal Points, decimal? Actual, decimal? Target, decimal? Achievement);

        private Scored? Score(int e, string code, ScoringRule rule, decimal[] slots, Explanation? node, List<CalculationError> errors, PartSink sink)
        {
            var emp = _data.Employees[e];
            switch (rule)
            {
                case RatioRule ratio:
                    {
                        var r = AchievementOf(e, code, ratio.Metric, ratio.Target, ratio.Direction, ratio.Cap, ratio.IfUndefined, node, errors);
                        if (r is null)
                        {
                            return null;
                        }

                        var (actual, target, achievement) = r.Value;
                        var points = ratio.Score(achievement);
                        node?.Add(ExplanationKind.Rule, "ratio", points, "Explain_Ratio", Num(ratio.Points), Num(achievement), Num(ratio.Cap), Num(points));
                        return new Scored(points, actual, target, achievement);
                    }

                case BandsRule bands:
                    {
                        var r = AchievementOf(e, code, bands.Metric, bands.Target, bands.Direction, bands.Cap, bands.IfUndefined, node, errors);
                        if (r is null)
                        {
                            return null;
                        }

                        var (actual, target, achievement) = r.Value;
                        var (points, x, band) = bands.Score(achievement);
                        node?.Add(ExplanationKind.Rule, "bands", points, "Explain_Bands", Num(x), Num(band.From), Num(band.To), Num(band.Min), Num(band.Max), Num(points));
                        return new Scored(points, actual, target, achievement);
                    }

                case DeductionRule deduction:
                    {
                        var count = Metric(e, code, deduction.Metric, node, errors);
                        if (count is null)
                        {
                            return null;
                        }

                        var points = deduction.Score(count.Value);
                        node?.Add(ExplanationKind.Rule, "deduction", points, "Explain_Deduction", Num(deduction.Points), Num(deduction.PerEvent), Num(count.Value), Num(points));
                        return new Scored(points, count, null, null);
                    }

                case SumOfPartsRule sum:
                    {
                        decimal points = 0;
                        var described = node is null ? null : new List<string>(sum.Parts.Count);
                        var ok = true;
                        for (var p = 0; p < sum.Parts.Count; p++)
                        {
                            var part = sum.Parts[p];
                            var partNode = node?.Add(ExplanationKind.Part, part.Name);
                            var s = Score(e, sink.Parts?[p].Code ?? _partCodes.Of(code, part), part.Rule, slots, partNode, errors, default);
                            if (s is null)
                            {
                                ok = false;
                                continue;
                            }

                            if (partNode is not null)
                            {
                                partNode.Value = s.Value.Points;
                            }

                            points = SumOfPartsRule.Add(points, s.Value.Points);
                            sink.Write(p, s.Value);
                            described?.Add(Num(s.Value.Points));
                        }

                        if (!ok)
                        {
                            return null;
                        }

                        node?.Add(ExplanationKind.Rule, "sum_of_parts", points, "Explain_SumOfParts", string.Join(" + ", described!), Num(points));
                        return new Scored(points, null, null, null);
                    }

                case RatingRule rating:
                    {
                        if (!_ratings.TryFindPoints(e, code, out var given))
                        {
                            if (OpenPeriod.IsOpen(_period, _options.AsOf))
                            {
                                // Open period: not rated yet (待评分) scores 0 until it is.
                                node?.Add(ExplanationKind.Rating, code, 0m, "Explain_RatingPending", _periodText);
                                return new Scored(0m, null, null, null);
                            }

                            errors.Add(new CalculationError(emp.Id, CalculationErrorCode.MissingRating, [code, _periodText]));
                            return null;
                        }

                        if (!RatingRule.IsInRange(given, rating.Points))
                        {
                            errors.Add(new CalculationError(emp.Id, CalculationErrorCode.RatingOutOfRange, [code, Num(given), Num(rating.Points)]));
                            return null;
                        }

                        if (node is not null)
                        {
                            var row = _ratings.Find(e, code)!;
                            node.Add(ExplanationKind.Rating, code, given, "Explain_Rating", row.Rater ?? "", rating.LevelOf(given)?.Level ?? "").Comment = row.Comment;
                        }

                        return new Scored(given, given, null, null);
                    }

                case FormulaRule formula:
                    {
                        var result = EvaluateFormula(e, code, formula.Formula, slots, null, node, errors);
                        if (result is null)
                        {
                            return null;
                        }

                        var points = formula.Score(result.Value);
                        node?.Add(ExplanationKind.Rule, "formula", points, "Explain_Formula", formula.Formula.Describe(), Num(result.Value), Num(formula.Points * formula.Cap), Num(points));
                        return new Scored(points, result, null, null);
                    }

                default:
                    throw new InvalidOperationException("Unknown rule " + rule.GetType().Name);
            }
        }
    }
}
