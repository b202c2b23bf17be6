using System.Globalization;
using Jixiao.Application.Calendar;
using Jixiao.Application.Excel;
using Jixiao.Application.Persistence;
using Jixiao.Application.Plans;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Jixiao.Web.Plans;

/// <summary>
/// The /plans tables as .xlsx (<see cref="ExcelExport"/>: formula-injection safe), headers in the user's language
/// (PlansText: zh-CN, en, zh-TW), for the roles that open the pages (<see cref="PlanPages.ViewRoles"/>: everyone reads
/// every plan, as on the pages and in /api/v1/plans):
/// GET /api/v1/exports/plans — the version list; GET /api/v1/exports/plans/{code}/{number} — a version's scorecards
/// (indicators, weights, rules in words, grade scales) and pay components as <see cref="PlanDescriber"/> shows them.
/// </summary>
public static class PlanExports
{
    public static IEndpointRouteBuilder MapPlanExports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/exports/plans").WithTags("Exports");
        group.MapGet("/", VersionsAsync).RequireAuthorization(p => p.RequireRole(PlanPages.ViewRoles.Split(',')));
        group.MapGet("/{code}/{number}", VersionAsync).RequireAuthorization(p => p.RequireRole(PlanPages.ViewRoles.Split(',')));
        return app;
    }

    private static FileContentHttpResult File(string name, string sheet, IReadOnlyList<ExportColumn> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var buffer = new MemoryStream();
        ExcelExport.Write(buffer, sheet, columns, rows, CultureInfo.CurrentUICulture);
        return TypedResults.File(buffer.ToArray(), Api.Exports.XlsxType, name);
    }

    private static ExportColumn Col(IStringLocalizer<PlansText> t, string key, ExportKind kind = ExportKind.Text) => new(t[key], t[key], kind);

    /// <summary>The version list of /plans: one row per plan version, newest plan order as on the page.</summary>
    private static async Task<FileContentHttpResult> VersionsAsync(JixiaoDbContext db, IStringLocalizer<PlansText> t, CompanyTimeZone zone, CancellationToken ct)
    {
        var plans = await PlanCatalog.ListAsync(db, ct);
        ExportColumn[] columns =
        [
            Col(t, "Plans_Code"), Col(t, "Plans_Name"), Col(t, "Plans_Version", ExportKind.Number), Col(t, "Plans_EffectiveFrom", ExportKind.Date), new(t["PlansX_CreatedAt", zone.Id], t["PlansX_CreatedAt", zone.Id], ExportKind.Text),
        ];
        return File("plans.xlsx", t["PlansX_Sheet_Versions"], columns, plans.SelectMany(p => p.Versions.Select(v => (IReadOnlyList<object?>)
            [p.Code, p.Name, v.Number, v.EffectiveFrom, zone.Text(v.CreatedAt)])));
    }

    /// <summary>A plan version as on /plans/{code}/{number}: indicator rows per scorecard, then its grades, then the pay components.</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> VersionAsync(
        string code, string number, HttpContext http, JixiaoDbContext db, IStringLocalizer<PlansText> t, CancellationToken ct)
    {
        var version = Api.PlansApi.VersionNumber(number) is { } n ? await PlanCatalog.VersionAsync(db, code, n, ct) : null;
        if (version is null)
        {
            return Api.ApiText.NotFound(http);
        }

        var view = new PlanDescriber(t).Describe(version.Plan);
        ExportColumn[] columns =
        [
            Col(t, "PlansX_Section"), Col(t, "PlansX_Card"), Col(t, "PlansX_CardName"), Col(t, "PlansX_AppliesTo"), Col(t, "PlansX_Periods"),
            Col(t, "PlansX_Item"), Col(t, "PlansX_ItemName"), Col(t, "Plans_Category"), Col(t, "Plans_Weight", ExportKind.Number),
            Col(t, "PlansX_RuleOrRange"), Col(t, "Plans_Coefficient"), Col(t, "Plans_Advice"),
        ];
        var rows = new List<IReadOnlyList<object?>>();
        string indicator = t["PlansX_Section_Indicator"], grade = t["PlansX_Section_Grade"], pay = t["PlansX_Section_Pay"];
        foreach (var card in view.Scorecards)
        {
            rows.AddRange(card.Indicators.Select(i => (IReadOnlyList<object?>)
                [indicator, card.Code, card.Name, card.AppliesTo, card.Periods, i.Code, i.Name, i.Category, i.Points, string.Join("\n", i.Rule), null, null]));
            rows.AddRange(card.Grades.Select(g => (IReadOnlyList<object?>)
                [grade, card.Code, card.Name, card.AppliesTo, card.Periods, card.GradeScale, g.Grade, null, null, g.Range, g.Coefficient, g.Advice]));
        }

        rows.AddRange(view.Pay.Select(p => (IReadOnlyList<object?>)
            [pay, null, null, p.AppliesTo, p.Periods, p.Code, p.Name, null, null, string.Join("\n", p.Rule), null, null]));
        return File($"plan-{version.Code}-v{version.Version.Number}.xlsx", t["PlansX_Sheet_Plan"], columns, rows);
    }
}
