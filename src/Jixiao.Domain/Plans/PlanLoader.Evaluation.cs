using System.Globalization;
using Jixiao.Domain.Evaluations;
using YamlDotNet.RepresentationModel;

namespace Jixiao.Domain.Plans;

public static partial class PlanLoader
{
    // docs/plan-format.md §17, `evaluation`: the day counts of the evaluation cycle, in working days.
    private sealed partial class Reader
    {
        private EvaluationSettings ReadEvaluation(YamlNode? node)
        {
            var map = y.Map(node, "evaluation", "self_assessment_days", "manager_scoring_days", "verification", "verification_days",
                "publication_days", "appeal_answer_days", "bonus_due_days");
            if (map is null)
            {
                return EvaluationSettings.Default;
            }

            var d = EvaluationSettings.Default;
            int Days(string key, int fallback, int min)
            {
                var value = y.Int(map, key, "evaluation");
                if (value is { } v && (v < min || v > EvaluationSettings.MaxDays))
                {
                    y.Error(YamlNodes.Get(map, key), PlanProblemCode.OutOfRange, key, "evaluation",
                        string.Create(CultureInfo.InvariantCulture, $"{min}–{EvaluationSettings.MaxDays}"));
                    return fallback;
                }

                return value ?? fallback;
            }

            return new EvaluationSettings
            {
                SelfAssessmentDays = Days("self_assessment_days", d.SelfAssessmentDays, 0),
                ManagerScoringDays = Days("manager_scoring_days", d.ManagerScoringDays, 1),
                Verification = y.Bool(map, "verification", "evaluation") ?? d.Verification,
                VerificationDays = Days("verification_days", d.VerificationDays, 1),
                PublicationDays = Days("publication_days", d.PublicationDays, 1),
                AppealAnswerDays = Days("appeal_answer_days", d.AppealAnswerDays, 1),
                BonusDueDays = Days("bonus_due_days", d.BonusDueDays, 0),
            };
        }
    }
}
