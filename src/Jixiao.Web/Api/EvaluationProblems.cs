using Jixiao.Domain.Evaluations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jixiao.Web.Api;

/// <summary>
/// A refusal of the evaluation cycle (<see cref="EvaluationError"/>) as an RFC 9457 problem in the caller's language:
/// 403 for who may not do it (role, self-approval), 404 for what is not there, 400 for a bad value, 409 for a move the
/// period's state or deadlines do not allow. The code is in the extension <c>code</c> (e.g. <c>PeriodClosed</c>).
/// </summary>
public static class EvaluationProblems
{
    /// <summary>The HTTP status of a refusal.</summary>
    public static int Status(EvaluationErrorCode code) => code switch
    {
        EvaluationErrorCode.HrOnly or EvaluationErrorCode.HrOrAdminOnly or EvaluationErrorCode.SelfApproval
            or EvaluationErrorCode.SelfAssessmentNotYours or EvaluationErrorCode.ManagerScoringSelf or EvaluationErrorCode.ManagerScoringNotDirectManager
            or EvaluationErrorCode.CalibrationOwnGrade or EvaluationErrorCode.AppealOwn or EvaluationErrorCode.VerificationFinanceOnly
            or EvaluationErrorCode.ImprovementNotAllowed or EvaluationErrorCode.FeedbackNotAllowed => StatusCodes.Status403Forbidden,
        EvaluationErrorCode.RunNotFound or EvaluationErrorCode.ResultsNotPublished or EvaluationErrorCode.AdjustmentNoResult
            or EvaluationErrorCode.NoEvaluationBasis or EvaluationErrorCode.EvidenceNotFound
            or EvaluationErrorCode.CalibrationNotAssessed or EvaluationErrorCode.AppealNotFound or EvaluationErrorCode.AppealNoResult => StatusCodes.Status404NotFound,
        EvaluationErrorCode.ExtensionReasonRequired or EvaluationErrorCode.ExtensionNotLater or EvaluationErrorCode.StepNotInPlan
            or EvaluationErrorCode.PeriodOutOfCalendar or EvaluationErrorCode.AdjustmentAmountInvalid or EvaluationErrorCode.AdjustmentReasonRequired
            or EvaluationErrorCode.AdjustmentItemUnknown or EvaluationErrorCode.AdjustmentNotLater
            or EvaluationErrorCode.SelfAssessmentLineUnknown or EvaluationErrorCode.SelfAssessmentLineTwice or EvaluationErrorCode.SelfAssessmentCommentRequired
            or EvaluationErrorCode.SelfAssessmentCommentTooLong or EvaluationErrorCode.SelfAssessmentLineMissing
            or EvaluationErrorCode.EvidenceTooMany or EvaluationErrorCode.EvidenceNameInvalid or EvaluationErrorCode.EvidenceEmpty or EvaluationErrorCode.EvidenceTooLarge
            or EvaluationErrorCode.EvidenceTypeNotAllowed or EvaluationErrorCode.EvidenceContentMismatch
            or EvaluationErrorCode.ManagerScoringRatingMissing or EvaluationErrorCode.ManagerScoringTalkMissing or EvaluationErrorCode.ManagerScoringTalkDateInvalid
            or EvaluationErrorCode.ManagerScoringCommentTooLong
            or EvaluationErrorCode.CalibrationReasonRequired or EvaluationErrorCode.CalibrationReasonTooLong or EvaluationErrorCode.CalibrationGradeUnknown
            or EvaluationErrorCode.AppealLinesRequired or EvaluationErrorCode.AppealLineUnknown or EvaluationErrorCode.AppealTextRequired
            or EvaluationErrorCode.AppealTextTooLong or EvaluationErrorCode.AppealAnswerRequired or EvaluationErrorCode.AppealCorrectionRequired
            or EvaluationErrorCode.AppealCorrectionNotUpheld or EvaluationErrorCode.AppealPointsInvalid or EvaluationErrorCode.VerificationReasonRequired
            or EvaluationErrorCode.ImprovementTextRequired or EvaluationErrorCode.FeedbackDateInvalid or EvaluationErrorCode.FeedbackNoteInvalid => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status409Conflict,
    };

    /// <summary>The refusal as a problem result.</summary>
    public static ProblemHttpResult Problem(HttpContext http, EvaluationError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var culture = ApiText.Culture(http);
        var status = Status(error.Code);
        var details = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = status,
            Title = EvaluationText.Format(status switch
            {
                StatusCodes.Status403Forbidden => "Title_Forbidden",
                StatusCodes.Status404NotFound => "Title_NotFound",
                StatusCodes.Status400BadRequest => "Title_Invalid",
                _ => "Title_Refused",
            }, culture),
            Detail = error.Message(culture),
        };
        details.Extensions["code"] = error.Code.ToString();
        return TypedResults.Problem(details);
    }
}
