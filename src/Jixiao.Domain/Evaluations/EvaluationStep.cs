namespace Jixiao.Domain.Evaluations;

/// <summary>A step of the cycle with a deadline in working days (<see cref="EvaluationDeadlines"/>); HR may extend each one.</summary>
public enum EvaluationStep
{
    /// <summary>自评: employees state their results, within <see cref="EvaluationSettings.SelfAssessmentDays"/> of period end.</summary>
    SelfAssessment,

    /// <summary>上级评分: the direct manager scores, within <see cref="EvaluationSettings.ManagerScoringDays"/> after self-assessment closes.</summary>
    ManagerScoring,

    /// <summary>跨部门复核: finance verifies (only when the plan turns it on).</summary>
    Verification,

    /// <summary>公示: the publication window, <see cref="EvaluationSettings.PublicationDays"/> from the day of publication.</summary>
    Publication,
}

/// <summary>The API codes of <see cref="EvaluationStep"/>: self_assessment, manager_scoring, verification, publication.</summary>
public static class EvaluationSteps
{
    public static string Code(EvaluationStep step) => step switch
    {
        EvaluationStep.SelfAssessment => "self_assessment",
        EvaluationStep.ManagerScoring => "manager_scoring",
        EvaluationStep.Verification => "verification",
        EvaluationStep.Publication => "publication",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };

    /// <summary>Parses a code (case-insensitive, surrounding spaces ignored).</summary>
    public static bool TryParse(string? code, out EvaluationStep step)
    {
        foreach (var s in Enum.GetValues<EvaluationStep>())
        {
            if (string.Equals(Code(s), code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                step = s;
                return true;
            }
        }

        step = default;
        return false;
    }

    /// <summary>The state in which the step runs (its deadline can be extended up to and in that state).</summary>
    public static PeriodState StateOf(EvaluationStep step) => step == EvaluationStep.Publication ? PeriodState.Published : PeriodState.Evaluation;
}
