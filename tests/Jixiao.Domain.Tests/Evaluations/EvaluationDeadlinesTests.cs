using System.Globalization;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Tests.Evaluations;

/// <summary>The cycle's due dates from the working-day calendar (docs/decisions/0019): National Day, Spring Festival, 调休, extensions.</summary>
public sealed class EvaluationDeadlinesTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "CST", "CST");

    private static DateOnly D(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public void Compute_WhenSeptember2026_ThenSelfAssessmentOnTheAdjustedSaturdayAfterNationalDay()
    {
        // Sep 30 + 3 WD: Oct 1–7 off, Oct 8 (1), Oct 9 (2), Oct 10 (Sat, 调休, 3). Then + 5 WD: Oct 12–16 (Oct 11 Sunday off).
        var d = EvaluationDeadlines.Compute(Period.Parse("2026-09"), EvaluationSettings.Default, WorkingDayCalendar.China);
        Assert.Equal(D("2026-09-30"), d.PeriodEnd);
        Assert.Equal(D("2026-10-10"), d.SelfAssessment);
        Assert.Equal(D("2026-10-16"), d.ManagerScoring);
        Assert.Null(d.Verification);
        Assert.Equal(d.ManagerScoring, d.EvaluationEnd);
        Assert.Null(d.PublicationWindowEnd);
        Assert.Null(d.BonusDue);
        Assert.Empty(d.Extended);
    }

    [Fact]
    public void Compute_WhenPublishedBeforeSpringFestival_ThenWindowAndBonusSkipTheHolidayAndCountAdjustedSaturdays()
    {
        // Published Thu 2026-02-12: Feb 13 (1), Feb 14 (Sat, 调休, 2), Feb 15–23 off, Feb 24 (3).
        // Confirmed Feb 24: Feb 25, 26, 27, 28 (Sat, 调休), Mar 2, 3, 4, 5, 6, 9 → the 10th working day is Mar 9.
        var calendar = WorkingDayCalendar.China;
        var published = EvaluationDeadlines.Compute(Period.Parse("2026-01"), EvaluationSettings.Default, calendar, publishedOn: D("2026-02-12"));
        Assert.Equal(D("2026-02-24"), published.PublicationWindowEnd);
        Assert.Equal(D("2026-03-09"), published.BonusDue);
        Assert.Null(published.Confirmation);

        var confirmed = EvaluationDeadlines.Compute(Period.Parse("2026-01"), EvaluationSettings.Default, calendar, publishedOn: D("2026-02-12"), confirmedOn: D("2026-02-26"));
        Assert.Equal(D("2026-02-26"), confirmed.Confirmation);
        Assert.Equal(calendar.AddWorkingDays(D("2026-02-26"), 10), confirmed.BonusDue);
        Assert.Equal(D("2026-03-11"), confirmed.BonusDue);
    }

    [Fact]
    public void Compute_WhenPlanDayCountsAndVerification_ThenEveryStepFromThePlanNotFromCode()
    {
        var settings = new EvaluationSettings { SelfAssessmentDays = 2, ManagerScoringDays = 4, Verification = true, VerificationDays = 3, PublicationDays = 5, BonusDueDays = 1 };
        // 2026-10 ends Sat Oct 31: Nov 2 (1), Nov 3 (2) → self; + 4: Nov 4, 5, 6, 9 → manager; + 3: Nov 10, 11, 12 → verification.
        var d = EvaluationDeadlines.Compute(Period.Parse("2026-10"), settings, WorkingDayCalendar.China, publishedOn: D("2026-11-20"));
        Assert.Equal((D("2026-11-03"), D("2026-11-09"), D("2026-11-12")), (d.SelfAssessment, d.ManagerScoring, d.Verification!.Value));
        Assert.Equal(D("2026-11-12"), d.EvaluationEnd);
        // Published Fri Nov 20 + 5: Nov 23–27; bonus 1 working day after the expected window end.
        Assert.Equal(D("2026-11-27"), d.PublicationWindowEnd);
        Assert.Equal(D("2026-11-30"), d.BonusDue);
    }

    [Fact]
    public void Compute_WhenSelfAssessmentExtended_ThenManagerScoringMovesWithItAndAnEarlierDateIsIgnored()
    {
        var period = Period.Parse("2026-10");
        var plain = EvaluationDeadlines.Compute(period, EvaluationSettings.Default, WorkingDayCalendar.China);
        Assert.Equal((D("2026-11-04"), D("2026-11-11")), (plain.SelfAssessment, plain.ManagerScoring));

        var extended = EvaluationDeadlines.Compute(period, EvaluationSettings.Default, WorkingDayCalendar.China,
            new Dictionary<EvaluationStep, DateOnly> { [EvaluationStep.SelfAssessment] = D("2026-11-06") });
        Assert.Equal(D("2026-11-06"), extended.SelfAssessment);
        Assert.Equal(D("2026-11-13"), extended.ManagerScoring); // Nov 9–13
        Assert.Equal([EvaluationStep.SelfAssessment], extended.Extended);

        var earlier = EvaluationDeadlines.Compute(period, EvaluationSettings.Default, WorkingDayCalendar.China,
            new Dictionary<EvaluationStep, DateOnly> { [EvaluationStep.ManagerScoring] = D("2026-11-10") });
        Assert.Equal(D("2026-11-11"), earlier.ManagerScoring);
        Assert.Empty(earlier.Extended);
    }

    [Fact]
    public void Compute_WhenCompanyHoliday_ThenTheDeadlineMovesByADay()
    {
        var calendar = new WorkingDayCalendar([new CompanyDay(D("2026-11-03"), false, "公司年会")]);
        var d = EvaluationDeadlines.Compute(Period.Parse("2026-10"), EvaluationSettings.Default, calendar);
        Assert.Equal(D("2026-11-05"), d.SelfAssessment);
    }

    [Fact]
    public void Instant_WhenDeadline_ThenTheEndOfThatDayInTheCompanyZone()
    {
        var due = D("2026-10-16");
        Assert.Equal(new DateTimeOffset(2026, 10, 16, 16, 0, 0, TimeSpan.Zero), EvaluationDeadlines.Instant(due, Shanghai));
        Assert.False(EvaluationDeadlines.IsPast(due, new DateTimeOffset(2026, 10, 16, 15, 59, 59, TimeSpan.Zero), Shanghai));
        Assert.True(EvaluationDeadlines.IsPast(due, new DateTimeOffset(2026, 10, 16, 16, 0, 0, TimeSpan.Zero), Shanghai));
    }

    [Fact]
    public void AppealAnswerDue_WhenFiledOnFriday_ThenFiveWorkingDaysLater()
    {
        Assert.Equal(D("2026-11-27"), EvaluationDeadlines.AppealAnswerDue(D("2026-11-20"), EvaluationSettings.Default, WorkingDayCalendar.China));
    }

    [Fact]
    public void Supports_WhenOutsideTheCalendar_ThenFalseAndComputeRefuses()
    {
        Assert.False(EvaluationDeadlines.Supports(Period.Parse("1999-12")));
        Assert.True(EvaluationDeadlines.Supports(Period.Parse("2026-Q4")));
        Assert.Throws<ArgumentOutOfRangeException>(() => EvaluationDeadlines.Compute(Period.Parse("1999-12"), EvaluationSettings.Default, WorkingDayCalendar.China));
    }
}
