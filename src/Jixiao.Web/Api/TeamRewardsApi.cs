using Jixiao.Application.Compensation;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Periods;
using Jixiao.Web.Auth;
using Jixiao.Web.Payroll;

namespace Jixiao.Web.Api;

/// <summary>One share as entered: the member and the amount.</summary>
public sealed record TeamShareInput(string? Employee, decimal? Amount);

/// <summary>A leader's distribution of a pool: the month it was earned in, the plan's team reward, the leader, the shares.</summary>
public sealed record TeamDistributionRequest(string? Month, string? Rule, string? Leader, IReadOnlyList<TeamShareInput>? Shares);

/// <summary>A decision on a distribution: approve or reject, with an optional note.</summary>
public sealed record TeamDecisionRequest(bool? Approve, string? Note);

/// <summary>
/// /api/v1/team-rewards (seed 004 团队奖励; docs/plan-format.md §10e): the pools of a month the caller may see; the team's leader
/// submits a distribution summing exactly to the pool; a manager above the team or an administrator — never the leader or the
/// submitter — approves or rejects it. Approved shares are paid by the payroll ledger.
/// </summary>
public static class TeamRewardsApi
{
    public static IEndpointRouteBuilder MapTeamRewardsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/team-rewards").WithTags("Team rewards").RequireAuthorization(Policies.AnyRole);
        group.MapGet("", ListAsync);
        group.MapPost("", SubmitAsync).Accepts<TeamDistributionRequest>("application/json");
        group.MapPost("/{id}/decision", DecideAsync).Accepts<TeamDecisionRequest>("application/json");
        return app;
    }

    private static async Task<IResult> ListAsync(string? month, HttpContext http, JixiaoDbContext db, TimeProvider time, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var period = input.Period(month, "month");
        if (input.Ok && period.Kind != PeriodKind.Month)
        {
            input.Refuse("month", CompensationText.Get(input.Culture, "Team_MonthInvalid", ApiInput.Shown(month)));
        }

        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var scope = await scopes.ForPeriodAsync(http.User, period, ct);
        return TypedResults.Ok(await TeamRewardViews.PoolsAsync(db, time, http.User, scope, period, input.Culture, ct));
    }

    private static async Task<IResult> SubmitAsync(HttpContext http, JixiaoDbContext db, TimeProvider time, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var (body, unreadable) = await input.BodyAsync<TeamDistributionRequest>(ct);
        if (unreadable is not null)
        {
            return unreadable;
        }

        var month = input.Period(body!.Month, "month");
        if (input.Ok && month.Kind != PeriodKind.Month)
        {
            input.Refuse("month", CompensationText.Get(input.Culture, "Team_MonthInvalid", ApiInput.Shown(body.Month)));
        }

        var rule = input.Text(body.Rule, "rule", 64);
        var leader = input.Text(body.Leader, "leader", 64);
        if (rule is null)
        {
            input.Refuse("rule", CompensationText.Get(input.Culture, "Team_RuleRequired"));
        }

        if (leader is null)
        {
            input.Refuse("leader", CompensationText.Get(input.Culture, "Team_LeaderRequired"));
        }

        var shares = new List<TeamShare>();
        if (body.Shares is null || body.Shares.Count == 0 || body.Shares.Count > 500)
        {
            input.Refuse("shares", CompensationText.Get(input.Culture, "Team_SharesRequired"));
        }
        else
        {
            for (var i = 0; i < body.Shares.Count; i++)
            {
                var field = $"shares[{i}]";
                var employee = input.Text(body.Shares[i]?.Employee, field + ".employee", 64);
                if (employee is null || body.Shares[i]?.Amount is not { } amount)
                {
                    input.Refuse(field, CompensationText.Get(input.Culture, "Team_ShareIncomplete", i + 1));
                    continue;
                }

                shares.Add(new TeamShare(employee, amount));
            }
        }

        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var service = new TeamRewardsService(db, time);
        var scope = await scopes.ForPeriodAsync(http.User, month, ct);
        var pool = await service.PoolAsync(rule!, leader!, month, ct);
        if (pool is null || !TeamRewardViews.MayRead(http.User, scope, leader!))
        {
            return ApiText.NotFound(http);
        }

        var outcome = await service.SubmitAsync(rule!, leader!, month, shares, ApiUsers.UserId(http)!, scope.Self, ct);
        if (!outcome.Ok)
        {
            return Refused(input, outcome);
        }

        return TypedResults.Ok((await TeamRewardViews.PoolsAsync(db, time, http.User, scope, month, input.Culture, ct)).First(p => p.Rule == rule && p.Leader == leader));
    }

    private static async Task<IResult> DecideAsync(string id, HttpContext http, JixiaoDbContext db, TimeProvider time, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var distributionId = ApiInput.Id(id);
        var (body, unreadable) = await input.BodyAsync<TeamDecisionRequest>(ct);
        if (unreadable is not null)
        {
            return unreadable;
        }

        if (body!.Approve is null)
        {
            input.Refuse("approve", CompensationText.Get(input.Culture, "Team_ApproveRequired"));
        }

        var note = input.Text(body.Note, "note", 500);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var service = new TeamRewardsService(db, time);
        var found = distributionId is { } i ? await service.FindAsync(i, ct) : null;
        var scope = found is null ? null : await scopes.ForPeriodAsync(http.User, Period.Parse(found.Month), ct);
        if (found is null || !TeamRewardViews.MayRead(http.User, scope!, found.LeaderId))
        {
            return ApiText.NotFound(http);
        }

        // The leader, the submitter and a decided distribution get the rule's own answer (409); anyone else not above the team 403.
        if (!TeamRewardViews.MayDecide(http.User, scope!, found.LeaderId) && found.State == TeamRewardState.Submitted && found.SubmittedBy != ApiUsers.UserId(http)
            && scope!.Self != found.LeaderId)
        {
            return TypedResults.Problem(CompensationText.Get(input.Culture, "Team_Problem_NotManager"), statusCode: StatusCodes.Status403Forbidden,
                title: CompensationText.Get(input.Culture, "Team_Problem_Title"), extensions: new Dictionary<string, object?> { ["code"] = "NotManager" });
        }

        var outcome = await service.DecideAsync(found.Id, body.Approve!.Value, note, ApiUsers.UserId(http)!, scope!.Self, ct);
        if (outcome is null)
        {
            return ApiText.NotFound(http);
        }

        if (!outcome.Ok)
        {
            return Refused(input, outcome);
        }

        // The pool as it stands after the decision; a void pool's distribution once rejected leaves no pool to show (204).
        var month = Period.Parse(found.Month);
        var pool = (await TeamRewardViews.PoolsAsync(db, time, http.User, scope, month, input.Culture, ct)).FirstOrDefault(p => p.Rule == found.Rule && p.Leader == found.LeaderId);
        return pool is null ? TypedResults.NoContent() : TypedResults.Ok(pool);
    }

    /// <summary>A refusal: the shares' problems are 400 on the field, the others a 403 (not the leader) or 409 (own, decided) problem with a code.</summary>
    private static IResult Refused(ApiInput input, TeamRewardOutcome outcome)
    {
        var message = CompensationText.Get(input.Culture, "Team_Problem_" + outcome.Problem, [.. outcome.Arguments]);
        if (outcome.Problem is TeamRewardProblem.NotMember or TeamRewardProblem.Twice or TeamRewardProblem.Negative or TeamRewardProblem.NotCents or TeamRewardProblem.NotPool)
        {
            input.Refuse("shares", message);
            return input.Problem!;
        }

        var status = outcome.Problem switch
        {
            TeamRewardProblem.NotLeader => StatusCodes.Status403Forbidden,
            TeamRewardProblem.NoPool => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status409Conflict,
        };
        return TypedResults.Problem(message, statusCode: status, title: CompensationText.Get(input.Culture, "Team_Problem_Title"),
            extensions: new Dictionary<string, object?> { ["code"] = outcome.Problem.ToString() });
    }
}
