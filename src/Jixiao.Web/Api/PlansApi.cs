using Jixiao.Application.Calendar;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Plans;
using Jixiao.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Api;

/// <summary>A stored version of a plan.</summary>
public sealed record PlanVersionDto(long Id, int Number, DateOnly EffectiveFrom, DateTime CreatedAt, string? CreatedBy);

/// <summary>A plan and its versions, newest first.</summary>
public sealed record PlanDto(string Code, string Name, IReadOnlyList<PlanVersionDto> Versions);

/// <summary>A plan problem with its position in the YAML.</summary>
public sealed record PlanProblemDto(int Line, int Column, string Code, string Severity, string Message);

/// <summary>The version stored by an upload, with any warnings.</summary>
public sealed record PlanUploaded(string Code, PlanVersionDto Version, IReadOnlyList<PlanProblemDto> Warnings);

/// <summary>/api/v1/plans: plan versions (readable by every role) and uploads of new versions (HR, administrator).</summary>
public static class PlansApi
{
    public static IEndpointRouteBuilder MapPlansApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/plans").WithTags("Plans");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.AnyRole);
        group.MapGet("/{code}/versions/{number}", YamlAsync).RequireAuthorization(Policies.AnyRole);
        group.MapPost("/", UploadAsync).RequireAuthorization(Policies.HrOrAdmin).DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data").Produces<PlanUploaded>(StatusCodes.Status201Created).ProducesValidationProblem();
        return app;
    }

    private static async Task<Ok<List<PlanDto>>> ListAsync(JixiaoDbContext db, CancellationToken ct)
    {
        var plans = await db.Plans.AsNoTracking().Include(p => p.Versions).OrderBy(p => p.Code).ToListAsync(ct);
        return TypedResults.Ok(plans.Select(p => new PlanDto(p.Code, p.Name, [.. p.Versions.OrderByDescending(v => v.Number).Select(Dto)])).ToList());
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> YamlAsync(string code, string number, HttpContext http, JixiaoDbContext db, CancellationToken ct)
    {
        if (VersionNumber(number) is not { } n)
        {
            return ApiText.NotFound(http);
        }

        var yaml = await db.PlanVersions.AsNoTracking()
            .Where(v => v.Number == n && db.Plans.Any(p => p.Id == v.PlanId && p.Code == code))
            .Select(v => v.Yaml).SingleOrDefaultAsync(ct);
        return yaml is null ? ApiText.NotFound(http) : TypedResults.Text(yaml, "application/yaml; charset=utf-8");
    }

    /// <summary>Uploads a plan YAML (form field <c>file</c>) as a new version; 400 lists every problem with line and column.</summary>
    private static async Task<Results<Created<PlanUploaded>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        HttpContext http, JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var file = (await input.FormAsync(ct))?.Files.GetFile("file");
        if (file is null)
        {
            return ApiText.Invalid(http, "file", "File_Required");
        }

        string yaml;
        using (var reader = new StreamReader(file.OpenReadStream()))
        {
            // At most one character beyond the limit: a larger file is refused by size without being read.
            yaml = YamlLimits.Read(reader);
        }

        var culture = ApiText.Culture(http);
        var (version, problems) = await new CalculationService(db, time, zone).AddPlanVersionAsync(yaml, file.FileName, ApiUsers.UserId(http), ct);
        PlanProblemDto Problem(PlanProblem p) =>
            new(p.Line, p.Column, p.Code.ToString(), p.Severity == ProblemSeverity.Error ? "error" : "warning", p.Format(culture));
        if (version is null)
        {
            var errors = problems.Where(p => p.Severity == ProblemSeverity.Error).ToList();
            var fields = errors.GroupBy(p => $"{p.Line}:{p.Column}").ToDictionary(g => g.Key, g => g.Select(p => p.Format(culture)).ToArray());
            return ApiText.Problems(http, "Plan_Invalid_Title", fields, errors.Select(Problem).ToList());
        }

        var code = await db.Plans.Where(p => p.Id == version.PlanId).Select(p => p.Code).SingleAsync(ct);
        var body = new PlanUploaded(code, Dto(version), [.. problems.Select(Problem)]);
        return TypedResults.Created($"/api/v1/plans/{Uri.EscapeDataString(code)}/versions/{version.Number}", body);
    }

    /// <summary>A plan version number in a route (a positive whole number), else null: the caller answers 404.</summary>
    internal static int? VersionNumber(string? text) => ApiInput.Id(text) is { } n and <= int.MaxValue ? (int)n : null;

    private static PlanVersionDto Dto(PlanVersionEntity v) => new(v.Id, v.Number, v.EffectiveFrom, v.CreatedAt, v.CreatedBy);
}
