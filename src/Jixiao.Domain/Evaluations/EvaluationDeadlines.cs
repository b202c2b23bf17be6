using Jixiao.Domain.Periods;

namespace Jixiao.Domain.Evaluations;

/// <summary>
/// The due dates of one period's cycle (docs/decisions/0019-evaluation-cycle.md). "Within N working days after X" is
/// <see cref="WorkingDayCalendar.AddWorkingDays"/>(X, N), X not counted; a deadline is the end of that working day in the
/// company's time zone (<see cref="Instant"/>). Each step starts when the one before it is due:
/// self-assessment = period end + 3 WD; manager scoring = self-assessment due + 5 WD; verification (when the plan has
/// it) = manager scoring due + 2 WD; the publication window = day of publication + 3 WD; bonus = confirmation + 10 WD
/// (day counts from <see cref="EvaluationSettings"/>). An extension by HR replaces a step's date when it is later
/// than the computed one, and the steps after it move with it.
/// </summary>
public sealed record EvaluationDeadlines
{
    /// <summary>The period's last day.</summary>
    public required DateOnly PeriodEnd { get; init; }

    public required DateOnly SelfAssessment { get; init; }

    public required DateOnly ManagerScoring { get; init; }

    /// <summary>Null when the plan has no verification step.</summary>
    public DateOnly? Verification { get; init; }

    /// <summary>The publication window's last day; null until published.</summary>
    public DateOnly? PublicationWindowEnd { get; init; }

    /// <summary>The day the results were confirmed (the period closed after its window); null before.</summary>
    public DateOnly? Confirmation { get; init; }

    /// <summary>Bonuses due: confirmation + N WD; while published, the expected date from the window's end; null before.</summary>
    public DateOnly? BonusDue { get; init; }

    /// <summary>The steps whose date comes from an extension by HR.</summary>
    public IReadOnlySet<EvaluationStep> Extended { get; init; } = new HashSet<EvaluationStep>();

    /// <summary>The last deadline of the evaluation state: verification when the plan has it, else manager scoring.</summary>
    public DateOnly EvaluationEnd => Verification ?? ManagerScoring;

    /// <summary>The due date of <paramref name="step"/>, or null when it has none (yet).</summary>
    public DateOnly? Of(EvaluationStep step) => step switch
    {
        EvaluationStep.SelfAssessment => SelfAssessment,
        EvaluationStep.ManagerScoring => ManagerScoring,
        EvaluationStep.Verification => Verification,
        _ => PublicationWindowEnd,
    };

    /// <summary>Whether the calendar knows every day the deadlines of <paramref name="period"/> can fall on.</summary>
    public static bool Supports(Period period) =>
        WorkingDayCalendar.Supports(period.Start) && period.End.Year < WorkingDayCalendar.LastYear;

    /// <summary>
    /// The deadlines of <paramref name="period"/>. <paramref name="extensions"/> are HR's dates by step;
    /// <paramref name="publishedOn"/> the company date of publication; <paramref name="confirmedOn"/> the date the results
    /// were confirmed. Throws <see cref="ArgumentOutOfRangeException"/> when the calendar does not know the period (<see cref="Supports"/>).
    /// </summary>
    public static EvaluationDeadlines Compute(
        Period period, EvaluationSettings settings, WorkingDayCalendar calendar, IReadOnlyDictionary<EvaluationStep, DateOnly>? extensions = null,
        DateOnly? publishedOn = null, DateOnly? confirmedOn = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(calendar);
        if (!Supports(period))
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, $"The working-day calendar covers {WorkingDayCalendar.FirstYear}–{WorkingDayCalendar.LastYear - 1} for deadlines.");
        }

        extensions ??= new Dictionary<EvaluationStep, DateOnly>();
        var extended = new HashSet<EvaluationStep>();
        DateOnly Step(EvaluationStep step, DateOnly computed)
        {
            if (extensions.TryGetValue(step, out var date) && date > computed)
            {
                extended.Add(step);
                return date;
            }

            return computed;
        }

        var self = Step(EvaluationStep.SelfAssessment, calendar.AddWorkingDays(period.End, settings.SelfAssessmentDays));
        var manager = Step(EvaluationStep.ManagerScoring, calendar.AddWorkingDays(self, settings.ManagerScoringDays));
        DateOnly? verification = settings.Verification ? Step(EvaluationStep.Verification, calendar.AddWorkingDays(manager, settings.VerificationDays)) : null;
        DateOnly? window = publishedOn is { } published ? Step(EvaluationStep.Publication, calendar.AddWorkingDays(published, settings.PublicationDays)) : null;
        DateOnly? bonus = confirmedOn is { } confirmed ? calendar.AddWorkingDays(confirmed, settings.BonusDueDays)
            : window is { } end ? calendar.AddWorkingDays(end, settings.BonusDueDays)
            : null;
        return new EvaluationDeadlines
        {
            PeriodEnd = period.End,
            SelfAssessment = self,
            ManagerScoring = manager,
            Verification = verification,
            PublicationWindowEnd = window,
            Confirmation = confirmedOn,
            BonusDue = bonus,
            Extended = extended,
        };
    }

    /// <summary>The day an appeal filed on <paramref name="filed"/> must be answered by.</summary>
    public static DateOnly AppealAnswerDue(DateOnly filed, EvaluationSettings settings, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.AddWorkingDays(filed, settings.AppealAnswerDays);
    }

    /// <summary>The instant a deadline on <paramref name="due"/> passes: the end of that day in <paramref name="zone"/>.</summary>
    public static DateTimeOffset Instant(DateOnly due, TimeZoneInfo zone) => WorkingDayDeadlines.EndOfDay(due, zone);

    /// <summary>Whether the deadline on <paramref name="due"/> has passed at <paramref name="now"/>.</summary>
    public static bool IsPast(DateOnly due, DateTimeOffset now, TimeZoneInfo zone) => now >= Instant(due, zone);
}
