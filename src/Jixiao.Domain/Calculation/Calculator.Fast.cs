using Jixiao.Domain.Compensation;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Jixiao.Domain.Scoring;
using Jixiao.Domain.Targets;

namespace Jixiao.Domain.Calculation;

public static partial class Calculator
{
    /// <summary>
    /// The per-person evaluation of one scorecard without an explanation, resolved once per run: for every
    /// rule and pay component the metric and target columns it reads, so that a person costs array reads and
    /// the decimal arithmetic of <see cref="Context.Evaluate"/>, in the same order and with the same operands
    /// (so the same decimals, scale included). Only what the common plans use is covered (ratio rules, sums of
    /// ratio parts, ratings, bonus and over-target pay); a card with anything else has no fast plan. A person
    /// whose evaluation would report an error (missing target, zero target, undefined ratio, no grade, …) is
    /// left to the general path, which produces the same results and errors as before.
    /// </summary>
    private sealed class FastCard(FastIndicator[] indicators, FastPay[] pay)
    {
        public FastIndicator[] Indicators { get; } = indicators;

        public FastPay[] Pay { get; } = pay;
    }

    private enum FastTarget
    {
        None,
        Constant,
        OtherMetric,
        Table,
    }

    /// <summary>Where a rule or pay component reads its actual and target from (see <c>Context.AchievementOf</c>).</summary>
    private sealed class FastLookup
    {
        public required int Metric { get; init; }

        public required decimal[] Actual { get; init; }

        public required bool[] Has { get; init; }

        public required FastTarget Kind { get; init; }

        public decimal Constant { get; init; }

        public int Other { get; init; } = -1;

        public decimal[]? OtherValue { get; init; }

        public bool[]? OtherHas { get; init; }

        /// <summary>Target rows (+ 1) by employee, and by team unit when <see cref="Team"/>.</summary>
        public int[]? ByEmployee { get; init; }

        public int[]? ByUnit { get; init; }

        public bool Team { get; init; }

        public Direction Direction { get; init; }

        public IfUndefined IfUndefined { get; init; }

        public decimal Cap { get; init; }
    }

    /// <summary>A ratio rule: points = clamp(weight × min(r, cap), 0, weight × cap).</summary>
    private sealed class FastRatio(FastLookup lookup, decimal points, decimal maxPoints)
    {
        public FastLookup Lookup { get; } = lookup;

        public decimal Points { get; } = points;

        public decimal MaxPoints { get; } = maxPoints;
    }

    private enum FastRule
    {
        Ratio,
        Parts,
        Rating,
    }

    private sealed class FastIndicator
    {
        public required FastRule Rule { get; init; }

        /// <summary>The indicator's first slot (CardLayout).</summary>
        public required int Offset { get; init; }

        public FastRatio? Ratio { get; init; }

        /// <summary>Parts of a sum_of_parts, with their first slots.</summary>
        public FastRatio[]? Parts { get; init; }

        public int[]? PartOffsets { get; init; }

        /// <summary>Rating rows (+ 1) by employee; null when nobody was rated for the indicator.</summary>
        public int[]? Ratings { get; init; }

        public decimal RatingPoints { get; init; }
    }

    private sealed class FastPay(int index, PayComponent component, FastLookup? lookup)
    {
        public int Index { get; } = index;

        public PayComponent Component { get; } = component;

        /// <summary>Actual and target of over_target / over_target_units.</summary>
        public FastLookup? Lookup { get; } = lookup;
    }

    private sealed partial class Context
    {
        /// <summary>The fast plan of <paramref name="layout"/>'s card, or null when the card uses something it does not cover.</summary>
        public FastCard? Compile(CardLayout layout)
        {
            var indicators = new FastIndicator[layout.Indicators.Length];
            for (var i = 0; i < indicators.Length; i++)
            {
                var slots = layout.Indicators[i];
                switch (slots.Indicator.Rule)
                {
                    case RatioRule ratio:
                        if (CompileRatio(ratio) is not { } fr)
                        {
                            return null;
                        }

                        indicators[i] = new FastIndicator { Rule = FastRule.Ratio, Offset = slots.Offset, Ratio = fr };
                        break;
                    case SumOfPartsRule sum when slots.Parts is { } partSlots && partSlots.Length == sum.Parts.Count:
                        {
                            var parts = new FastRatio[sum.Parts.Count];
                            var offsets = new int[parts.Length];
                            for (var p = 0; p < parts.Length; p++)
                            {
                                if (sum.Parts[p].Rule is not RatioRule pr || CompileRatio(pr) is not { } fp)
                                {
                                    return null;
                                }

                                parts[p] = fp;
                                offsets[p] = partSlots[p].Offset;
                            }

                            indicators[i] = new FastIndicator { Rule = FastRule.Parts, Offset = slots.Offset, Parts = parts, PartOffsets = offsets };
                            break;
                        }

                    case RatingRule rating:
                        indicators[i] = new FastIndicator { Rule = FastRule.Rating, Offset = slots.Offset, Ratings = _ratings.ColumnOf(slots.Indicator.Code), RatingPoints = rating.Points };
                        break;
                    default:
                        return null;
                }
            }

            var pay = new List<FastPay>();
            for (var k = 0; k < _plan.Pay.Count; k++)
            {
                var c = _plan.Pay[k];
                switch (c.Kind)
                {
                    case PayKind.Bonus when c.AchievementMetric < 0 && c.Base is not null:
                        pay.Add(new FastPay(k, c, null));
                        break;
                    case PayKind.OverTarget when c.Rate is not null && c.Target is not null:
                    case PayKind.OverTargetUnits when c.Target is not null:
                        if (Lookup(c.Metric, c.Target!, Direction.Higher, IfUndefined.Error, decimal.MaxValue) is not { } lookup)
                        {
                            return null;
                        }

                        pay.Add(new FastPay(k, c, lookup));
                        break;
                    default:
                        return null;
                }
            }

            return new FastCard(indicators, [.. pay]);
        }

        private FastRatio? CompileRatio(RatioRule ratio)
        {
            var max = ratio.MaxPoints;
            return max < 0m || Lookup(ratio.Metric, ratio.Target, ratio.Direction, ratio.IfUndefined, ratio.Cap) is not { } lookup
                ? null
                : new FastRatio(lookup, ratio.Points, max);
        }

        private FastLookup? Lookup(int metric, TargetSource source, Direction direction, IfUndefined ifUndefined, decimal cap)
        {
            var m = _plan.Metrics[metric];
            switch (source)
            {
                case TargetSource.Constant c:
                    return new FastLookup { Metric = metric, Actual = _values.Value[metric], Has = _values.Has[metric], Kind = FastTarget.Constant, Constant = c.Value, Direction = direction, IfUndefined = ifUndefined, Cap = cap };
                case TargetSource.OtherMetric o:
                    return new FastLookup
                    {
                        Metric = metric,
                        Actual = _values.Value[metric],
                        Has = _values.Has[metric],
                        Kind = FastTarget.OtherMetric,
                        Other = o.MetricIndex,
                        OtherValue = _values.Value[o.MetricIndex],
                        OtherHas = _values.Has[o.MetricIndex],
                        Direction = direction,
                        IfUndefined = ifUndefined,
                        Cap = cap,
                    };
                case TargetSource.FromTargets t:
                    // A period without rows of the metric (e.g. a quarter made of month targets) takes the general path.
                    if (!_targets.TryColumn(t.Metric, _period, out var byEmployee, out var byUnit))
                    {
                        return null;
                    }

                    var team = m.Scope == MetricScope.Team;
                    return new FastLookup
                    {
                        Metric = metric,
                        Actual = _values.Value[metric],
                        Has = _values.Has[metric],
                        Kind = FastTarget.Table,
                        ByEmployee = byEmployee,
                        ByUnit = team ? byUnit : null,
                        Team = team,
                        Direction = direction,
                        IfUndefined = ifUndefined,
                        Cap = cap,
                    };
                default:
                    return new FastLookup { Metric = metric, Actual = _values.Value[metric], Has = _values.Has[metric], Kind = FastTarget.None, Direction = direction, IfUndefined = ifUndefined, Cap = cap };
            }
        }

        /// <summary>
        /// Actual, target and (when <paramref name="ratioUsed"/>) r, as <c>AchievementOf</c> computes them; false where
        /// <c>AchievementOf</c> would report an error (the general path then reports it).
        /// </summary>
        private bool TryAchievement(FastLookup f, int e, bool ratioUsed, out decimal? actual, out decimal? target, out decimal r)
        {
            actual = f.Has[e] ? f.Actual[e] : null;
            r = 0m;
            switch (f.Kind)
            {
                case FastTarget.Constant:
                    target = f.Constant;
                    break;
                case FastTarget.OtherMetric:
                    target = f.OtherHas![e] ? f.OtherValue![e] : null;
                    break;
                case FastTarget.Table:
                    {
                        var row = f.ByEmployee![e];
                        if (row == 0 && f.Team && f.ByUnit is { } byUnit && _tree.TeamUnit[e] is var u and >= 0)
                        {
                            row = byUnit[u];
                        }

                        if (row == 0)
                        {
                            target = null;
                            return false;
                        }

                        target = _targets.ValueOf(row);
                        if (target == 0m)
                        {
                            return false;
                        }

                        break;
                    }

                default:
                    target = null;
                    break;
            }

            var missing = _values.Missing;
            if (missing.Count > 0
                && ((actual is null && missing.ContainsKey((f.Metric, e))) || (f.Kind == FastTarget.OtherMetric && target is null && missing.ContainsKey((f.Other, e)))))
            {
                return false;
            }

            if (Achievement.IsUndefined(actual, target, f.Direction))
            {
                if (Achievement.WhenUndefined(f.IfUndefined, f.Cap) is not { } given)
                {
                    return false;
                }

                r = given;
                return true;
            }

            if (ratioUsed)
            {
                r = Achievement.Ratio(actual!.Value, target!.Value, f.Direction, f.Cap);
            }

            return true;
        }

        /// <summary>
        /// Writes row <paramref name="row"/> as <see cref="Evaluate"/> would; false when the general path must run (the
        /// caller then clears the row's flags and <paramref name="errors"/>).
        /// </summary>
        public bool TryEvaluateFast(int row, int e, CardLayout layout, FastCard fast, ResultStore store, List<CalculationError> errors)
        {
            var at = store.OffsetOf(row);
            var values = store.Values;
            var flags = store.Flags;
            decimal total = 0;
            foreach (var ind in fast.Indicators)
            {
                var s = at + ind.Offset;
                decimal score;
                switch (ind.Rule)
                {
                    case FastRule.Ratio:
                        {
                            var f = ind.Ratio!;
                            if (!TryAchievement(f.Lookup, e, true, out var actual, out var target, out var r))
                            {
                                return false;
                            }

                            score = RatioRule.Score(f.Points, r, f.Lookup.Cap, f.MaxPoints);
                            Write(values, flags, s, actual, target, r);
                            break;
                        }

                    case FastRule.Parts:
                        {
                            score = 0;
                            var parts = ind.Parts!;
                            for (var p = 0; p < parts.Length; p++)
                            {
                                var f = parts[p];
                                if (!TryAchievement(f.Lookup, e, true, out var actual, out var target, out var r))
                                {
                                    return false;
                                }

                                var points = RatioRule.Score(f.Points, r, f.Lookup.Cap, f.MaxPoints);
                                score = SumOfPartsRule.Add(score, points);
                                var ps = at + ind.PartOffsets![p];
                                values[ps + CardLayout.Points] = points;
                                flags[ps + CardLayout.Points] = ResultStore.HasValue;
                                Write(values, flags, ps, actual, target, r);
                            }

                            break;
                        }

                    default:
                        {
                            if (ind.Ratings is not { } ratings || ratings[e] == 0)
                            {
                                if (!OpenPeriod.IsOpen(_period, _options.AsOf))
                                {
                                    return false;
                                }

                                // Open period: not rated yet (待评分) scores 0.
                                score = 0m;
                                break;
                            }

                            var given = _ratings.PointsOf(ratings[e]);
                            if (!RatingRule.IsInRange(given, ind.RatingPoints))
                            {
                                return false;
                            }

                            score = given;
                            values[s + CardLayout.Actual] = given;
                            flags[s + CardLayout.Actual] = ResultStore.HasValue;
                            break;
                        }
                }

                var rounded = ScoringRule.Rounded(score);
                total += rounded;
                values[s + CardLayout.Points] = rounded;
                flags[s + CardLayout.Points] = ResultStore.HasValue;
            }

            string? grade = null;
            decimal? coefficient = null;
            if (layout.Scale is { } scale)
            {
                var band = scale.Find(total);
                if (band is null)
                {
                    return false;
                }

                grade = band.Grade;
                coefficient = band.Coefficient.For(total);
            }

            var emp = _data.Employees[e];
            var cardCode = layout.Card.Code;
            foreach (var fp in fast.Pay)
            {
                var c = fp.Component;
                if (!c.AppliesTo(emp, cardCode, _period.Kind))
                {
                    continue;
                }

                decimal amount;
                switch (c.Kind)
                {
                    case PayKind.Bonus:
                        {
                            if (!c.Base!.TryGet(ValueTable.Attribute(c.Base.By, emp), out var baseAmount))
                            {
                                return false;
                            }

                            amount = BonusPay.Amount(baseAmount, coefficient ?? 0m, 1m);
                            break;
                        }

                    case PayKind.OverTarget:
                        {
                            if (!TryAchievement(fp.Lookup!, e, false, out var actual, out var target, out _)
                                || !c.Rate!.TryGet(ValueTable.Attribute(c.Rate.By, emp), out var rate))
                            {
                                return false;
                            }

                            amount = OverTargetPay.Amount(actual!.Value, target!.Value, c.Threshold, rate);
                            break;
                        }

                    default:
                        {
                            if (!TryAchievement(fp.Lookup!, e, false, out var actual, out var target, out _)
                                || OverTargetUnits(e, c, actual!.Value, target!.Value, null, errors) is not { } units)
                            {
                                return false;
                            }

                            amount = units;
                            break;
                        }
                }

                var rounded = Money.Round(amount);
                var forfeited = Forfeiture.Applies(c, emp, _period);
                values[at + layout.Pay + fp.Index] = forfeited ? 0m : rounded;
                flags[at + layout.Pay + fp.Index] = forfeited ? ResultStore.Forfeited : ResultStore.HasValue;
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

        private static void Write(decimal[] values, byte[] flags, int s, decimal? actual, decimal? target, decimal achievement)
        {
            if (actual is { } a)
            {
                values[s + CardLayout.Actual] = a;
                flags[s + CardLayout.Actual] = ResultStore.HasValue;
            }

            if (target is { } t)
            {
                values[s + CardLayout.Target] = t;
                flags[s + CardLayout.Target] = ResultStore.HasValue;
            }

            values[s + CardLayout.Achievement] = achievement;
            flags[s + CardLayout.Achievement] = ResultStore.HasValue;
        }
    }
}
