namespace Jixiao.Domain.Evaluations;

/// <summary>
/// Why a step of the evaluation cycle was refused. Each code has a message in zh-CN, en and zh-TW
/// (Resources/EvaluationMessages.tsv); the arguments are listed with each code.
/// </summary>
public enum EvaluationErrorCode
{
    /// <summary>Only HR moves periods, extends deadlines, requests publication and discards runs.</summary>
    HrOnly,

    /// <summary>Only HR or an administrator approves a publication.</summary>
    HrOrAdminOnly,

    /// <summary>The period is not in the state the step needs. Arguments: period, its state, the state needed.</summary>
    WrongState,

    /// <summary>A move that is not the next step. Arguments: period, its state, the state asked for.</summary>
    NotNextState,

    /// <summary>open → evaluation before the period's last day has passed. Arguments: period, its last day.</summary>
    PeriodNotEnded,

    /// <summary>evaluation → calibration while evaluations are missing and not yet overdue. Arguments: period, how many, the deadline.</summary>
    EvaluationsPending,

    /// <summary>calibration → published asked as a plain move: publication is requested, then approved by someone else. Arguments: period.</summary>
    PublicationNeedsApproval,

    /// <summary>An approval or cancellation without a pending request. Arguments: period.</summary>
    PublicationNotRequested,

    /// <summary>A second request while one is pending. Arguments: period, the requested run, who requested it.</summary>
    PublicationAlreadyRequested,

    /// <summary>The requester approving their own request. Arguments: period.</summary>
    SelfApproval,

    /// <summary>The run is not a run of the period. Arguments: run id, period.</summary>
    RunNotFound,

    /// <summary>A failed run (nobody computed). Arguments: run id, people who failed.</summary>
    RunFailed,

    /// <summary>A run that computed nobody. Arguments: run id.</summary>
    RunEmpty,

    /// <summary>A run computing fewer people than the visible one. Arguments: run id, its count, the visible run, its count.</summary>
    RunSmaller,

    /// <summary>The run was discarded. Arguments: run id.</summary>
    RunDiscarded,

    /// <summary>A published run cannot be discarded. Arguments: run id.</summary>
    RunPublished,

    /// <summary>A run requested for publication cannot be discarded until the request is cancelled. Arguments: run id.</summary>
    RunRequested,

    /// <summary>published → closed before the window has ended. Arguments: period, the window's last day.</summary>
    WindowNotEnded,

    /// <summary>published → closed while appeals are unanswered. Arguments: period, how many.</summary>
    AppealsOpen,

    /// <summary>A change to a closed period (ratings, targets, runs, results). Arguments: period.</summary>
    PeriodClosed,

    /// <summary>An extension not later than the current deadline. Arguments: step, the current deadline.</summary>
    ExtensionNotLater,

    /// <summary>An extension without a reason.</summary>
    ExtensionReasonRequired,

    /// <summary>An extension of a step that is over. Arguments: step, period, its state.</summary>
    ExtensionWrongState,

    /// <summary>An extension of verification in a plan without that step. Arguments: period.</summary>
    StepNotInPlan,

    /// <summary>A period outside the working-day calendar. Arguments: period.</summary>
    PeriodOutOfCalendar,

    /// <summary>Final results of a period that is not published. Arguments: period, its state.</summary>
    ResultsNotPublished,

    /// <summary>Someone changed the period since it was read. Arguments: period.</summary>
    StaleVersion,

    /// <summary>No plan is in force for the period. Arguments: period.</summary>
    NoPlan,

    /// <summary>An adjustment recorded in a period that is not open. Arguments: period, its state.</summary>
    AdjustmentPeriodNotOpen,

    /// <summary>An adjustment correcting a period that is not closed. Arguments: period, its state.</summary>
    AdjustmentTargetNotClosed,

    /// <summary>An adjustment recorded in a period that does not end after the corrected one. Arguments: corrected period, period.</summary>
    AdjustmentNotLater,

    /// <summary>An amount that is zero or has more than 2 decimals. Arguments: the amount.</summary>
    AdjustmentAmountInvalid,

    /// <summary>An adjustment without a reason.</summary>
    AdjustmentReasonRequired,

    /// <summary>The person has no published result in the corrected period. Arguments: employee, period.</summary>
    AdjustmentNoResult,

    /// <summary>The corrected item is not an indicator or pay line of that result. Arguments: item, employee, period.</summary>
    AdjustmentItemUnknown,

    /// <summary>Someone writing another person's self-assessment. Arguments: employee.</summary>
    SelfAssessmentNotYours,

    /// <summary>A change to a submitted self-assessment. Arguments: period.</summary>
    SelfAssessmentSubmitted,

    /// <summary>A self-assessment saved after its deadline. Arguments: period, the deadline.</summary>
    SelfAssessmentPastDeadline,

    /// <summary>A line naming no indicator of the result. Arguments: indicator.</summary>
    SelfAssessmentLineUnknown,

    /// <summary>Two lines for one indicator. Arguments: indicator.</summary>
    SelfAssessmentLineTwice,

    /// <summary>A line neither confirmed nor commented on. Arguments: indicator.</summary>
    SelfAssessmentCommentRequired,

    /// <summary>A comment that is too long. Arguments: indicator, the most characters.</summary>
    SelfAssessmentCommentTooLong,

    /// <summary>Submitting with an indicator left without a line. Arguments: indicator.</summary>
    SelfAssessmentLineMissing,

    /// <summary>One evidence file too many. Arguments: the most files.</summary>
    EvidenceTooMany,

    /// <summary>A file without a usable name. Arguments: the most characters.</summary>
    EvidenceNameInvalid,

    /// <summary>An empty file. Arguments: file name.</summary>
    EvidenceEmpty,

    /// <summary>A file over the size limit. Arguments: file name, its size in MB, the limit in MB.</summary>
    EvidenceTooLarge,

    /// <summary>A file of a type that cannot be attached. Arguments: file name, the allowed extensions.</summary>
    EvidenceTypeNotAllowed,

    /// <summary>A file whose content is not what its name says. Arguments: file name, its extension.</summary>
    EvidenceContentMismatch,

    /// <summary>The person has no result in the period's evaluation basis, so there is nothing to assess. Arguments: period, employee.</summary>
    NoEvaluationBasis,

    /// <summary>Someone else saved the same evaluation since it was read (optimistic concurrency). Arguments: step, employee.</summary>
    EvaluationChanged,

    /// <summary>An evidence file that does not exist or is not the caller's to see.</summary>
    EvidenceNotFound,

    /// <summary>Scoring someone whose direct manager on the period's last day is someone else. Arguments: employee, period.</summary>
    ManagerScoringNotDirectManager,

    /// <summary>Scoring oneself.</summary>
    ManagerScoringSelf,

    /// <summary>A change to a submitted manager scoring. Arguments: employee, period.</summary>
    ManagerScoringSubmitted,

    /// <summary>Manager scoring saved after its deadline. Arguments: period, the deadline.</summary>
    ManagerScoringPastDeadline,

    /// <summary>Submitting with a rating indicator not scored. Arguments: employee, indicator.</summary>
    ManagerScoringRatingMissing,

    /// <summary>Submitting without the talk with the employee recorded (沟通确认). Arguments: employee.</summary>
    ManagerScoringTalkMissing,

    /// <summary>A talk date outside the evaluation (after the period's last day, not after today). Arguments: the date, the period's last day.</summary>
    ManagerScoringTalkDateInvalid,

    /// <summary>A comment that is too long. Arguments: the most characters.</summary>
    ManagerScoringCommentTooLong,

    /// <summary>HR calibrating their own grade.</summary>
    CalibrationOwnGrade,

    /// <summary>A grade adjustment without a reason. Arguments: employee.</summary>
    CalibrationReasonRequired,

    /// <summary>A reason that is too long. Arguments: the most characters.</summary>
    CalibrationReasonTooLong,

    /// <summary>A grade that is not a grade of the person's scale. Arguments: grade, employee, the grades.</summary>
    CalibrationGradeUnknown,

    /// <summary>The person has no result in the run being calibrated. Arguments: employee, period.</summary>
    CalibrationNotAssessed,

    /// <summary>The period has no run to calibrate. Arguments: period.</summary>
    CalibrationNoRun,

    /// <summary>The plan has no forced distribution. Arguments: period.</summary>
    NoForcedDistribution,

    /// <summary>An appeal after the publication window's end. Arguments: period, the window's last day.</summary>
    AppealWindowClosed,

    /// <summary>An appeal naming no line.</summary>
    AppealLinesRequired,

    /// <summary>A line that is not a line of the result (or not appealed). Arguments: indicator.</summary>
    AppealLineUnknown,

    /// <summary>An appeal without a text.</summary>
    AppealTextRequired,

    /// <summary>A text that is too long. Arguments: the most characters.</summary>
    AppealTextTooLong,

    /// <summary>HR answering their own appeal.</summary>
    AppealOwn,

    /// <summary>An appeal answered already.</summary>
    AppealAnswered,

    /// <summary>An answer without a text.</summary>
    AppealAnswerRequired,

    /// <summary>Upholding without corrected points.</summary>
    AppealCorrectionRequired,

    /// <summary>Rejecting with corrected points.</summary>
    AppealCorrectionNotUpheld,

    /// <summary>Corrected points outside the line's range or with more than 2 decimals. Arguments: indicator, points, the maximum.</summary>
    AppealPointsInvalid,

    /// <summary>An appeal that does not exist or is not the caller's to see.</summary>
    AppealNotFound,

    /// <summary>The person has no published result to appeal. Arguments: period.</summary>
    AppealNoResult,

    /// <summary>Only finance verifies (or HR, standing in).</summary>
    VerificationFinanceOnly,

    /// <summary>The plan does not turn verification on. Arguments: period.</summary>
    VerificationOff,

    /// <summary>Sending a line back without the line or a reason. Arguments: employee.</summary>
    VerificationReasonRequired,

    /// <summary>Verification after its deadline. Arguments: period, the deadline.</summary>
    VerificationPastDeadline,

    /// <summary>An improvement plan for someone not below the plan's standard. Arguments: employee, period, the grade.</summary>
    ImprovementNotNeeded,

    /// <summary>Only the person's manager or HR writes their improvement plan.</summary>
    ImprovementNotAllowed,

    /// <summary>An improvement plan without goals or actions, or a note without text.</summary>
    ImprovementTextRequired,

    /// <summary>A feedback talk before publication, or dated before it or after today. Arguments: the date.</summary>
    FeedbackDateInvalid,

    /// <summary>Evaluation → calibration while finance has not confirmed everyone (the plan turns verification on). Arguments: period, how many, their names.</summary>
    VerificationPending,

    /// <summary>Only the person's direct manager records the feedback talk (never about themself).</summary>
    FeedbackNotAllowed,

    /// <summary>A feedback talk without a date or with a note that is too long. Arguments: the most characters.</summary>
    FeedbackNoteInvalid,
}
