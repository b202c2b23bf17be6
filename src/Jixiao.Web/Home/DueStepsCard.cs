using System.Security.Claims;
using Jixiao.Application.Calendar;
using Jixiao.Application.Evaluations;
using Microsoft.Extensions.Localization;

namespace Jixiao.Web.Home;

/// <summary>
/// Steps due (待办环节, docs/decisions/0019-evaluation-cycle.md): the self-assessment and the manager scorings the linked
/// employee owes in periods in evaluation, with their deadlines, overdue ones marked, and their people overdue with their
/// self-assessment. Shown first, and only when something is due.
/// </summary>
public sealed class DueStepsCard(CompanyTimeZone zone, IStringLocalizer<EvaluationPagesText> text) : IHomeCard
{
    public int Order => 5;

    public bool AppliesTo(ClaimsPrincipal user, string? employeeId) => employeeId is not null;

    public async Task<HomeCardView?> BuildAsync(HomeContext home, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(home);
        var steps = await DueSteps.ForAsync(home.Db, home.Time, zone, home.EmployeeId!, ct);
        if (steps.Count == 0)
        {
            return null;
        }

        var lines = new List<string>();
        var links = new List<HomeLink>();
        foreach (var s in steps)
        {
            var line = s.Kind switch
            {
                DueKind.SelfAssessment => text["Due_Self", s.Period, LocaleFormat.Date(s.Due)].Value,
                DueKind.ManagerScoring => text["Due_Score", s.Period, s.Count, LocaleFormat.Date(s.Due)].Value,
                _ => text["Due_TeamSelf", s.Period, s.Count].Value,
            };
            lines.Add(s.Overdue && s.Kind != DueKind.TeamSelfAssessmentOverdue ? line + text["Due_Overdue"] : line);
            var link = s.Kind == DueKind.SelfAssessment
                ? new HomeLink(text["Due_OpenSelf"], "/evaluation/self?period=" + s.Period, "home-link-self-" + s.Period)
                : new HomeLink(text["Due_OpenScore"], "/ratings?period=" + s.Period, "home-link-scoring-" + s.Period);
            if (!links.Exists(l => l.Href == link.Href))
            {
                links.Add(link);
            }
        }

        return new("home-due", text["Due_Title"], steps.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), lines, links, Attention: true);
    }
}
