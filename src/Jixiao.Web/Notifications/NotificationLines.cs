using System.Globalization;
using Jixiao.Application.Evaluations;
using Jixiao.Application.Notifications;

namespace Jixiao.Web.Notifications;

/// <summary>A step due as a reader sees it — on the home page, in a notification, in an e-mail: one sentence in their language, and the page where the step is done.</summary>
public static class NotificationLines
{
    /// <summary>The sentence of <paramref name="n"/> in <paramref name="culture"/>'s language, "(overdue)" added once its deadline had passed.</summary>
    public static string Text(NotificationRecord n, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(n);
        return Enum.TryParse<DueKind>(n.Kind, out var kind) ? Text(new DueStep(n.Period, kind, n.Due, n.Overdue, n.Count), culture)
            : NotificationsText.Get(culture, "Line_Other", n.Period, LocaleFormat.Date(n.Due, culture));
    }

    /// <summary>The sentence of <paramref name="step"/> in <paramref name="culture"/>'s language, "(overdue)" added once its deadline has passed.</summary>
    public static string Text(DueStep step, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(step);
        var due = LocaleFormat.Date(step.Due, culture);
        var line = step.Kind switch
        {
            DueKind.SelfAssessment => NotificationsText.Get(culture, "Line_SelfAssessment", step.Period, due),
            DueKind.ManagerScoring => NotificationsText.Get(culture, "Line_ManagerScoring", step.Period, step.Count, due),
            DueKind.TeamSelfAssessmentOverdue => NotificationsText.Get(culture, "Line_TeamSelfAssessmentOverdue", step.Period, step.Count),
            DueKind.Verification => NotificationsText.Get(culture, "Line_Verification", step.Period, step.Count, due),
            DueKind.Calibration => NotificationsText.Get(culture, "Line_Calibration", step.Period, due),
            DueKind.PublicationApproval => NotificationsText.Get(culture, "Line_PublicationApproval", step.Period, due),
            DueKind.AppealAnswers => NotificationsText.Get(culture, "Line_AppealAnswers", step.Period, step.Count, due),
            DueKind.FeedbackTalk => NotificationsText.Get(culture, "Line_FeedbackTalk", step.Period, step.Count, due),
            DueKind.ImprovementPlan => NotificationsText.Get(culture, "Line_ImprovementPlan", step.Period, step.Count, due),
            DueKind.ImprovementFollowUp => NotificationsText.Get(culture, "Line_ImprovementFollowUp", step.Period, step.Count, due),
            _ => NotificationsText.Get(culture, "Line_Other", step.Period, due),
        };
        return step.Overdue && step.Kind != DueKind.TeamSelfAssessmentOverdue ? line + NotificationsText.Get(culture, "Line_Overdue") : line;
    }

    /// <summary>The app-relative page where the step of <paramref name="n"/> is done.</summary>
    public static string Link(NotificationRecord n)
    {
        ArgumentNullException.ThrowIfNull(n);
        return Enum.TryParse<DueKind>(n.Kind, out var kind) ? Link(kind, n.Period) : "/";
    }

    /// <summary>The app-relative page where a step of <paramref name="kind"/> in <paramref name="period"/> is done.</summary>
    public static string Link(DueKind kind, string period)
    {
        var p = Uri.EscapeDataString(period ?? "");
        return kind switch
        {
            DueKind.SelfAssessment => "/evaluation/self?period=" + p,
            DueKind.ManagerScoring or DueKind.TeamSelfAssessmentOverdue => "/ratings?period=" + p,
            DueKind.Verification => "/evaluation/verification",
            DueKind.Calibration => "/evaluation/calibration",
            DueKind.PublicationApproval => "/periods",
            DueKind.AppealAnswers => "/evaluation/appeals",
            DueKind.FeedbackTalk or DueKind.ImprovementPlan or DueKind.ImprovementFollowUp => "/evaluation/improvement?period=" + p,
            _ => "/",
        };
    }
}
