namespace Jixiao.Domain.Evaluations;

/// <summary>
/// The day counts of the evaluation cycle, in working days, from the plan's optional <c>evaluation:</c> section
/// (docs/plan-format.md): defaults are seed 002 步骤四's and SPEC §7's. Every deadline is computed from these and the
/// working-day calendar (<see cref="EvaluationDeadlines"/>), never from numbers in code.
/// </summary>
public sealed record EvaluationSettings
{
    /// <summary>The defaults: 3 / 5 / (2) / 3 / 5 / 10 working days, verification off.</summary>
    public static EvaluationSettings Default { get; } = new();

    /// <summary>The most working days any step may take (a plan asking for more is refused).</summary>
    public const int MaxDays = 60;

    /// <summary>Self-assessment due this many working days after the period's last day.</summary>
    public int SelfAssessmentDays { get; init; } = 3;

    /// <summary>Manager scoring due this many working days after self-assessment is due.</summary>
    public int ManagerScoringDays { get; init; } = 5;

    /// <summary>Whether cross-department verification (跨部门复核) is a step of this plan.</summary>
    public bool Verification { get; init; }

    /// <summary>Verification due this many working days after manager scoring is due (when <see cref="Verification"/> is on).</summary>
    public int VerificationDays { get; init; } = 2;

    /// <summary>The publication window (公示) ends this many working days after the day of publication.</summary>
    public int PublicationDays { get; init; } = 3;

    /// <summary>An appeal is answered within this many working days of the day it is filed.</summary>
    public int AppealAnswerDays { get; init; } = 5;

    /// <summary>Bonuses are due this many working days after the results are confirmed.</summary>
    public int BonusDueDays { get; init; } = 10;
}
