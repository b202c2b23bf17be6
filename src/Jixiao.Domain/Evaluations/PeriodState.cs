namespace Jixiao.Domain.Evaluations;

/// <summary>
/// Where a plan period stands in the evaluation cycle (考核周期状态, SPEC §3, §7): data coming in (open), people
/// assessed (evaluation), HR calibrates (calibration), results shown for the publication window (published, 公示),
/// then locked (closed). HR moves a period forward one step at a time (<see cref="PeriodRules"/>).
/// </summary>
public enum PeriodState
{
    /// <summary>进行中: data coming in; employees see provisional (暂定) figures only.</summary>
    Open,

    /// <summary>考核中: self-assessment, manager scoring and verification; no final figures are shown.</summary>
    Evaluation,

    /// <summary>校准中: HR aggregates and calibrates; publication is requested and approved here.</summary>
    Calibration,

    /// <summary>公示中: the published run is visible for the publication window; appeals are filed.</summary>
    Published,

    /// <summary>已关闭: immutable; late corrections are adjustments in an open period.</summary>
    Closed,
}

/// <summary>The API codes of <see cref="PeriodState"/> (open, evaluation, calibration, published, closed) and the order of the cycle.</summary>
public static class PeriodStates
{
    /// <summary>The code as the API writes it.</summary>
    public static string Code(PeriodState state) => state switch
    {
        PeriodState.Open => "open",
        PeriodState.Evaluation => "evaluation",
        PeriodState.Calibration => "calibration",
        PeriodState.Published => "published",
        PeriodState.Closed => "closed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>Parses a code (case-insensitive, surrounding spaces ignored).</summary>
    public static bool TryParse(string? code, out PeriodState state)
    {
        foreach (var s in Enum.GetValues<PeriodState>())
        {
            if (string.Equals(Code(s), code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                state = s;
                return true;
            }
        }

        state = default;
        return false;
    }

    /// <summary>The state after <paramref name="state"/>, or null for <see cref="PeriodState.Closed"/>.</summary>
    public static PeriodState? Next(PeriodState state) => state == PeriodState.Closed ? null : state + 1;
}
