using System.Text.Json;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Calculation;
using Jixiao.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Api;

/// <summary>What to calculate.</summary>
public sealed record RunRequest(string? Period);

/// <summary>A stored calculation run.</summary>
public sealed record RunDto(long Id, string Period, long PlanVersionId, string InputFingerprint, string CodeVersion, string? StartedBy, DateTime StartedAt, DateTime? FinishedAt, string Status, int Computed, int Failed, IReadOnlyList<string> Errors);

/// <summary>How one person's outcome differs from the previous run of the same period.</summary>
public sealed record ResultChange(string EmployeeId, string Name, string Change, decimal? OldTotal, decimal? NewTotal, decimal? OldPay, decimal? NewPay, string? OldGrade, string? NewGrade);

/// <summary>A run with everyone's results and what changed since the previous run of its period.</summary>
public sealed record RunDetail(RunDto Run, long? PreviousRunId, IReadOnlyList<ResultDto> Results, IReadOnlyList<ResultChange> Changes);

/// <summary>/api/v1/runs: calculation runs (HR runs; HR, administrator and finance read whole runs).</summary>
public static class CalculationApi
{
    public static IEndpointRouteBuilder MapCalculationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/runs").WithTags("Calculation");
        group.MapPost("/", RunAsync).RequireAuthorization(Policies.CalculationRun);
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.RunsRead);
        group.MapGet("/{id:long}", GetAsync).RequireAuthorization(Policies.RunsRead);
        return app;
    }

    private static async Task<Results<Created<RunDetail>, ValidationProblem, ProblemHttpResult>> RunAsync(
        RunRequest request, HttpContext http, JixiaoDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (ResultsApi.ParsePeriod(http, request.Period, out var period) is { } invalid)
        {
            return invalid;
        }

        var outcome = await new CalculationService(db, time).RunAsync(period, PlansApi.UserId(http), ct);
        if (outcome is null)
        {
            return ApiText.Problem(http, StatusCodes.Status409Conflict, "NoPlan_Title", "NoPlan");
        }

        var detail = await DetailAsync(db, outcome.Run.Id, http, ct);
        return TypedResults.Created($"/api/v1/runs/{outcome.Run.Id}", detail!);
    }

    private static async Task<Ok<List<RunDto>>> ListAsync(string? period, HttpContext http, JixiaoDbContext db, CancellationToken ct)
    {
        var query = db.Runs.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(period))
        {
            query = query.Where(r => r.Period == period);
        }

        var runs = await query.OrderByDescending(r => r.Id).Take(200).ToListAsync(ct);
        return TypedResults.Ok(runs.Select(r => Dto(r, http)).ToList());
    }

    private static async Task<Results<Ok<RunDetail>, ProblemHttpResult>> GetAsync(long id, HttpContext http, JixiaoDbContext db, CancellationToken ct)
    {
        var detail = await DetailAsync(db, id, http, ct);
        return detail is null ? ApiText.NotFound(http) : TypedResults.Ok(detail);
    }

    private static async Task<RunDetail?> DetailAsync(JixiaoDbContext db, long id, HttpContext http, CancellationToken ct)
    {
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (run is null)
        {
            return null;
        }

        var results = (await db.Results.AsNoTracking().Where(r => r.RunId == id).ToListAsync(ct))
            .Select(ResultsApi.Dto).OrderBy(r => r.EmployeeId, StringComparer.Ordinal).ToList();
        var previous = await db.Runs.AsNoTracking()
            .Where(r => r.Period == run.Period && r.Id < run.Id && r.Status == RunStatus.Succeeded)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        var changes = new List<ResultChange>();
        if (previous is not null)
        {
            var before = (await db.Results.AsNoTracking().Where(r => r.RunId == previous.Id).ToListAsync(ct))
                .Select(ResultsApi.Dto).ToDictionary(r => r.EmployeeId, StringComparer.Ordinal);
            foreach (var now in results)
            {
                if (!before.Remove(now.EmployeeId, out var old))
                {
                    changes.Add(new ResultChange(now.EmployeeId, now.Name, "added", null, now.Total, null, now.PayTotal, null, now.Grade));
                }
                else if (old.Total != now.Total || old.PayTotal != now.PayTotal || old.Grade != now.Grade)
                {
                    changes.Add(new ResultChange(now.EmployeeId, now.Name, "changed", old.Total, now.Total, old.PayTotal, now.PayTotal, old.Grade, now.Grade));
                }
            }

            changes.AddRange(before.Values.OrderBy(r => r.EmployeeId, StringComparer.Ordinal)
                .Select(old => new ResultChange(old.EmployeeId, old.Name, "removed", old.Total, null, old.PayTotal, null, old.Grade, null)));
        }

        return new RunDetail(Dto(run, http), previous?.Id, results, changes);
    }

    private static RunDto Dto(CalculationRun r, HttpContext http)
    {
        var culture = ApiText.Culture(http);
        var errors = r.ErrorsJson is null ? [] : JsonSerializer.Deserialize<List<CalculationError>>(r.ErrorsJson) ?? [];
        return new RunDto(r.Id, r.Period, r.PlanVersionId, r.InputFingerprint, r.CodeVersion, r.StartedBy, r.StartedAt, r.FinishedAt,
            r.Status.ToString().ToLowerInvariant(), r.Computed, r.Failed, [.. errors.Select(e => e.Format(culture))]);
    }
}
