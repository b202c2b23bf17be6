using System.Globalization;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Tests.Evaluations;

/// <summary>The state machine's rules, each refusal by its code (docs/decisions/0019-evaluation-cycle.md).</summary>
public sealed class PeriodRulesTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "CST", "CST");
    private static readonly Period October = Period.Parse("2026-10");
    private static readonly Actor Hr = new("hr-1", IsHr: true, IsAdmin: false);
    private static readonly Actor Hr2 = new("hr-2", IsHr: true, IsAdmin: false);
    private static readonly Actor Admin = new("admin", IsHr: false, IsAdmin: true);
    private static readonly Actor Sales = new("sales", IsHr: false, IsAdmin: false);

    private static DateOnly D(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The instant of 09:00 on a company date.</summary>
    private static DateTimeOffset Morning(string date) => new(D(date).ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero);

    private static PeriodFacts Facts(PeriodState state, DateOnly? published = null) =>
        new(October, state, EvaluationDeadlines.Compute(October, EvaluationSettings.Default, WorkingDayCalendar.China, publishedOn: published));

    private static RunFacts Run(long id, int computed, bool succeeded = true, int failed = 0, RunVisibility visibility = RunVisibility.Draft) =>
        new(id, succeeded, computed, failed, visibility);

    [Fact]
    public void StartEvaluation_WhenHrAfterTheLastDay_ThenAllowed_OtherwiseRoleStateOrNotEndedInThatOrder()
    {
        Assert.Null(PeriodRules.StartEvaluation(Facts(PeriodState.Open), Hr, D("2026-11-01")));
        Assert.Equal(EvaluationErrorCode.HrOnly, PeriodRules.StartEvaluation(Facts(PeriodState.Evaluation), Sales, D("2026-10-15"))!.Code);
        Assert.Equal(EvaluationErrorCode.HrOnly, PeriodRules.StartEvaluation(Facts(PeriodState.Open), Admin, D("2026-11-01"))!.Code);
        Assert.Equal(EvaluationErrorCode.WrongState, PeriodRules.StartEvaluation(Facts(PeriodState.Evaluation), Hr, D("2026-10-15"))!.Code);
        var notEnded = PeriodRules.StartEvaluation(Facts(PeriodState.Open), Hr, D("2026-10-31"))!;
        Assert.Equal(EvaluationErrorCode.PeriodNotEnded, notEnded.Code);
        Assert.Equal("期间 2026-10 尚未结束：最后一天（2026-10-31）过后才能开始考核。", notEnded.Message(CultureInfo.GetCultureInfo("zh-CN")));
    }

    [Fact]
    public void StartCalibration_WhenEvaluationsMissing_ThenRefusedUntilTheManagerScoringDeadlineHasPassed()
    {
        // Manager scoring of October is due at the end of 2026-11-11 in Shanghai (16:00 UTC).
        var facts = Facts(PeriodState.Evaluation);
        var before = PeriodRules.StartCalibration(facts, Hr, pendingEvaluations: 2, new DateTimeOffset(2026, 11, 11, 15, 59, 0, TimeSpan.Zero), Shanghai)!;
        Assert.Equal(EvaluationErrorCode.EvaluationsPending, before.Code);
        Assert.Equal(["2026-10", 2, D("2026-11-11")], before.Arguments);
        Assert.Null(PeriodRules.StartCalibration(facts, Hr, 2, new DateTimeOffset(2026, 11, 11, 16, 0, 0, TimeSpan.Zero), Shanghai));
        Assert.Null(PeriodRules.StartCalibration(facts, Hr, 0, Morning("2026-11-05"), Shanghai));
        Assert.Equal(EvaluationErrorCode.WrongState, PeriodRules.StartCalibration(Facts(PeriodState.Open), Hr, 0, Morning("2026-11-20"), Shanghai)!.Code);
    }

    [Fact]
    public void NextState_WhenSkippingOrGoingBack_ThenNotNextState()
    {
        Assert.Null(PeriodRules.NextState(Facts(PeriodState.Open), PeriodState.Evaluation));
        Assert.Equal(EvaluationErrorCode.NotNextState, PeriodRules.NextState(Facts(PeriodState.Open), PeriodState.Closed)!.Code);
        Assert.Equal(EvaluationErrorCode.NotNextState, PeriodRules.NextState(Facts(PeriodState.Calibration), PeriodState.Evaluation)!.Code);
        Assert.Equal(EvaluationErrorCode.NotNextState, PeriodRules.NextState(Facts(PeriodState.Closed), PeriodState.Closed)!.Code);
    }

    [Fact]
    public void RequestPublication_WhenRunFailedEmptyOrSmaller_ThenRefusedWithTheRunNamed()
    {
        var facts = Facts(PeriodState.Calibration);
        var shown = Run(7, computed: 25);
        Assert.Null(PeriodRules.RequestPublication(facts, Hr, Run(8, 25), shown, null));
        Assert.Equal(EvaluationErrorCode.RunFailed, PeriodRules.RequestPublication(facts, Hr, Run(8, 0, succeeded: false, failed: 25), shown, null)!.Code);
        Assert.Equal(EvaluationErrorCode.RunEmpty, PeriodRules.RequestPublication(facts, Hr, Run(8, 0), shown, null)!.Code);
        var smaller = PeriodRules.RequestPublication(facts, Hr, Run(8, 24), shown, null)!;
        Assert.Equal(EvaluationErrorCode.RunSmaller, smaller.Code);
        Assert.Equal([8L, 24, 7L, 25], smaller.Arguments);
        Assert.Equal(EvaluationErrorCode.RunDiscarded, PeriodRules.RequestPublication(facts, Hr, Run(8, 30, visibility: RunVisibility.Discarded), shown, null)!.Code);
        Assert.Equal(EvaluationErrorCode.PublicationAlreadyRequested,
            PeriodRules.RequestPublication(facts, Hr, Run(8, 25), shown, new PublicationRequest(shown, "hr-2"))!.Code);
        Assert.Equal(EvaluationErrorCode.HrOnly, PeriodRules.RequestPublication(facts, Admin, Run(8, 25), shown, null)!.Code);
        Assert.Equal(EvaluationErrorCode.WrongState, PeriodRules.RequestPublication(Facts(PeriodState.Evaluation), Hr, Run(8, 25), shown, null)!.Code);
    }

    [Fact]
    public void ApprovePublication_WhenTheRequesterApproves_ThenSelfApproval_AnotherHrUserOrAnAdministratorMay()
    {
        var facts = Facts(PeriodState.Calibration);
        var run = Run(8, 25);
        var request = new PublicationRequest(run, "hr-1");
        Assert.Equal(EvaluationErrorCode.SelfApproval, PeriodRules.ApprovePublication(facts, Hr, request, run)!.Code);
        Assert.Null(PeriodRules.ApprovePublication(facts, Hr2, request, run));
        Assert.Null(PeriodRules.ApprovePublication(facts, Admin, request, run));
        Assert.Equal(EvaluationErrorCode.HrOrAdminOnly, PeriodRules.ApprovePublication(facts, Sales, request, run)!.Code);
        Assert.Equal(EvaluationErrorCode.PublicationNotRequested, PeriodRules.ApprovePublication(facts, Hr2, null, run)!.Code);
        // A run that became smaller than the one shown since the request (a later run) is not published.
        Assert.Equal(EvaluationErrorCode.RunSmaller, PeriodRules.ApprovePublication(facts, Hr2, request, Run(9, 26))!.Code);
        Assert.Equal(EvaluationErrorCode.SelfApproval, PeriodRules.ApprovePublication(facts, new Actor(null, true, false), new PublicationRequest(run, null), run)!.Code);
    }

    [Fact]
    public void Close_WhenWindowNotOverOrAppealsOpen_ThenRefused()
    {
        // Published Thu 2026-11-26: the window ends with Tue 2026-12-01 (Nov 27, 30, Dec 1).
        var facts = Facts(PeriodState.Published, D("2026-11-26"));
        Assert.Equal(D("2026-12-01"), facts.Deadlines!.PublicationWindowEnd);
        var early = PeriodRules.Close(facts, Hr, 0, Morning("2026-12-01"), Shanghai)!;
        Assert.Equal(EvaluationErrorCode.WindowNotEnded, early.Code);
        Assert.Equal("Period 2026-10 can close only after its publication window ends (2026-12-01).", early.Message(CultureInfo.GetCultureInfo("en")));
        Assert.Equal(EvaluationErrorCode.AppealsOpen, PeriodRules.Close(facts, Hr, 1, Morning("2026-12-02"), Shanghai)!.Code);
        Assert.Null(PeriodRules.Close(facts, Hr, 0, Morning("2026-12-02"), Shanghai));
        Assert.Equal(EvaluationErrorCode.HrOnly, PeriodRules.Close(facts, Admin, 0, Morning("2026-12-02"), Shanghai)!.Code);
    }

    [Fact]
    public void Extend_WhenNotLaterWithoutReasonStepOverOrNotInPlan_ThenRefused()
    {
        var evaluation = Facts(PeriodState.Evaluation);
        Assert.Null(PeriodRules.Extend(evaluation, Hr, EvaluationStep.ManagerScoring, D("2026-11-12"), "评分人出差"));
        var same = PeriodRules.Extend(evaluation, Hr, EvaluationStep.ManagerScoring, D("2026-11-11"), "评分人出差")!;
        Assert.Equal((EvaluationErrorCode.ExtensionNotLater, D("2026-11-11")), (same.Code, same.Arguments[1]));
        Assert.Equal(EvaluationErrorCode.ExtensionReasonRequired, PeriodRules.Extend(evaluation, Hr, EvaluationStep.ManagerScoring, D("2026-11-20"), " ")!.Code);
        Assert.Equal(EvaluationErrorCode.ExtensionReasonRequired, PeriodRules.Extend(evaluation, Hr, EvaluationStep.ManagerScoring, D("2026-11-20"), new string('x', 501))!.Code);
        Assert.Equal(EvaluationErrorCode.StepNotInPlan, PeriodRules.Extend(evaluation, Hr, EvaluationStep.Verification, D("2026-11-20"), "x")!.Code);
        Assert.Equal(EvaluationErrorCode.ExtensionWrongState, PeriodRules.Extend(Facts(PeriodState.Calibration), Hr, EvaluationStep.ManagerScoring, D("2026-11-20"), "x")!.Code);
        Assert.Equal(EvaluationErrorCode.ExtensionWrongState, PeriodRules.Extend(evaluation, Hr, EvaluationStep.Publication, D("2026-11-20"), "x")!.Code);
        Assert.Null(PeriodRules.Extend(Facts(PeriodState.Published, D("2026-11-26")), Hr, EvaluationStep.Publication, D("2026-12-03"), "春节前延长公示"));
        Assert.Equal(EvaluationErrorCode.HrOnly, PeriodRules.Extend(evaluation, Admin, EvaluationStep.ManagerScoring, D("2026-11-20"), "x")!.Code);
    }

    [Fact]
    public void Discard_WhenPublishedRequestedOrAlreadyDiscarded_ThenRefused()
    {
        Assert.Null(PeriodRules.Discard(Hr, Run(3, 25), requestedRunId: null));
        Assert.Equal(EvaluationErrorCode.RunPublished, PeriodRules.Discard(Hr, Run(3, 25, visibility: RunVisibility.Published), null)!.Code);
        Assert.Equal(EvaluationErrorCode.RunDiscarded, PeriodRules.Discard(Hr, Run(3, 25, visibility: RunVisibility.Discarded), null)!.Code);
        Assert.Equal(EvaluationErrorCode.RunRequested, PeriodRules.Discard(Hr, Run(3, 25), requestedRunId: 3)!.Code);
        Assert.Equal(EvaluationErrorCode.HrOnly, PeriodRules.Discard(Sales, Run(3, 25), null)!.Code);
    }

    [Fact]
    public void Changeable_WhenClosed_ThenPeriodClosed_OtherwiseAllowed()
    {
        Assert.Equal(EvaluationErrorCode.PeriodClosed, PeriodRules.Changeable("2026-09", PeriodState.Closed)!.Code);
        foreach (var state in Enum.GetValues<PeriodState>().Where(s => s != PeriodState.Closed))
        {
            Assert.Null(PeriodRules.Changeable("2026-09", state));
        }
    }

    [Fact]
    public void InCalendar_WhenOutside_ThenPeriodOutOfCalendar()
    {
        var old = new PeriodFacts(Period.Parse("1999-05"), PeriodState.Open, null);
        Assert.Equal(EvaluationErrorCode.PeriodOutOfCalendar, PeriodRules.StartEvaluation(old, Hr, D("2026-01-01"))!.Code);
    }
}
