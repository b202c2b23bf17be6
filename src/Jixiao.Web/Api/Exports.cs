using System.Globalization;
using Jixiao.Application.Access;
using Jixiao.Application.Calendar;
using Jixiao.Application.Excel;
using Jixiao.Application.Persistence;
using Jixiao.Application.Ratings;
using Jixiao.Web.Auth;
using Jixiao.Web.Data;
using Jixiao.Web.StoredResults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Jixiao.Web.Api;

/// <summary>
/// /api/v1/exports: the tables the pages show, as .xlsx files written by <see cref="ExcelExport"/> (formula-injection
/// safe), with exactly the rows the caller sees on the page: the same queries and the same <see cref="AccessScope"/>.
/// Headers are in the caller's UI language (the language cookie).
/// </summary>
public static class Exports
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Roles that open the 评分 page and its export (what they see is still their scope).</summary>
    public const string RaterRoles = Roles.Manager + "," + Roles.Supervisor + "," + Roles.Hr;

    public static IEndpointRouteBuilder MapExportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/exports").WithTags("Exports");
        group.MapGet("/person", PersonAsync).RequireAuthorization(Policies.AnyRole);
        group.MapGet("/team", TeamAsync).RequireAuthorization(p => p.RequireRole(ResultQueries.TeamRoles.Split(',')));
        group.MapGet("/uploads", UploadsAsync).RequireAuthorization(p => p.RequireRole(Roles.Hr, Roles.Finance));
        group.MapGet("/ratings", RatingsAsync).RequireAuthorization(p => p.RequireRole(RaterRoles.Split(',')));
        return app;
    }

    private static ExportColumn Col(string key, ExportKind kind = ExportKind.Text) => ExportText.Column(key, kind);

    private static FileContentHttpResult File(string name, string sheet, IReadOnlyList<ExportColumn> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var buffer = new MemoryStream();
        ExcelExport.Write(buffer, sheet, columns, rows, CultureInfo.CurrentUICulture);
        return TypedResults.File(buffer.ToArray(), XlsxType, name);
    }

    /// <summary>One person's indicators and pay lines (default: the caller's own), as on 我的绩效 and a team member's page.</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> PersonAsync(
        string? employee, string? period, HttpContext http, JixiaoDbContext db, ResultCache cache, TimeProvider time, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var asked = input.OptionalPeriod(period);
        var id = input.Text(employee, "employee");
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var scope = await scopes.ForAsync(http.User, ct);
        var view = await PersonPage.LoadAsync(db, cache, time, scopes, http.User, id ?? scope.Self, asked?.ToString(), null, ct);
        if (asked is { } p && view.Period != p.ToString())
        {
            // A period asked for but not calculated: no file of another period instead.
            return ApiText.Problem(http, StatusCodes.Status404NotFound, "NotFound_Title", "NoResult", p.ToString());
        }

        if (view.Result is not { } r)
        {
            return ApiText.NotFound(http);
        }

        ExportColumn[] columns =
        [
            Col("Col_Employee"), Col("Col_Name"), Col("Col_Period"), Col("Col_Kind"), Col("Col_Item"),
            Col("Col_Weight", ExportKind.Number), Col("Col_Actual", ExportKind.Number), Col("Col_Target", ExportKind.Number),
            Col("Col_Achievement", ExportKind.Number), Col("Col_Points", ExportKind.Number), Col("Col_Amount", ExportKind.Money),
        ];
        string indicator = ExportText.Get("Kind_Indicator"), total = ExportText.Get("Kind_Total"), pay = ExportText.Get("Kind_Pay");
        var rows = new List<IReadOnlyList<object?>>();
        rows.AddRange(r.Indicators.Select(i => (IReadOnlyList<object?>)[r.EmployeeId, r.Name, view.Period, indicator, i.Name, i.Weight, i.Actual, i.Target, i.Achievement, i.Points, null]));
        rows.Add([r.EmployeeId, r.Name, view.Period, total, r.Grade, null, null, null, null, r.Total, null]);
        rows.AddRange(r.Pay.Select(l => (IReadOnlyList<object?>)[r.EmployeeId, r.Name, view.Period, pay, l.Name, null, null, null, null, null, l.Amount]));
        return File($"performance-{r.EmployeeId}-{view.Period}.xlsx", view.Period!, columns, rows);
    }

    /// <summary>The 团队 table: the caller's scope, the same search and sort as the page, every page.</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> TeamAsync(
        string? period, string? q, string? sort, HttpContext http, JixiaoDbContext db, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var asked = input.OptionalPeriod(period);
        var term = input.Text(q, "q");
        var order = input.Sort(sort, ResultQueries.Sorts);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        // The page's period: the one asked for (404 when people see no result of it, never another period's file), else
        // the latest month. The run people see (docs/decisions/0019): never a draft, none in evaluation or calibration.
        var runs = await ResultQueries.RunIndexAsync(db, ct);
        var chosen = asked?.ToString() ?? ResultQueries.DefaultPeriod(runs.Periods);
        var run = runs.LatestOf(chosen);
        if (run is null)
        {
            return chosen is null ? ApiText.NotFound(http) : ApiText.Problem(http, StatusCodes.Status404NotFound, "NotFound_Title", "NoResult", chosen);
        }

        var scope = await scopes.ForPeriodAsync(http.User, chosen, ct);
        var page = await ResultQueries.ListAsync(db, scope, run.Id, unit: null, term, order, 1, int.MaxValue, ct);
        ExportColumn[] columns =
        [
            Col("Col_Employee"), Col("Col_Name"), Col("Col_Unit"), Col("Col_Scorecard"), Col("Col_Total", ExportKind.Number),
            Col("Col_Grade"), Col("Col_Coefficient", ExportKind.Number), Col("Col_PayTotal", ExportKind.Money),
        ];
        return File($"team-{chosen}.xlsx", chosen!, columns,
            page.Items.Select(r => (IReadOnlyList<object?>)[r.EmployeeId, r.Name, r.OrgUnitId, r.Scorecard, r.Total, r.Grade, r.Coefficient, r.PayTotal]));
    }

    /// <summary>The 数据 page's upload list, all pages.</summary>
    private static async Task<FileContentHttpResult> UploadsAsync(JixiaoDbContext db, CompanyTimeZone zone, CancellationToken ct)
    {
        var uploads = await UploadList.PageAsync(db, 1, null, ct);
        ExportColumn[] columns =
        [
            Col("Col_UploadId", ExportKind.Number), ExportText.Column("Col_UploadedAt", zone.Id), Col("Col_UploadedBy"), Col("Col_Source"), Col("Col_File"),
            Col("Col_Rows", ExportKind.Number), Col("Col_Added", ExportKind.Number), Col("Col_Updated", ExportKind.Number), Col("Col_Unchanged", ExportKind.Number),
        ];
        return File("uploads.xlsx", ExportText.Get("Sheet_Uploads"), columns, uploads.Items.Select(u => (IReadOnlyList<object?>)
            [u.Id, zone.Text(u.UploadedAt), u.UploadedBy, u.Source, u.FileName, u.Rows, u.Inserted, u.Updated, u.Unchanged]));
    }

    /// <summary>The 评分 table: one row per person and rating indicator the caller may rate in the period.</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> RatingsAsync(
        string? period, HttpContext http, JixiaoDbContext db, TimeProvider time, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var p = input.Period(period);
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var scope = await scopes.ForPeriodAsync(http.User, p, ct);
        var people = await new RatingService(db, time).LoadAsync(scope, p, ct);
        if (people is null)
        {
            return ApiText.Problem(http, StatusCodes.Status404NotFound, "NoPlan_Title", "NoPlan");
        }

        ExportColumn[] columns =
        [
            Col("Col_Employee"), Col("Col_Name"), Col("Col_Scorecard"), Col("Col_Indicator"), Col("Col_Max", ExportKind.Number),
            Col("Col_Points", ExportKind.Number), Col("Col_Rater"), Col("Col_Comment"),
        ];
        var rows = people.SelectMany(person => person.Indicators.Zip(person.Entries, (i, e) => (IReadOnlyList<object?>)
            [person.EmployeeId, person.Name, Plans.PlanNames.In(person.ScorecardName, person.ScorecardNameEn, person.ScorecardNameZhTw, CultureInfo.CurrentUICulture), Plans.PlanNames.In(i.Name, i.NameEn, i.NameZhTw, CultureInfo.CurrentUICulture), i.MaxPoints, e.Points, e.Rater, scope.SeesRatingComments ? e.Comment : null]));
        return File($"ratings-{p}.xlsx", p.ToString(), columns, rows);
    }
}
