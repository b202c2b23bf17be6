using System.Globalization;
using System.Security.Claims;
using Jixiao.Application.Access;
using Jixiao.Application.Persistence;
using Jixiao.Web.Api;
using Jixiao.Web.Auth;
using Jixiao.Web.Plans;

namespace Jixiao.Web.StoredResults;

/// <summary>What the 我的绩效 page and a team member's page show: one visible person's result in a period, rank, and an explanation when asked.</summary>
public sealed record PersonPage(IReadOnlyList<string> Periods, string? Period, ResultDto? Result, (int Rank, int Of) Rank, ExplanationDto? Explanation)
{
    /// <summary>The chosen period's state: in evaluation or calibration nobody sees results (docs/decisions/0019).</summary>
    public Jixiao.Domain.Evaluations.PeriodState State { get; init; }

    /// <summary>
    /// Loads <paramref name="employee"/> for <paramref name="period"/>. The periods offered are those in which the person
    /// has a result (or provisional figures), and the default is the latest of them (a month before a quarter). A person
    /// outside the caller's scope for that period gives no result, exactly like a missing one. The run's parsed result and
    /// the unit's totals come from <paramref name="cache"/> when there (a stored run never changes); the runs are read every time.
    /// </summary>
    public static async Task<PersonPage> LoadAsync(
        JixiaoDbContext db, ResultCache cache, TimeProvider time, ScopeResolver scopes, ClaimsPrincipal user, string? employee, string? period, string? explain, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var runs = await ResultQueries.RunIndexAsync(db, ct);
        var periods = employee is null ? [] : await ResultQueries.PeriodsOfAsync(db, runs, employee, ct);
        var chosen = period is not null && periods.Contains(period, StringComparer.Ordinal) ? period : ResultQueries.DefaultPeriod(periods);
        // The org chart of the chosen period (docs/transfers.md): who managed the unit then.
        var scope = await scopes.ForPeriodAsync(user, chosen, ct);
        // Visibility is decided by the stored result's unit (the org at the time) in OneAsync, not today's chart.
        var state = runs.StateOf(chosen);
        if (employee is null || chosen is null || scope.Kind == ScopeKind.None)
        {
            return new PersonPage(periods, chosen, null, default, null) { State = state };
        }

        var run = runs.LatestOf(chosen);
        var result = run is null ? null : await ResultQueries.OneAsync(db, cache, scope, run, employee, ct);
        if (result is null)
        {
            return new PersonPage(periods, chosen, null, default, null) { State = state };
        }

        var rank = await ResultQueries.RankInUnitAsync(db, cache, run!, result, ct);
        // Names of the run's plan in the reader's language (stored results keep the Simplified names).
        result = (await PlanNames.OfRunAsync(db, run!.Id, CultureInfo.CurrentUICulture, ct)).Localize(result);
        var explanation = !string.IsNullOrEmpty(explain) && Jixiao.Domain.Periods.Period.TryParse(chosen, out var p)
            ? await ResultQueries.ExplainAsync(db, time, scopes.Zone, scope, employee, p, CultureInfo.CurrentUICulture, ct)
            : null;
        return new PersonPage(periods, chosen, result, rank, explanation) { State = state };
    }
}
