using System.Globalization;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Tests.Evaluations;

/// <summary>Calibration (HR only, never one's own grade, with a reason, a grade of the scale) and appeals (window, lines, text; HR answers, never their own).</summary>
public sealed class CalibrationAndAppealRulesTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "CST", "CST");
    private static readonly Period October = Period.Parse("2026-10");
    private static readonly Actor Hr = new("u-hr", IsHr: true, IsAdmin: false);
    private static readonly Actor Manager = new("u-m", IsHr: false, IsAdmin: false);
    private static readonly string[] Grades = ["S", "A", "B", "C"];

    // Published on Thu 2026-11-26: the window runs to the end of Tue 2026-12-01 (3 working days).
    private static PeriodFacts Facts(PeriodState state) =>
        new(October, state, EvaluationDeadlines.Compute(October, EvaluationSettings.Default, WorkingDayCalendar.China, publishedOn: new DateOnly(2026, 11, 26)));

    private static DateTimeOffset At(string date, int hour) =>
        new(DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(8));

    [Fact]
    public void Adjust_WhenRoleOwnGradeStateReasonOrGradeWrong_ThenRefusedInThatOrder()
    {
        var c = Facts(PeriodState.Calibration);
        Assert.Null(CalibrationRules.Adjust(c, Hr, "H01", "P01", "S", Grades, "重点客户"));
        Assert.Equal(EvaluationErrorCode.HrOnly, CalibrationRules.Adjust(c, Manager, "P01", "P01", "X", Grades, null)?.Code);
        Assert.Equal(EvaluationErrorCode.CalibrationOwnGrade, CalibrationRules.Adjust(Facts(PeriodState.Published), Hr, "P01", "P01", "X", Grades, null)?.Code);
        Assert.Equal(EvaluationErrorCode.WrongState, CalibrationRules.Adjust(Facts(PeriodState.Published), Hr, null, "P01", "X", Grades, null)?.Code);
        Assert.Equal(EvaluationErrorCode.CalibrationReasonRequired, CalibrationRules.Adjust(c, Hr, null, "P01", "X", Grades, "  ")?.Code);
        Assert.Equal(EvaluationErrorCode.CalibrationReasonTooLong, CalibrationRules.Adjust(c, Hr, null, "P01", "S", Grades, new string('x', CalibrationRules.MaxReason + 1))?.Code);
        Assert.Equal(EvaluationErrorCode.CalibrationGradeUnknown, CalibrationRules.Adjust(c, Hr, null, "P01", "X", Grades, "重点客户")?.Code);
        Assert.Equal(EvaluationErrorCode.NoForcedDistribution, CalibrationRules.Distribute(c, Hr, planHasOne: false)?.Code);
        Assert.Equal(EvaluationErrorCode.HrOnly, CalibrationRules.Distribute(c, Manager, planHasOne: true)?.Code);
    }

    [Fact]
    public void File_WhenInTheWindowWithLinesAndText_ThenAllowedUntilTheEndOfItsLastDay()
    {
        var p = Facts(PeriodState.Published);
        string[] lines = ["sales", "followup"];
        Assert.Equal(new DateOnly(2026, 12, 1), p.Deadlines!.PublicationWindowEnd);
        Assert.Null(AppealRules.File(p, ["sales"], lines, "漏计一台车", At("2026-12-01", 23), Shanghai));
        Assert.Equal(EvaluationErrorCode.AppealWindowClosed, AppealRules.File(p, ["sales"], lines, "漏计一台车", At("2026-12-02", 0), Shanghai)?.Code);
        Assert.Equal(EvaluationErrorCode.WrongState, AppealRules.File(Facts(PeriodState.Calibration), ["sales"], lines, "x", At("2026-11-27", 9), Shanghai)?.Code);
        Assert.Equal(EvaluationErrorCode.AppealLinesRequired, AppealRules.File(p, [], lines, "x", At("2026-11-27", 9), Shanghai)?.Code);
        Assert.Equal(EvaluationErrorCode.AppealLineUnknown, AppealRules.File(p, ["nope"], lines, "x", At("2026-11-27", 9), Shanghai)?.Code);
        Assert.Equal(EvaluationErrorCode.AppealTextRequired, AppealRules.File(p, ["sales"], lines, " ", At("2026-11-27", 9), Shanghai)?.Code);
    }

    [Fact]
    public void Answer_WhenNotHrOwnAnsweredOrCorrectionsWrong_ThenRefused()
    {
        var p = Facts(PeriodState.Published);
        string[] appealed = ["sales"];
        var max = new Dictionary<string, decimal> { ["sales"] = 40m };
        EvaluationErrorCode? Answer(Actor actor, string? me = null, bool answered = false, bool upheld = true, string? text = "核实", params (string, decimal)[] points) =>
            AppealRules.Answer(p, actor, me, "P01", answered, upheld, text, points.ToDictionary(x => x.Item1, x => x.Item2), appealed, max)?.Code;
        Assert.Null(Answer(Hr, points: ("sales", 40m)));
        Assert.Null(Answer(Hr, upheld: false));
        Assert.Equal(EvaluationErrorCode.HrOnly, Answer(Manager, points: ("sales", 40m)));
        Assert.Equal(EvaluationErrorCode.AppealOwn, Answer(Hr, me: "P01", points: ("sales", 40m)));
        Assert.Equal(EvaluationErrorCode.AppealAnswered, Answer(Hr, answered: true, points: ("sales", 40m)));
        Assert.Equal(EvaluationErrorCode.AppealAnswerRequired, Answer(Hr, text: "", points: ("sales", 40m)));
        Assert.Equal(EvaluationErrorCode.AppealCorrectionRequired, Answer(Hr));
        Assert.Equal(EvaluationErrorCode.AppealCorrectionNotUpheld, Answer(Hr, upheld: false, points: ("sales", 1m)));
        Assert.Equal(EvaluationErrorCode.AppealLineUnknown, Answer(Hr, points: ("followup", 1m)));
        Assert.Equal(EvaluationErrorCode.AppealPointsInvalid, Answer(Hr, points: ("sales", 40.5m)));
        Assert.Equal(EvaluationErrorCode.AppealPointsInvalid, Answer(Hr, points: ("sales", 1.005m)));
        Assert.Equal(EvaluationErrorCode.AppealPointsInvalid, Answer(Hr, points: ("sales", -1m)));
    }

    [Fact]
    public void Improvement_WhenNotManagerOrHrOwnStateStandardOrText_ThenRefused()
    {
        var p = Facts(PeriodState.Published);
        EvaluationErrorCode? Write(Actor actor, string? me, bool below = true, PeriodState? state = null, string? goals = "成交 3 台") =>
            ImprovementRules.Write(state is { } s ? Facts(s) : p, actor, me, "P05", "S11", below, below ? "C" : "A", goals, "每周复盘")?.Code;
        Assert.Null(Write(Manager, "S11"));
        Assert.Null(Write(Hr, null));
        Assert.Null(Write(Hr, null, state: PeriodState.Closed));
        Assert.Equal(EvaluationErrorCode.ImprovementNotAllowed, Write(Manager, "M01"));
        Assert.Equal(EvaluationErrorCode.ImprovementNotAllowed, Write(Hr, "P05"));
        Assert.Equal(EvaluationErrorCode.WrongState, Write(Hr, null, state: PeriodState.Calibration));
        Assert.Equal(EvaluationErrorCode.ImprovementNotNeeded, Write(Hr, null, below: false));
        Assert.Equal(EvaluationErrorCode.ImprovementTextRequired, Write(Hr, null, goals: " "));
    }

    [Fact]
    public void Verify_WhenRoleStatePlanDeadlineOrReturnedLineWrong_ThenRefusedInThatOrder()
    {
        var settings = EvaluationSettings.Default with { Verification = true };
        var e = new PeriodFacts(October, PeriodState.Evaluation, EvaluationDeadlines.Compute(October, settings, WorkingDayCalendar.China));
        string[] lines = ["sales", "followup"];
        // Manager scoring due Nov 11, verification 2 working days later: Nov 13.
        Assert.Equal(new DateOnly(2026, 11, 13), e.Deadlines!.Verification);
        EvaluationErrorCode? Verify(bool finance = true, bool hr = false, PeriodFacts? facts = null, bool on = true, bool returned = false, string? line = null, string? reason = null, string now = "2026-11-12") =>
            VerificationRules.Verify(facts ?? e, finance, hr, on, "P01", returned, line, reason, lines, At(now, 10), Shanghai)?.Code;
        Assert.Null(Verify());
        Assert.Null(Verify(finance: false, hr: true, returned: true, line: "sales", reason: "10月20日的销售未回款"));
        Assert.Equal(EvaluationErrorCode.VerificationFinanceOnly, Verify(finance: false));
        Assert.Equal(EvaluationErrorCode.WrongState, Verify(facts: e with { State = PeriodState.Calibration }));
        Assert.Equal(EvaluationErrorCode.VerificationOff, Verify(on: false));
        Assert.Equal(EvaluationErrorCode.VerificationPastDeadline, Verify(now: "2026-11-14"));
        Assert.Equal(EvaluationErrorCode.VerificationReasonRequired, Verify(returned: true, line: "sales", reason: " "));
        Assert.Equal(EvaluationErrorCode.VerificationReasonRequired, Verify(returned: true, line: "nope", reason: "未回款"));
    }
}
