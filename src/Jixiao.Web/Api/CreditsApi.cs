using Jixiao.Application.Compensation;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Compensation;
using Jixiao.Web.Auth;
using Jixiao.Web.Payroll;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jixiao.Web.Api;

/// <summary>One person's share as entered: the employee and the share (0.6 = 60%).</summary>
public sealed record CreditShareInput(string? Employee, decimal? Share);

/// <summary>A joint-sale request: the sale's id, two or more shares summing to exactly 1, an optional note.</summary>
public sealed record CreditRequestInput(string? Sale, IReadOnlyList<CreditShareInput>? Shares, string? Note);

/// <summary>An approval (optional note) or a rejection (reason required).</summary>
public sealed record CreditDecisionInput(string? Note, string? Reason);

/// <summary>
/// /api/v1/credits (业绩分配, seed 003 §五.3; docs/data-format.md "credits"): the joint-sale requests the caller may read (paged,
/// by period, status and list: mine, to approve, all), the sales the caller may split, a request, its approval, rejection (with a
/// reason) or withdrawal. Approved shares are the sale's credits in every calculation, exactly as uploaded.
/// </summary>
public static class CreditsApi
{
    private static readonly string[] States = ["pending", "approved", "rejected", "withdrawn"];
    private static readonly string[] Views = ["mine", "approve", "all"];

    public static IEndpointRouteBuilder MapCreditsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/credits").WithTags("Credits").RequireAuthorization(Policies.AnyRole);
        group.MapGet("", ListAsync);
        group.MapGet("/sales", SalesAsync);
        group.MapPost("", RequestAsync).Accepts<CreditRequestInput>("application/json");
        group.MapPost("/{id}/approve", (string id, HttpContext http, JixiaoDbContext db, TimeProvider time, ScopeResolver scopes, CancellationToken ct) =>
            DecideAsync(id, true, http, db, time, scopes, ct)).Accepts<CreditDecisionInput>("application/json");
        group.MapPost("/{id}/reject", (string id, HttpContext http, JixiaoDbContext db, TimeProvider time, ScopeResolver scopes, CancellationToken ct) =>
            DecideAsync(id, false, http, db, time, scopes, ct)).Accepts<CreditDecisionInput>("application/json");
        group.MapPost("/{id}/withdraw", WithdrawAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(string? period, string? status, string? view, string? page, string? pageSize, HttpContext http, JixiaoDbContext db,
        TimeProvider time, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.OptionalPeriod(period);
        var state = input.Choice(status, "status", States);
        var list = input.Choice(view, "view", Views);

        var (number, size) = input.Paging(page, pageSize);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var items = await JointSaleViews.ListAsync(db, time, scopes, http.User, p, state is null ? null : Enum.Parse<JointSaleState>(state, ignoreCase: true), list ?? "all",
            input.Culture, ct);
        return TypedResults.Ok(new Page<JointSaleDto>([.. items.Skip((number - 1) * size).Take(size)], items.Count, number, size));
    }

    private static async Task<IResult> SalesAsync(string? q, HttpContext http, JixiaoDbContext db, TimeProvider time, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var search = input.Text(q, "q", 100);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        return TypedResults.Ok(await JointSaleViews.CandidatesAsync(db, time, scopes, http.User, search, ct));
    }

    private static async Task<IResult> RequestAsync(HttpContext http, JixiaoDbContext db, TimeProvider time, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var (body, unreadable) = await input.BodyAsync<CreditRequestInput>(ct);
        if (unreadable is not null)
        {
            return unreadable;
        }

        var sale = input.Text(body!.Sale, "sale", 300);
        if (sale is null)
        {
            input.Refuse("sale", CreditsText.Get(input.Culture, "Credits_SaleRequired"));
        }

        var note = input.Text(body.Note, "note", 500);
        var shares = new List<JointSaleShare>();
        if (body.Shares is null || body.Shares.Count < 2 || body.Shares.Count > 50)
        {
            input.Refuse("shares", CreditsText.Get(input.Culture, "Credits_SharesRequired"));
        }
        else
        {
            for (var i = 0; i < body.Shares.Count; i++)
            {
                var field = $"shares[{i}]";
                var employee = input.Text(body.Shares[i]?.Employee, field + ".employee", 64);
                if (employee is null || body.Shares[i]?.Share is not { } share)
                {
                    input.Refuse(field, CreditsText.Get(input.Culture, "Credits_ShareIncomplete", i + 1));
                    continue;
                }

                shares.Add(new JointSaleShare(employee, share));
            }
        }

        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        // No such sale first (400 on the field), then who may request.
        if (await SaleDateAsync(db, sale!, ct) is not { } date)
        {
            return Refused(input, new JointSaleOutcome(null, JointSaleProblem.UnknownSale, [sale!]));
        }

        if (!JointSaleViews.MayRequest(http.User))
        {
            return Forbidden(input, JointSaleProblem.NotTheirSale, [sale!]);
        }

        var scope = await scopes.ForPeriodAsync(http.User, JointSaleViews.MonthOf(date), ct);
        var outcome = await new JointSalesService(db, time).RequestAsync(sale!, shares, note, ApiUsers.UserId(http)!, scope, ct);
        if (!outcome.Ok)
        {
            return Refused(input, outcome);
        }

        return TypedResults.Ok(await JointSaleViews.DtoAsync(db, scopes, http.User, outcome.Request!, input.Culture, ct));
    }

    private static async Task<IResult> DecideAsync(string id, bool approve, HttpContext http, JixiaoDbContext db, TimeProvider time, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var requestId = ApiInput.Id(id);
        var (body, unreadable) = await input.BodyAsync<CreditDecisionInput>(ct);
        if (unreadable is not null)
        {
            return unreadable;
        }

        var note = input.Text(body!.Note, "note", 500);
        var reason = input.Text(body.Reason, "reason", 500);
        if (!approve && reason is null && input.Ok)
        {
            input.Refuse("reason", CreditsText.Get(input.Culture, "Credits_ReasonRequired"));
        }

        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var service = new JointSalesService(db, time);
        var found = requestId is { } i ? await service.FindAsync(i, ct) : null;
        var scope = found is null ? null : await scopes.ForPeriodAsync(http.User, JointSaleViews.MonthOf(found.SaleDate), ct);
        if (found is null || !JointSaleViews.MayRead(http.User, scope!, found))
        {
            return ApiText.NotFound(http);
        }

        var outcome = await service.DecideAsync(found.Id, approve, approve ? note : reason, ApiUsers.UserId(http)!, scope!.Self,
            JointSaleViews.ManagesOwner(http.User, scope, found.OwnerId), ct);
        if (outcome is null)
        {
            return ApiText.NotFound(http);
        }

        if (!outcome.Ok)
        {
            return Refused(input, outcome);
        }

        return TypedResults.Ok(await JointSaleViews.DtoAsync(db, scopes, http.User, outcome.Request!, input.Culture, ct));
    }

    private static async Task<IResult> WithdrawAsync(string id, HttpContext http, JixiaoDbContext db, TimeProvider time, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var requestId = ApiInput.Id(id);
        var service = new JointSalesService(db, time);
        var found = requestId is { } i ? await service.FindAsync(i, ct) : null;
        var scope = found is null ? null : await scopes.ForPeriodAsync(http.User, JointSaleViews.MonthOf(found.SaleDate), ct);
        if (found is null || !JointSaleViews.MayRead(http.User, scope!, found))
        {
            return ApiText.NotFound(http);
        }

        var outcome = await service.WithdrawAsync(found.Id, ApiUsers.UserId(http)!, ct);
        if (outcome is null)
        {
            return ApiText.NotFound(http);
        }

        if (!outcome.Ok)
        {
            return Refused(input, outcome);
        }

        return TypedResults.Ok(await JointSaleViews.DtoAsync(db, scopes, http.User, outcome.Request!, input.Culture, ct));
    }

    private static async Task<DateOnly?> SaleDateAsync(JixiaoDbContext db, string sale, CancellationToken ct) =>
        await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(db.Sales.Where(s => s.ExternalId == sale).Select(s => (DateOnly?)s.Date), ct);

    /// <summary>
    /// A refusal: the shares' and the sale's problems are 400 on their field; not theirs 403; no such sale 404; the others (own, decided,
    /// closed, one source per sale) 409, each a problem with a code.
    /// </summary>
    public static IResult Refused(ApiInput input, JointSaleOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(outcome);
        var message = CreditsText.Get(input.Culture, "Credits_Problem_" + outcome.Problem, [.. outcome.Arguments]);
        var field = outcome.Problem switch
        {
            JointSaleProblem.TooFewPeople or JointSaleProblem.Twice or JointSaleProblem.OutOfRange or JointSaleProblem.TooPrecise or JointSaleProblem.NotWhole
                or JointSaleProblem.NotActive => "shares",
            JointSaleProblem.UnknownSale => "sale",
            JointSaleProblem.ReasonRequired => "reason",
            _ => null,
        };
        if (field is not null)
        {
            input.Refuse(field, message);
            return input.Problem!;
        }

        return outcome.Problem is JointSaleProblem.NotTheirSale or JointSaleProblem.NotTheirManager or JointSaleProblem.NotRequester
            ? Forbidden(input, outcome.Problem.Value, outcome.Arguments)
            : Problem(input, message, StatusCodes.Status409Conflict, outcome.Problem!.Value);
    }

    private static ProblemHttpResult Forbidden(ApiInput input, JointSaleProblem problem, IReadOnlyList<string> arguments) =>
        Problem(input, CreditsText.Get(input.Culture, "Credits_Problem_" + problem, [.. arguments]), StatusCodes.Status403Forbidden, problem);

    private static ProblemHttpResult Problem(ApiInput input, string message, int status, JointSaleProblem problem) =>
        TypedResults.Problem(message, statusCode: status, title: CreditsText.Get(input.Culture, "Credits_Problem_Title"),
            extensions: new Dictionary<string, object?> { ["code"] = problem.ToString() });
}
