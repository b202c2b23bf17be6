using System.Globalization;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Excel;
using Jixiao.Application.Persistence;
using Jixiao.Web.Api;
using Jixiao.Web.Auth;
using Jixiao.Web.StoredResults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Jixiao.Web.Plans;

/// <summary>
/// GET /calculation/export?run=ID&amp;what=results|changes: the calculation page's result table or "what changed" as
/// .xlsx (ExcelExport: formula-injection safe), headers in the user's language, rows limited to the caller's scope.
/// </summary>
public static class CalculationExport
{
    public static IEndpointRouteBuilder MapCalculationExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/calculation/export", ExportAsync).RequireAuthorization(Policies.HrOrAdmin);
        return app;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult, ValidationProblem>> ExportAsync(
        string? run, string? what, HttpContext http, JixiaoDbContext db, ScopeResolver scopes, IStringLocalizer<PlansText> t, CancellationToken ct)
    {
        var input = new ApiInput(http);
        what = input.Choice(what, "what", ["results", "changes"]);
        if (string.IsNullOrEmpty(run))
        {
            input.Error("run", "Value_Required", "run");
        }

        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        // A run id that is not a positive number is one that does not exist.
        var runId = ApiInput.Id(run);
        var stored = runId is null ? null : await db.Runs.FindAsync([runId.Value], ct);
        if (stored is null)
        {
            return ApiText.NotFound(http);
        }

        var scope = await scopes.ForPeriodAsync(http.User, stored.Period, ct);
        ExportColumn Col(string key, ExportKind kind = ExportKind.Text) => new(t[key], t[key], kind);
        using var stream = new MemoryStream();
        string name;
        if (what == "changes")
        {
            var comparison = await RunComparison.ForRunAsync(db, stored.Id, ct);
            var changes = scope.Filter(comparison!.Changes, c => c.EmployeeId);
            ExcelExport.Write(stream, t["Calc_Sheet_Changes"],
                [Col("Calc_Employee"), Col("Calc_Name"), Col("Calc_Unit"), Col("Calc_Change"),
                 Col("Calc_OldTotal", ExportKind.Number), Col("Calc_NewTotal", ExportKind.Number), Col("Calc_TotalDelta", ExportKind.Number),
                 Col("Calc_OldPay", ExportKind.Money), Col("Calc_NewPay", ExportKind.Money), Col("Calc_PayDelta", ExportKind.Money),
                 Col("Calc_OldGrade"), Col("Calc_NewGrade")],
                changes.Select(c => (IReadOnlyList<object?>)[c.EmployeeId, c.Name, c.OrgUnitId, t["Change_" + c.Kind].Value,
                    c.OldTotal, c.NewTotal, c.TotalDelta, c.OldPay, c.NewPay, c.PayDelta, c.OldGrade, c.NewGrade]),
                CultureInfo.CurrentUICulture);
            name = $"changes-{stored.Period}-run{stored.Id}.xlsx";
        }
        else
        {
            var page = await ResultQueries.ListAsync(db, scope, stored.Id, unit: null, q: null, sort: "employee", 1, int.MaxValue, ct);
            ExcelExport.Write(stream, t["Calc_Sheet_Results"],
                [Col("Calc_Employee"), Col("Calc_Name"), Col("Calc_Unit"), Col("Calc_Scorecard"), Col("Calc_Total", ExportKind.Number),
                 Col("Calc_Grade"), Col("Calc_Coefficient", ExportKind.Number), Col("Calc_Pay", ExportKind.Money)],
                page.Items.Select(r => (IReadOnlyList<object?>)[r.EmployeeId, r.Name, r.OrgUnitId, r.Scorecard, r.Total, r.Grade, r.Coefficient, r.PayTotal]),
                CultureInfo.CurrentUICulture);
            name = $"results-{stored.Period}-run{stored.Id}.xlsx";
        }

        return TypedResults.File(stream.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }
}
