using System.Globalization;
using System.Security.Claims;
using Jixiao.Application.Calendar;
using Jixiao.Application.Evaluations;
using Jixiao.Web.Notifications;
using Microsoft.Extensions.Localization;

namespace Jixiao.Web.Home;

/// <summary>
/// Steps due (待办环节, docs/decisions/0019-evaluation-cycle.md): what the linked employee owes (self-assessment, scorings,
/// people overdue, feedback talks, improvement plans and follow-ups) and what the account owes by its role (finance's
/// verification, HR's calibration, appeals and another HR user's publication request), with their deadlines, overdue ones
/// marked, in the same sentences as the reminders. Shown first, and only when something is due.
/// </summary>
public sealed class DueStepsCard(CompanyTimeZone zone, IStringLocalizer<EvaluationPagesText> text) : IHomeCard
{
    public int Order => 5;

    public bool AppliesTo(ClaimsPrincipal user, string? employeeId) => true;

    public async Task<HomeCardView?> BuildAsync(HomeContext home, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(home);
        // The linked employee's steps and the account's role steps, from one pass over the cycle (not one each).
        var recipients = new List<string>(2);
        if (home.EmployeeId is { } employee)
        {
            recipients.Add(employee);
        }

        if (home.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            recipients.Add(DueSteps.AccountKey(userId));
        }

        var steps = await DueSteps.ForAsync(home.Db, home.Time, zone, recipients, ct);

        if (steps.Count == 0)
        {
            return null;
        }

        var lines = new List<string>();
        var links = new List<HomeLink>();
        foreach (var s in steps.OrderBy(s => s.Due).ThenBy(s => s.Kind).ThenBy(s => s.Period, StringComparer.Ordinal))
        {
            lines.Add(NotificationLines.Text(s, CultureInfo.CurrentUICulture));
            var href = NotificationLines.Link(s.Kind, s.Period);
            if (!links.Exists(l => l.Href == href))
            {
                links.Add(s.Kind switch
                {
                    DueKind.SelfAssessment => new HomeLink(text["Due_OpenSelf"], href, "home-link-self-" + s.Period),
                    DueKind.ManagerScoring or DueKind.TeamSelfAssessmentOverdue => new HomeLink(text["Due_OpenScore"], href, "home-link-scoring-" + s.Period),
                    DueKind.FeedbackTalk or DueKind.ImprovementPlan or DueKind.ImprovementFollowUp => new HomeLink(text["Due_Open_Improvement"], href, "home-link-improvement-" + s.Period),
                    _ => new HomeLink(text["Due_Open_" + s.Kind], href, "home-link-" + s.Kind.ToString().ToLowerInvariant()),
                });
            }
        }

        return new("home-due", text["Due_Title"], steps.Count.ToString(CultureInfo.InvariantCulture), lines, links, Attention: true);
    }
}
