using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Plans;

namespace Jixiao.Domain.Tests.Plans;

/// <summary>The optional <c>evaluation:</c> section: the cycle's day counts as plan data, with seed 002's defaults.</summary>
public sealed class PlanLoaderEvaluationTests
{
    private const string Plan = """
        plan: { code: p, name: 方案 }
        metrics:
          revenue: { source: sales, aggregate: sum, field: amount }
        grade_scales:
          g:
            - { grade: A, from: 0, coefficient: 1 }
        scorecards:
          s:
            periods: month
            indicators:
              - { code: a, points: 100, rule: ratio, metric: revenue }
        """;

    [Fact]
    public void Load_WhenNoEvaluationSection_ThenTheDefaults()
    {
        var plan = PlanLoader.Load(Plan, "p.yaml").Plan!;
        Assert.Same(EvaluationSettings.Default, plan.Evaluation);
        Assert.Equal((3, 5, false, 2, 3, 5, 10), (plan.Evaluation.SelfAssessmentDays, plan.Evaluation.ManagerScoringDays, plan.Evaluation.Verification,
            plan.Evaluation.VerificationDays, plan.Evaluation.PublicationDays, plan.Evaluation.AppealAnswerDays, plan.Evaluation.BonusDueDays));
    }

    [Fact]
    public void Load_WhenEvaluationSection_ThenItsDayCountsAndTheDefaultsForTheRest()
    {
        var plan = PlanLoader.Load(Plan + "\nevaluation:\n  self_assessment_days: 2\n  verification: true\n  verification_days: 4\n  bonus_due_days: 15\n", "p.yaml").Plan!;
        Assert.Equal(new EvaluationSettings { SelfAssessmentDays = 2, Verification = true, VerificationDays = 4, BonusDueDays = 15 }, plan.Evaluation);
    }

    [Fact]
    public void Load_WhenDayCountOutOfRangeNotAnIntegerOrUnknownKey_ThenErrorsAtTheirLines()
    {
        var result = PlanLoader.Load(Plan + "\nevaluation:\n  manager_scoring_days: 0\n  publication_days: 2.5\n  appeal_days: 5\n  verification: sometimes\n", "p.yaml");
        Assert.Null(result.Plan);
        Assert.Equal([(PlanProblemCode.OutOfRange, 13), (PlanProblemCode.ExpectedInteger, 14), (PlanProblemCode.UnknownKey, 15), (PlanProblemCode.ExpectedBoolean, 16)],
            result.Errors.Select(e => (e.Code, e.Line)));
        Assert.Contains("1–60", result.Errors.First().Arguments);
    }
}
