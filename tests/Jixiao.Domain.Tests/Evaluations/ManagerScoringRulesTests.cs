using System.Globalization;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Tests.Evaluations;

/// <summary>Manager scoring (上级评分): only the direct manager, never oneself, in evaluation, before the deadline; submitting needs every rating and the talk.</summary>
public sealed class ManagerScoringRulesTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "CST", "CST");
    private static readonly Period October = Period.Parse("2026-10");

    private static PeriodFacts Facts(PeriodState state) =>
        new(October, state, EvaluationDeadlines.Compute(October, EvaluationSettings.Default, WorkingDayCalendar.China));

    private static DateTimeOffset At(string date, int hour) =>
        new(DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(8));

    private static DateOnly Day(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static EvaluationErrorCode? Save(
        PeriodState state = PeriodState.Evaluation, string? actor = "S11", string employee = "P01", string? manager = "S11", bool submitted = false,
        string now = "2026-11-10", string? comment = "本月成交稳定", string? talk = "2026-11-09", string[]? unscored = null, bool submit = true) =>
        ManagerScoringRules.Save(Facts(state), actor, employee, manager, submitted, At(now, 10), Shanghai, Day(now), comment,
            talk is null ? null : Day(talk), unscored ?? [], submit)?.Code;

    [Fact]
    public void Save_WhenTheDirectManagerSubmitsWithTheTalkBeforeTheDeadline_ThenAllowed()
    {
        // October 2026: self-assessment due Nov 4, manager scoring due Nov 11 (5 working days later).
        Assert.Equal(new DateOnly(2026, 11, 11), Facts(PeriodState.Evaluation).Deadlines!.ManagerScoring);
        Assert.Null(Save());
        Assert.Null(Save(now: "2026-11-11", talk: "2026-11-11"));
        Assert.Null(Save(talk: null, unscored: ["team_management"], submit: false));
    }

    [Fact]
    public void Save_WhenSelfNotTheDirectManagerWrongStateSubmittedOrLate_ThenRefusedInThatOrder()
    {
        Assert.Equal(EvaluationErrorCode.ManagerScoringSelf, Save(actor: "P01", manager: "S11", state: PeriodState.Open));
        Assert.Equal(EvaluationErrorCode.ManagerScoringNotDirectManager, Save(actor: "M01", state: PeriodState.Open));
        Assert.Equal(EvaluationErrorCode.ManagerScoringNotDirectManager, Save(actor: null, manager: null));
        Assert.Equal(EvaluationErrorCode.WrongState, Save(state: PeriodState.Calibration, submitted: true));
        Assert.Equal(EvaluationErrorCode.ManagerScoringSubmitted, Save(submitted: true, now: "2026-11-20"));
        Assert.Equal(EvaluationErrorCode.ManagerScoringPastDeadline, Save(now: "2026-11-12"));
    }

    [Fact]
    public void Save_WhenSubmittingWithoutEveryRatingOrTheTalk_ThenRefusedNamingWhatIsMissing()
    {
        var error = ManagerScoringRules.Save(Facts(PeriodState.Evaluation), "M01", "S11", "M01", false, At("2026-11-10", 9), Shanghai, Day("2026-11-10"),
            null, Day("2026-11-09"), ["team_management", "data_analysis"], submit: true);
        Assert.Equal(new EvaluationError(EvaluationErrorCode.ManagerScoringRatingMissing, "S11", "data_analysis").Message(CultureInfo.GetCultureInfo("en")),
            error!.Message(CultureInfo.GetCultureInfo("en")));
        Assert.Equal("Score indicator 'data_analysis' of S11 before submitting.", error.Message(CultureInfo.GetCultureInfo("en")));
        Assert.Equal(EvaluationErrorCode.ManagerScoringTalkMissing, Save(talk: null));
        Assert.Equal(EvaluationErrorCode.ManagerScoringTalkDateInvalid, Save(talk: "2026-10-31"));
        Assert.Equal(EvaluationErrorCode.ManagerScoringTalkDateInvalid, Save(talk: "2026-11-11", now: "2026-11-10"));
        Assert.Equal(EvaluationErrorCode.ManagerScoringCommentTooLong, Save(comment: new string('评', ManagerScoringRules.MaxComment + 1)));
        // A draft may leave ratings and the talk for later, but not carry a talk date that cannot be.
        Assert.Equal(EvaluationErrorCode.ManagerScoringTalkDateInvalid, Save(talk: "2026-10-15", submit: false));
    }
}
