using System.Globalization;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;

namespace Jixiao.Domain.Targets;

/// <summary>
/// The arithmetic of target decomposition (docs/targets.md), pure: a parent's annual value is split among its
/// children and every subject's annual value among its months with the largest-remainder method
/// (<see cref="Money.SplitCents"/>) in the metric's smallest unit, so parts always sum exactly to the whole;
/// values given by hand replace computed ones and are never rebalanced — the checks report the difference.
/// </summary>
public static class TargetDecomposer
{
    /// <summary>A person counts for a month when employed on this day of it (hired on or before, not left before).</summary>
    public const int ProrationDay = 15;

    /// <summary>
    /// Decimal places of a metric's targets: money (amount, cost, margin fields, or unit 元) to the cent;
    /// counts of rows and sums of units (vehicles, leads) whole; other sums at the data's 4 places.
    /// </summary>
    public static int DecimalsOf(MetricDefinition metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (metric.IsMoney || string.Equals(metric.Unit, "元", StringComparison.Ordinal))
        {
            return 2;
        }

        return metric.Aggregate == Aggregate.Count || metric.Field == MetricField.Units ? 0 : 4;
    }

    /// <summary>Whether a person hired on <paramref name="hired"/> and leaving on <paramref name="left"/> counts for the month.</summary>
    public static bool ActiveIn(DateOnly? hired, DateOnly? left, int year, int month)
    {
        var day = new DateOnly(year, month, ProrationDay);
        return (hired is null || hired <= day) && (left is null || left >= day);
    }

    /// <summary>Splits <paramref name="total"/> (at most <paramref name="decimals"/> places) by weights; the parts sum exactly to it.</summary>
    public static decimal[] Split(decimal total, int decimals, IReadOnlyList<decimal> weights, IReadOnlyList<string>? keys = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var scale = Scale(decimals);
        var scaled = total * scale;
        if (scaled != decimal.Truncate(scaled))
        {
            throw new ArgumentException($"{total} has more than {decimals} decimal places.", nameof(total));
        }

        var parts = Money.SplitCents(decimal.ToInt64(scaled), [.. weights], keys is null ? default : [.. keys]);
        var result = new decimal[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            result[i] = parts[i] / scale;
        }

        return result;
    }

    private static decimal Scale(int decimals)
    {
        var scale = 1m;
        for (var i = 0; i < decimals; i++)
        {
            scale *= 10m;
        }

        return scale;
    }

    private static bool Fits(decimal value, int decimals) => Money.Round(value, decimals) == value;

    /// <summary>
    /// Decomposes <paramref name="request"/> over <paramref name="nodes"/> (the subject first, then its
    /// descendants, each after its parent). <paramref name="lastYear"/> holds last year's actuals by subject
    /// for <see cref="SplitMethod.LastYear"/>.
    /// </summary>
    public static TargetPlan Compute(DecomposeRequest request, IReadOnlyList<PlanningNode> nodes, int decimals, string? unit,
        IReadOnlyDictionary<string, decimal?>? lastYear = null, string version = "")
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(nodes);
        var problems = Validate(request, nodes, decimals);
        if (problems.Count > 0 || nodes.Count == 0)
        {
            return new TargetPlan(request.Year, request.Metric, unit, decimals, [], [], problems, version);
        }

        var monthWeights = request.MonthWeights is { Count: 12 } w ? w : [.. Enumerable.Repeat(1m, 12)];
        var totalMonthWeight = monthWeights.Sum();
        var children = nodes.Skip(1).ToLookup(n => n.Parent ?? "", StringComparer.Ordinal);
        var active = nodes.ToDictionary(n => n.Id, n => Enumerable.Range(1, 12).Select(m => !n.IsPerson || ActiveIn(n.Hired, n.Left, request.Year, m)).ToArray(), StringComparer.Ordinal);
        var fraction = nodes.ToDictionary(n => n.Id, n => Enumerable.Range(0, 12).Where(m => active[n.Id][m]).Sum(m => monthWeights[m]) / totalMonthWeight, StringComparer.Ordinal);
        var handCells = request.Cells ?? [];
        for (var i = 0; i < handCells.Count; i++)
        {
            if (handCells[i].Month >= 1 && !active[handCells[i].Subject][handCells[i].Month - 1])
            {
                problems.Add(new TargetProblem($"cells[{i}].month", TargetProblemCode.CellInactive, handCells[i].Subject, handCells[i].Month));
            }
        }

        if (problems.Count > 0)
        {
            return new TargetPlan(request.Year, request.Metric, unit, decimals, [], [], problems, version);
        }

        var cells = handCells.ToDictionary(c => (c.Subject, c.Month));

        var annual = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var challenge = new Dictionary<string, decimal?>(StringComparer.Ordinal);
        var weightOf = new Dictionary<string, decimal>(StringComparer.Ordinal) { [nodes[0].Id] = 1m };
        var months = new Dictionary<string, decimal?[]>(StringComparer.Ordinal);
        var monthChallenges = new Dictionary<string, decimal?[]>(StringComparer.Ordinal);
        var root = nodes[0].Id;
        annual[root] = request.Annual;
        challenge[root] = request.Challenge ?? ChallengeOf(request.Annual);

        decimal? ChallengeOf(decimal value) => request.ChallengeFactor is { } f ? Money.Round(value * f, decimals) : null;

        var hasChallenge = challenge[root] is not null;
        foreach (var node in nodes)
        {
            var kids = children[node.Id].ToList();
            if (kids.Count > 0)
            {
                if (request.Method == SplitMethod.Hand)
                {
                    foreach (var k in kids)
                    {
                        annual[k.Id] = cells.TryGetValue((k.Id, 0), out var c) ? c.Value ?? 0m : 0m;
                        challenge[k.Id] = hasChallenge ? (cells.TryGetValue((k.Id, 0), out var cc) && cc.Challenge is { } given ? given : ChallengeOf(annual[k.Id]) ?? 0m) : null;
                        weightOf[k.Id] = 0m;
                    }
                }
                else
                {
                    var weights = kids.Select(k => Math.Max(0m, request.Method == SplitMethod.Ratio
                        ? (request.Weights is not null && request.Weights.TryGetValue(k.Id, out var given) ? given : 1m)
                        : (lastYear is not null && lastYear.TryGetValue(k.Id, out var actual) ? actual ?? 0m : 0m)) * fraction[k.Id]).ToArray();
                    var keys = kids.Select(k => k.Id).ToArray();
                    for (var i = 0; i < kids.Count; i++)
                    {
                        weightOf[kids[i].Id] = weights[i];
                    }

                    if (weights.Sum() == 0m)
                    {
                        problems.Add(new TargetProblem("method", request.Method == SplitMethod.LastYear ? TargetProblemCode.LastYearNoActuals : TargetProblemCode.WeightsAllZero, node.Id));
                        foreach (var k in kids)
                        {
                            annual[k.Id] = 0m;
                            challenge[k.Id] = hasChallenge ? 0m : null;
                        }
                    }
                    else
                    {
                        var split = Split(annual[node.Id], decimals, weights, keys);
                        var splitChallenge = challenge[node.Id] is { } pc ? Split(pc, decimals, weights, keys) : null;
                        for (var i = 0; i < kids.Count; i++)
                        {
                            annual[kids[i].Id] = split[i];
                            challenge[kids[i].Id] = splitChallenge?[i];
                        }
                    }
                }
            }

            // Months of this node.
            var act = active[node.Id];
            var mv = new decimal?[12];
            var mc = new decimal?[12];
            if (request.Method == SplitMethod.Hand)
            {
                for (var m = 0; m < 12; m++)
                {
                    if (act[m])
                    {
                        var given = cells.TryGetValue((node.Id, m + 1), out var c) ? c : null;
                        mv[m] = given?.Value ?? 0m;
                        mc[m] = hasChallenge ? given?.Challenge ?? ChallengeOf(mv[m]!.Value) ?? 0m : null;
                    }
                }
            }
            else if (act.Any(a => a))
            {
                var weights = Enumerable.Range(0, 12).Select(m => act[m] ? monthWeights[m] : 0m).ToArray();
                if (weights.Sum() == 0m)
                {
                    // Seasonality weighs every month this person works at 0: the months cannot carry the annual value.
                    weights = [.. act.Select(a => a ? 1m : 0m)];
                }

                var split = Split(annual[node.Id], decimals, weights);
                var splitChallenge = challenge[node.Id] is { } nc ? Split(nc, decimals, weights) : null;
                for (var m = 0; m < 12; m++)
                {
                    if (act[m])
                    {
                        mv[m] = split[m];
                        mc[m] = splitChallenge?[m];
                    }
                }
            }

            months[node.Id] = mv;
            monthChallenges[node.Id] = mc;
        }

        if (request.Method != SplitMethod.Hand)
        {
            foreach (var c in request.Cells ?? [])
            {
                if (c.Month == 0 && c.Subject != root)
                {
                    annual[c.Subject] = c.Value ?? annual[c.Subject];
                    challenge[c.Subject] = hasChallenge ? c.Challenge ?? (c.Value is { } v ? ChallengeOf(v) : null) ?? challenge[c.Subject] : null;
                }
                else if (c.Month is >= 1 and <= 12 && active[c.Subject][c.Month - 1])
                {
                    months[c.Subject][c.Month - 1] = c.Value ?? months[c.Subject][c.Month - 1];
                    monthChallenges[c.Subject][c.Month - 1] = hasChallenge
                        ? c.Challenge ?? (c.Value is { } v ? ChallengeOf(v) : null) ?? monthChallenges[c.Subject][c.Month - 1]
                        : null;
                }
            }
        }

        var depth = new Dictionary<string, int>(StringComparer.Ordinal) { [root] = 0 };
        var rows = new List<TargetPlanRow>(nodes.Count);
        var checks = new List<SumCheck>();
        foreach (var node in nodes)
        {
            if (node.Parent is not null && depth.TryGetValue(node.Parent, out var d))
            {
                depth[node.Id] = d + 1;
            }

            var act = active[node.Id];
            var first = Array.IndexOf(act, true) + 1;
            var last = Array.LastIndexOf(act, true) + 1;
            rows.Add(new TargetPlanRow(node.Id, node.Name, node.IsPerson, node.Parent, depth.GetValueOrDefault(node.Id), weightOf.GetValueOrDefault(node.Id),
                annual[node.Id], challenge[node.Id], months[node.Id], monthChallenges[node.Id], first, last));

            var kids = children[node.Id].ToList();
            if (kids.Count > 0)
            {
                checks.Add(new SumCheck(node.Id, CheckKind.Children, false, annual[node.Id], kids.Sum(k => annual[k.Id])));
                if (hasChallenge)
                {
                    checks.Add(new SumCheck(node.Id, CheckKind.Children, true, challenge[node.Id] ?? 0m, kids.Sum(k => challenge[k.Id] ?? 0m)));
                }
            }

            checks.Add(new SumCheck(node.Id, CheckKind.Months, false, annual[node.Id], months[node.Id].Sum(v => v ?? 0m)));
            if (hasChallenge)
            {
                checks.Add(new SumCheck(node.Id, CheckKind.Months, true, challenge[node.Id] ?? 0m, monthChallenges[node.Id].Sum(v => v ?? 0m)));
            }
        }

        return new TargetPlan(request.Year, request.Metric, unit, decimals, rows, checks, problems, version);
    }

    private static List<TargetProblem> Validate(DecomposeRequest r, IReadOnlyList<PlanningNode> nodes, int decimals)
    {
        var problems = new List<TargetProblem>();
        void Amount(string field, decimal? value)
        {
            if (value is not { } v)
            {
                return;
            }

            if (v < 0m)
            {
                problems.Add(new TargetProblem(field, TargetProblemCode.ValueNegative));
            }
            else if (!Fits(v, decimals))
            {
                problems.Add(new TargetProblem(field, decimals == 0 ? TargetProblemCode.ValueWhole : TargetProblemCode.ValueDecimals, decimals));
            }
            else if (v > 9_999_999_999_999.9999m)
            {
                problems.Add(new TargetProblem(field, TargetProblemCode.ValueTooLarge));
            }
        }

        if (r.Year is < 1900 or > 9998)
        {
            problems.Add(new TargetProblem("year", TargetProblemCode.YearInvalid, r.Year));
        }

        Amount("annual", r.Annual);
        Amount("challenge", r.Challenge);
        if (r.ChallengeFactor is { } f && (f <= 0m || f > 100m))
        {
            problems.Add(new TargetProblem("challengeFactor", TargetProblemCode.FactorInvalid));
        }

        if (r.MonthWeights is { } mw)
        {
            if (mw.Count != 12)
            {
                problems.Add(new TargetProblem("monthWeights", TargetProblemCode.MonthWeightsCount, mw.Count));
            }
            else if (mw.Any(x => x < 0m))
            {
                problems.Add(new TargetProblem("monthWeights", TargetProblemCode.WeightNegative));
            }
            else if (mw.Sum() == 0m)
            {
                problems.Add(new TargetProblem("monthWeights", TargetProblemCode.WeightsAllZero, ""));
            }
        }

        foreach (var (key, value) in r.Weights ?? new Dictionary<string, decimal>())
        {
            if (value < 0m)
            {
                problems.Add(new TargetProblem($"weights.{key}", TargetProblemCode.WeightNegative));
            }
        }

        var ids = nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<(string, int)>();
        var cells = r.Cells ?? [];
        for (var i = 0; i < cells.Count; i++)
        {
            var c = cells[i];
            if (!ids.Contains(c.Subject))
            {
                problems.Add(new TargetProblem($"cells[{i}].subject", TargetProblemCode.CellSubject, c.Subject, r.Subject));
            }
            else if (c.Month is < 0 or > 12)
            {
                problems.Add(new TargetProblem($"cells[{i}].month", TargetProblemCode.CellMonth, c.Month));
            }
            else if (!seen.Add((c.Subject, c.Month)))
            {
                problems.Add(new TargetProblem($"cells[{i}]", TargetProblemCode.CellDuplicate, c.Subject, c.Month));
            }

            Amount($"cells[{i}].value", c.Value);
            Amount($"cells[{i}].challenge", c.Challenge);
        }

        return problems;
    }

    /// <summary>The rows a plan stores: every subject's annual value and the value of each month it works, except the rows it keeps (<see cref="TargetPlan.Kept"/>).</summary>
    public static IReadOnlyList<TargetWrite> Writes(TargetPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var rows = new List<TargetWrite>();
        foreach (var r in plan.Rows)
        {
            var year = plan.Year.ToString(CultureInfo.InvariantCulture);
            if (!plan.Kept.Contains(r.Subject + "|" + year))
            {
                rows.Add(new TargetWrite(r.Subject, plan.Metric, year, r.Annual, r.Challenge));
            }

            for (var m = 0; m < 12; m++)
            {
                var period = new Period(PeriodKind.Month, plan.Year, m + 1).ToString();
                if (r.Months[m] is { } v && !plan.Kept.Contains(r.Subject + "|" + period))
                {
                    rows.Add(new TargetWrite(r.Subject, plan.Metric, period, v, r.MonthChallenges[m]));
                }
            }
        }

        return rows;
    }
}
