using System.Globalization;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Tests.Evaluations;

/// <summary>Self-assessment (自评): who, when, and what each line must say; each refusal by its code, in order.</summary>
public sealed class SelfAssessmentRulesTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "CST", "CST");
    private static readonly Period October = Period.Parse("2026-10");
    private static readonly string[] Indicators = ["vehicles", "revenue", "satisfaction"];

    private static PeriodFacts Facts(PeriodState state) =>
        new(October, state, EvaluationDeadlines.Compute(October, EvaluationSettings.Default, WorkingDayCalendar.China));

    /// <summary>A company-time instant (UTC+8) on a date.</summary>
    private static DateTimeOffset At(string date, int hour) =>
        new(DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(8));

    private static SelfAssessmentLine[] AllConfirmed() => [.. Indicators.Select(i => new SelfAssessmentLine(i, true, null))];

    private static EvaluationErrorCode? Save(PeriodState state = PeriodState.Evaluation, string? actor = "P01", bool submitted = false,
        DateTimeOffset? now = null, IReadOnlyList<SelfAssessmentLine>? lines = null, bool submit = true) =>
        SelfAssessmentRules.Save(Facts(state), actor, "P01", submitted, now ?? At("2026-11-03", 10), Shanghai, Indicators, lines ?? AllConfirmed(), submit)?.Code;

    [Fact]
    public void Save_WhenTheEmployeeSubmitsEveryLineBeforeTheDeadline_ThenAllowed()
    {
        Assert.Null(Save());
        Assert.Null(Save(lines: [new("vehicles", true, null), new("revenue", false, "10月20日的一台车漏计"), new("satisfaction", true, "同意")]));
    }

    [Fact]
    public void Save_WhenSomeoneElseWrongStateSubmittedOrPastTheDeadline_ThenRefusedInThatOrder()
    {
        Assert.Equal(EvaluationErrorCode.SelfAssessmentNotYours, Save(actor: "M01", state: PeriodState.Open));
        Assert.Equal(EvaluationErrorCode.SelfAssessmentNotYours, Save(actor: null));
        Assert.Equal(EvaluationErrorCode.WrongState, Save(state: PeriodState.Calibration, submitted: true));
        Assert.Equal(EvaluationErrorCode.WrongState, Save(state: PeriodState.Open));
        Assert.Equal(EvaluationErrorCode.SelfAssessmentSubmitted, Save(submitted: true, now: At("2026-11-20", 10)));
        Assert.Equal(EvaluationErrorCode.SelfAssessmentPastDeadline, Save(now: At("2026-11-05", 0), lines: []));
    }

    [Fact]
    public void BeforeDeadline_WhenTheLastWorkingDayEnds_ThenRefusedFromMidnightCompanyTime()
    {
        // October ends on Saturday the 31st: Nov 2, 3 and 4 are the three working days, due at the end of Wed Nov 4.
        Assert.Equal(new DateOnly(2026, 11, 4), Facts(PeriodState.Evaluation).Deadlines!.SelfAssessment);
        Assert.Null(Save(now: At("2026-11-04", 23).AddMinutes(59)));
        Assert.Equal(EvaluationErrorCode.SelfAssessmentPastDeadline, Save(now: At("2026-11-05", 0)));
        var message = SelfAssessmentRules.BeforeDeadline("2026-10", new DateOnly(2026, 11, 4), At("2026-11-05", 0), Shanghai)!.Message(CultureInfo.GetCultureInfo("zh-CN"));
        Assert.Equal("期间 2026-10 的自评截止日期（2026-11-04）已过；如需延期，请联系人力资源部。", message);
    }

    [Fact]
    public void Lines_WhenUnknownTwiceUncommentedOrTooLong_ThenTheLineIsNamed()
    {
        Assert.Equal((EvaluationErrorCode.SelfAssessmentLineUnknown, "bonus"), Line([new("bonus", true, null)]));
        Assert.Equal((EvaluationErrorCode.SelfAssessmentLineTwice, "revenue"), Line([new("revenue", true, null), new("revenue", false, "再看")]));
        Assert.Equal((EvaluationErrorCode.SelfAssessmentCommentRequired, "revenue"), Line([new("revenue", false, "  ")]));
        Assert.Equal((EvaluationErrorCode.SelfAssessmentCommentTooLong, "revenue"), Line([new("revenue", true, new string('字', SelfAssessmentRules.MaxComment + 1))]));
        Assert.Null(Line([new("revenue", true, new string('字', SelfAssessmentRules.MaxComment))]));
    }

    [Fact]
    public void Lines_WhenADraftLeavesLinesOpen_ThenSavedButNotSubmitted()
    {
        SelfAssessmentLine[] some = [new("revenue", false, "漏计一台车")];
        Assert.Null(Save(lines: some, submit: false));
        Assert.Equal(EvaluationErrorCode.SelfAssessmentLineMissing, Save(lines: some, submit: true));
        Assert.Equal("satisfaction", SelfAssessmentRules.Lines(Indicators, some, complete: true)!.Arguments[0]);
    }

    private static (EvaluationErrorCode, object?)? Line(SelfAssessmentLine[] lines) =>
        SelfAssessmentRules.Lines(Indicators, lines, complete: false) is { } e ? (e.Code, e.Arguments[0]) : null;
}
