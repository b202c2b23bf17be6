using System.Globalization;
using Jixiao.Application.Evaluations;
using Jixiao.Application.Notifications;

namespace Jixiao.Web.Notifications;

/// <summary>A notification as a reader sees it: one sentence in their language, and the page where the step is done.</summary>
public static class NotificationLines
{
    /// <summary>The sentence of <paramref name="n"/> in <paramref name="culture"/>'s language, "(overdue)" added once its deadline had passed.</summary>
    public static string Text(NotificationRecord n, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(n);
        var due = LocaleFormat.Date(n.Due, culture);
        var line = Enum.TryParse<DueKind>(n.Kind, out var kind) ? kind switch
        {
            DueKind.SelfAssessment => NotificationsText.Get(culture, "Line_SelfAssessment", n.Period, due),
            DueKind.ManagerScoring => NotificationsText.Get(culture, "Line_ManagerScoring", n.Period, n.Count, due),
            DueKind.TeamSelfAssessmentOverdue => NotificationsText.Get(culture, "Line_TeamSelfAssessmentOverdue", n.Period, n.Count),
            _ => NotificationsText.Get(culture, "Line_Other", n.Period, due),
        }
        : NotificationsText.Get(culture, "Line_Other", n.Period, due);
        return n.Overdue && kind != DueKind.TeamSelfAssessmentOverdue ? line + NotificationsText.Get(culture, "Line_Overdue") : line;
    }

    /// <summary>The app-relative page where the step of <paramref name="n"/> is done.</summary>
    public static string Link(NotificationRecord n)
    {
        ArgumentNullException.ThrowIfNull(n);
        var period = Uri.EscapeDataString(n.Period);
        return n.Kind switch
        {
            nameof(DueKind.SelfAssessment) => "/evaluation/self?period=" + period,
            nameof(DueKind.ManagerScoring) or nameof(DueKind.TeamSelfAssessmentOverdue) => "/ratings?period=" + period,
            _ => "/",
        };
    }
}
