using Jixiao.Application.Access;
using Jixiao.Application.Calendar;
using Jixiao.Application.Payroll;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Compensation.Payroll;
using Jixiao.Domain.Periods;
using Jixiao.Web.Auth;
using Jixiao.Web.Payroll;

namespace Jixiao.Web.Api;

/// <summary>What an approval approves: the version of the prepared month the approver saw.</summary>
public sealed record PayrollApproveRequest(long? Version);

/// <summary>The stored payroll months, the month open for payroll and the last approved one.</summary>
public sealed record PayrollMonthsDto(string? OpenMonth, string? LastApproved, IReadOnlyList<PayrollMonthDto> Months);

/// <summary>One line of the signed-in person's own pay (我的收入).</summary>
public sealed record MyPayLineDto(string ComponentName, string EarnedPeriod, string PayMonth, string Status, string StatusName, decimal Amount, string Explanation);

/// <summary>
/// /api/v1/payroll: payroll months (finance, HR and administrators read; finance prepares; a second finance user or an
/// administrator approves; only approved months are exported, the CSV byte for byte <c>jixiao payouts --month</c>'s file) and
/// /api/v1/payroll/me, a person's own pay. Problems answer 409 in the caller's language and change nothing.
/// </summary>
public static class PayrollApi
{
    public static IEndpointRouteBuilder MapPayrollApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/payroll").WithTags("Payroll");
        group.MapGet("/months", ListAsync).RequireAuthorization(Policies.PayrollRead);
        group.MapGet("/months/{month}", GetAsync).RequireAuthorization(Policies.PayrollRead);
        group.MapPost("/months/{month}/prepare", PrepareAsync).RequireAuthorization(Policies.PayrollPrepare);
        group.MapPost("/months/{month}/approve", ApproveAsync).RequireAuthorization(Policies.PayrollApprove).Accepts<PayrollApproveRequest>("application/json");
        group.MapGet("/months/{month}/export", ExportAsync).RequireAuthorization(Policies.PayrollRead);
        group.MapGet("/me", MineAsync).RequireAuthorization(Policies.AnyRole);
        return app;
    }

    /// <summary>A payroll month in a route (yyyy-MM), or an error on field "month".</summary>
    private static Period Month(ApiInput input, string? text)
    {
        if (Period.TryParse(text, out var p) && p.Kind == PeriodKind.Month && p.Year is >= 1900 and <= 2100)
        {
            return p;
        }

        input.Refuse("month", PayrollText.Get(input.Culture, "Month_Invalid", ApiInput.Shown(text)));
        return default;
    }

    private static async Task<IResult> ListAsync(HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, CancellationToken ct)
    {
        var service = new PayrollService(db, time, zone, PayrollViews.Runs);
        var months = await service.MonthsAsync(ct);
        var (open, last) = await service.OpenMonthAsync(ct);
        var names = await PayrollViews.UserNamesAsync(db, months.SelectMany(m => new[] { m.PreparedBy, m.ApprovedBy }), ct);
        return TypedResults.Ok(new PayrollMonthsDto(open?.ToString(), last?.ToString(), [.. months.Select(m => new PayrollMonthDto(m.Month,
            m.State == PayrollMonthState.Approved ? "approved" : "prepared", names.GetValueOrDefault(m.PreparedBy, m.PreparedBy), m.PreparedAt,
            m.ApprovedBy is { } a ? names.GetValueOrDefault(a, a) : null, m.ApprovedAt, m.LineCount, m.Total, m.Version))]));
    }

    private static async Task<IResult> GetAsync(string month, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var m = Month(input, month);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var view = await PayrollViews.MonthAsync(db, time, zone, m, await scopes.ForAsync(http.User, ct), input.Culture, ct);
        return view is null ? Refused(http, PayrollProblemCode.NoPlan, []) : TypedResults.Ok(view);
    }

    private static async Task<IResult> PrepareAsync(string month, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var m = Month(input, month);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        if (await WholeCompanyAsync(http, scopes, ct) is { } refused)
        {
            return refused;
        }

        var outcome = await new PayrollService(db, time, zone, PayrollViews.Runs).PrepareAsync(m, ApiUsers.UserId(http)!, ct);
        return outcome.Ok ? TypedResults.Ok(await PayrollViews.MonthAsync(db, time, zone, m, AccessScope.All(false), input.Culture, ct)) : Refused(http, outcome.Problem!.Value, outcome.Arguments);
    }

    private static async Task<IResult> ApproveAsync(string month, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var m = Month(input, month);
        var (body, unreadable) = await input.BodyAsync<PayrollApproveRequest>(ct);
        if (unreadable is not null)
        {
            return unreadable;
        }

        if (body!.Version is < 0)
        {
            input.Error("version", "Integer_Invalid", "version", 0, long.MaxValue, body.Version);
        }

        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        if (await WholeCompanyAsync(http, scopes, ct) is { } refused)
        {
            return refused;
        }

        var outcome = await new PayrollService(db, time, zone, PayrollViews.Runs).ApproveAsync(m, ApiUsers.UserId(http)!, body.Version, ct);
        return outcome.Ok ? TypedResults.Ok(await PayrollViews.MonthAsync(db, time, zone, m, AccessScope.All(false), input.Culture, ct)) : Refused(http, outcome.Problem!.Value, outcome.Arguments);
    }

    private static async Task<IResult> ExportAsync(string month, string? format, HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var m = Month(input, month);
        var f = input.Choice(format, "format", ["csv", "xlsx"]) ?? "csv";
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        if (await WholeCompanyAsync(http, scopes, ct) is { } refused)
        {
            return refused;
        }

        var service = new PayrollService(db, time, zone, PayrollViews.Runs);
        if (f == "csv")
        {
            var (csv, outcome) = await service.CsvAsync(m, ct);
            return csv is null ? Refused(http, outcome.Problem!.Value, outcome.Arguments)
                : TypedResults.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"payroll-{m}.csv");
        }

        var (xlsx, result) = await service.XlsxAsync(m, input.Culture, ct);
        return xlsx is null ? Refused(http, result.Problem!.Value, result.Arguments)
            : TypedResults.File(xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"payroll-{m}.xlsx");
    }

    private static async Task<IResult> MineAsync(HttpContext http, JixiaoDbContext db, TimeProvider time, ScopeResolver scopes, CompanyTimeZone zone, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(http.User, ct);
        if (scope.Self is null)
        {
            return ApiText.NotFound(http);
        }

        var culture = ApiText.Culture(http);
        var lines = await new EmployeePay(db, time, zone, PayrollViews.Runs).LinesAsync(scope.Self, zone.Today(time), ct);
        return TypedResults.Ok(lines.Select(l => Mine(l, culture)).ToList());
    }

    /// <summary>One of the person's own lines with names and the explanation in <paramref name="culture"/>.</summary>
    public static MyPayLineDto Mine(EmployeePayLine l, System.Globalization.CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(l);
        var line = PayrollViews.Line(new PayrollLine(l.Line, "", "", l.ComponentName, l.ComponentNameEn), null, null, new Dictionary<string, string>(), culture);
        return new MyPayLineDto(line.ComponentName, line.EarnedPeriod, line.PayMonth, line.Status, line.StatusName, line.Amount, line.Explanation);
    }

    /// <summary>403 for an account covering only part of the company (a payroll month is the whole company's).</summary>
    private static async Task<IResult?> WholeCompanyAsync(HttpContext http, ScopeResolver scopes, CancellationToken ct)
    {
        var scope = await scopes.ForAsync(http.User, ct);
        if (scope.Kind == ScopeKind.Everyone)
        {
            return null;
        }

        var culture = ApiText.Culture(http);
        return TypedResults.Problem(PayrollText.Get(culture, "Problem_WholeCompany"), statusCode: StatusCodes.Status403Forbidden, title: PayrollText.Get(culture, "Problem_Title"));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Refused(HttpContext http, PayrollProblemCode code, IReadOnlyList<string> args)
    {
        var culture = ApiText.Culture(http);
        return TypedResults.Problem(PayrollText.Get(culture, "Problem_" + code, [.. args]), statusCode: StatusCodes.Status409Conflict, title: PayrollText.Get(culture, "Problem_Title"),
            extensions: new Dictionary<string, object?> { ["code"] = code.ToString() });
    }
}
