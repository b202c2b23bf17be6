namespace Jixiao.Domain.Targets;

/// <summary>How a parent's annual target is split among its children (child units and people).</summary>
public enum SplitMethod
{
    /// <summary>By weights given per child (missing = 1); months by the month weights.</summary>
    Ratio,

    /// <summary>By each child's share of the same metric's actuals in the previous year.</summary>
    LastYear,

    /// <summary>Every value given by hand; the checks report what does not add up.</summary>
    Hand,
}

/// <summary>One cell given by hand: <see cref="Month"/> 0 is the annual value, 1–12 the months.</summary>
public sealed record TargetCell(string Subject, int Month, decimal? Value, decimal? Challenge = null);

/// <summary>What to decompose: an annual target of <see cref="Subject"/> (an org unit) for <see cref="Metric"/> in <see cref="Year"/>.</summary>
public sealed record DecomposeRequest
{
    public int Year { get; init; }

    public string Metric { get; init; } = "";

    public string Subject { get; init; } = "";

    /// <summary>The annual baseline (基本目标) of the subject.</summary>
    public decimal Annual { get; init; }

    /// <summary>The annual challenge (挑战目标) given by hand; wins over <see cref="ChallengeFactor"/>.</summary>
    public decimal? Challenge { get; init; }

    /// <summary>Challenge = baseline × factor (e.g. 1.2), rounded to the metric's precision.</summary>
    public decimal? ChallengeFactor { get; init; }

    public SplitMethod Method { get; init; }

    /// <summary>Weights per child subject for <see cref="SplitMethod.Ratio"/>; a child not listed weighs 1.</summary>
    public IReadOnlyDictionary<string, decimal>? Weights { get; init; }

    /// <summary>Twelve month weights (seasonality, e.g. 1:1:…:1.2); all 1 when not given.</summary>
    public IReadOnlyList<decimal>? MonthWeights { get; init; }

    /// <summary>Cells given by hand: they replace the computed value; nothing is rebalanced.</summary>
    public IReadOnlyList<TargetCell>? Cells { get; init; }

    /// <summary>For apply: the <see cref="TargetPlan.Version"/> of the preview the user saw.</summary>
    public string? Version { get; init; }

    /// <summary>
    /// For apply: the user confirmed that targets of calculated periods (<see cref="TargetPlan.Locked"/>) are changed;
    /// without it such an apply is refused and nothing is stored.
    /// </summary>
    public bool OverwriteCalculated { get; init; }
}

/// <summary>A node of the planning tree: an org unit or a person placed in one.</summary>
public sealed record PlanningNode(string Id, string Name, bool IsPerson, string? Parent, DateOnly? Hired = null, DateOnly? Left = null);

/// <summary>One row of the plan: a unit or person with its annual and monthly values.</summary>
public sealed record TargetPlanRow(
    string Subject,
    string Name,
    bool IsPerson,
    string? Parent,
    int Depth,
    decimal Weight,
    decimal Annual,
    decimal? Challenge,
    IReadOnlyList<decimal?> Months,
    IReadOnlyList<decimal?> MonthChallenges,
    int FirstMonth,
    int LastMonth);

/// <summary>Which sum a check compares.</summary>
public enum CheckKind
{
    /// <summary>The children's annual values against the parent's annual value.</summary>
    Children,

    /// <summary>The months against the annual value of the same subject.</summary>
    Months,
}

/// <summary>A sum check: <see cref="Actual"/> (the parts) against <see cref="Expected"/> (the whole).</summary>
public sealed record SumCheck(string Subject, CheckKind Kind, bool Challenge, decimal Expected, decimal Actual)
{
    public decimal Difference => Actual - Expected;

    public bool Ok => Actual == Expected;
}

/// <summary>A decomposition: rows (root first, depth-first), checks and problems; <see cref="Version"/> identifies the stored rows it would overwrite.</summary>
public sealed record TargetPlan(
    int Year,
    string Metric,
    string? Unit,
    int Decimals,
    IReadOnlyList<TargetPlanRow> Rows,
    IReadOnlyList<SumCheck> Checks,
    IReadOnlyList<TargetProblem> Problems,
    string Version)
{
    /// <summary>Whether every check holds and nothing is wrong: only then may the plan be applied.</summary>
    public bool Balanced => Problems.Count == 0 && Checks.All(c => c.Ok);

    /// <summary>Stored targets of calculated periods this plan would change (docs/targets.md, "Calculated periods").</summary>
    public IReadOnlyList<LockedChange> Locked { get; init; } = [];

    /// <summary>The calculated periods to re-run when the plan is applied with <see cref="Locked"/> changes, in order.</summary>
    public IReadOnlyList<string> RerunPeriods => LockedChange.RerunPeriodsOf(Locked);

    /// <summary>Rows ("subject|period") of closed periods that keep what is stored: they are not written (<see cref="ClosedTargets"/>).</summary>
    public IReadOnlySet<string> Kept { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Values of closed periods this plan would change: while there is one, the plan cannot be applied (<see cref="ClosedTargets"/>).</summary>
    public IReadOnlyList<ClosedChange> ClosedChanges { get; init; } = [];
}

/// <summary>A value of a closed period a plan would change: <see cref="Stored"/> what is stored (null: no row), <see cref="ClosedPeriod"/> the period that read it.</summary>
public sealed record ClosedChange(string Subject, string Period, decimal? Stored, decimal New, string ClosedPeriod);

/// <summary>
/// A target row to store (one per subject, metric and period). <see cref="Version"/> is the version of the stored row
/// the writer read (the save that last wrote it), null for a row the writer believes new.
/// </summary>
public sealed record TargetWrite(string Subject, string Metric, string Period, decimal Value, decimal? Challenge, long? Version = null);
