using System.Globalization;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Tests.Evaluations;

/// <summary>The verification gate of evaluation → calibration and the feedback talk's rule (docs/decisions/0019-evaluation-cycle.md).</summary>
public sealed class VerificationGateAndFeedbackTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "CST", "CST");
    private static readonly Period October = Period.Parse("2026-10");
    private static readonly Actor Hr = new("hr-1", IsHr: true, IsAdmin: false);

    private static PeriodFacts Facts(PeriodState state) =>
        new(October, state, EvaluationDeadlines.Compute(October, EvaluationSettings.Default with { Verification = true }, WorkingDayCalendar.China));

    private static DateOnly D(int month, int day) => new(2026, month, day);

    [Fact]
    public void StartCalibration_WhenPeopleUnverified_ThenRefusedNamingThem_EvenAfterTheDeadline()
    {
        var late = new DateTimeOffset(2026, 12, 20, 2, 0, 0, TimeSpan.Zero);
        var refused = PeriodRules.StartCalibration(Facts(PeriodState.Evaluation), Hr, 0, late, Shanghai, ["王五", "赵六"])!;
        Assert.Equal(EvaluationErrorCode.VerificationPending, refused.Code);
        Assert.Equal("期间 2026-10 还有 2 人未完成跨部门复核（王五、赵六）：财务确认后才能进入校准；如复核截止日期已过，请先延长复核截止日期。",
            refused.Message(CultureInfo.GetCultureInfo("zh-CN")));
        Assert.StartsWith("Period 2026-10 has 2 people whose cross-department verification is not finished (王五, 赵六)", refused.Message(CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);
        Assert.Null(PeriodRules.StartCalibration(Facts(PeriodState.Evaluation), Hr, 0, late, Shanghai, []));
        Assert.Null(PeriodRules.StartCalibration(Facts(PeriodState.Evaluation), Hr, 0, late, Shanghai));

        // Evaluations pending before their deadline are told first.
        var early = new DateTimeOffset(2026, 11, 5, 2, 0, 0, TimeSpan.Zero);
        Assert.Equal(EvaluationErrorCode.EvaluationsPending, PeriodRules.StartCalibration(Facts(PeriodState.Evaluation), Hr, 3, early, Shanghai, ["王五"])!.Code);
    }

    [Fact]
    public void VerificationPending_WhenManyPeople_ThenTheFirstTenAndMore()
    {
        var names = Enumerable.Range(1, 12).Select(i => "P" + i.ToString("00", CultureInfo.InvariantCulture)).ToList();
        var message = PeriodRules.VerificationsDone(Facts(PeriodState.Evaluation), names)!.Message(CultureInfo.GetCultureInfo("zh-CN"));
        Assert.Contains("还有 12 人", message, StringComparison.Ordinal);
        Assert.Contains("P10等）", message, StringComparison.Ordinal);
        Assert.DoesNotContain("P11", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Feedback_WhenTheDirectManagerAfterPublication_ThenAllowed_OtherwiseWhoStateTextDateInThatOrder()
    {
        var published = Facts(PeriodState.Published);
        Assert.Null(FeedbackRules.Record(published, "M01", "P01", "M01", D(11, 20), "谈过了", D(11, 18), D(11, 25)));
        Assert.Null(FeedbackRules.Record(Facts(PeriodState.Closed), "M01", "P01", "M01", D(11, 18), null, D(11, 18), D(11, 25)));
        Assert.Equal(EvaluationErrorCode.FeedbackNotAllowed, FeedbackRules.Record(published, "P01", "P01", "P01", D(11, 20), null, D(11, 18), D(11, 25))!.Code);
        Assert.Equal(EvaluationErrorCode.FeedbackNotAllowed, FeedbackRules.Record(published, "S11", "P01", "M01", D(11, 20), null, D(11, 18), D(11, 25))!.Code);
        Assert.Equal(EvaluationErrorCode.FeedbackNotAllowed, FeedbackRules.Record(published, null, "P01", "M01", D(11, 20), null, D(11, 18), D(11, 25))!.Code);
        Assert.Equal(EvaluationErrorCode.WrongState, FeedbackRules.Record(Facts(PeriodState.Calibration), "M01", "P01", "M01", D(11, 20), null, null, D(11, 25))!.Code);
        Assert.Equal(EvaluationErrorCode.FeedbackNoteInvalid, FeedbackRules.Record(published, "M01", "P01", "M01", null, "x", D(11, 18), D(11, 25))!.Code);
        Assert.Equal(EvaluationErrorCode.FeedbackNoteInvalid, FeedbackRules.Record(published, "M01", "P01", "M01", D(11, 20), new string('x', FeedbackRules.MaxNote + 1), D(11, 18), D(11, 25))!.Code);
        var before = FeedbackRules.Record(published, "M01", "P01", "M01", D(11, 17), null, D(11, 18), D(11, 25))!;
        Assert.Equal(EvaluationErrorCode.FeedbackDateInvalid, before.Code);
        Assert.Equal("反馈面谈日期 2026-11-17 无效：须在公示之后且不晚于今天。", before.Message(CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal(EvaluationErrorCode.FeedbackDateInvalid, FeedbackRules.Record(published, "M01", "P01", "M01", D(11, 26), null, D(11, 18), D(11, 25))!.Code);
    }
}
