using System.Text.Json;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Calculation;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.CalculationRuns;

/// <summary>One error of a run (a person not computed, or the whole run when <c>Error.Employee</c> is null) with the person's name.</summary>
/// <param name="Index">The error's place in the run's list (from 0).</param>
/// <param name="Error">The error as stored.</param>
/// <param name="Name">The person's name in the employees table, null when unknown or for an error of the whole run.</param>
public sealed record RunFailure(int Index, CalculationError Error, string? Name);

/// <summary>
/// One page of the people a run could not compute (the calculation page's 未计算 list and
/// <c>GET /api/v1/runs/{id}/not-computed</c>), counted and paged in the database (issue 13): the run's errors are one
/// JSON array (<c>calculation_runs.ErrorsJson</c>); SQLite walks it with <c>json_each</c>, PostgreSQL with
/// <c>jsonb_array_elements … WITH ORDINALITY</c>, both in stored order, filter it by the caller's visible people, join
/// the names and return only the page: the whole list is never read into the app. <c>Total</c> counts the visible errors.
/// </summary>
public sealed record RunFailuresPage(long RunId, int Total, IReadOnlyList<RunFailure> Items)
{
    /// <summary>
    /// Page <paramref name="page"/> (from 1) of <paramref name="pageSize"/> errors of run <paramref name="runId"/>;
    /// <paramref name="visible"/> limits those of a person to these employees (null: everyone; an error of the whole
    /// run is always shown). Null when the run does not exist.
    /// </summary>
    public static async Task<RunFailuresPage?> ForRunAsync(
        JixiaoDbContext db, long runId, IReadOnlySet<string>? visible, int page, int pageSize, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var run = await db.Runs.AsNoTracking().Where(r => r.Id == runId).Select(r => new { HasErrors = r.ErrorsJson != null }).SingleOrDefaultAsync(ct).ConfigureAwait(false);
        if (run is null)
        {
            return null;
        }

        if (!run.HasErrors)
        {
            return new RunFailuresPage(runId, 0, []);
        }

        var sqlite = db.Database.ProviderName?.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) == true;
        var ids = visible is null ? null : JsonSerializer.Serialize(visible);
        var skip = (long)(page - 1) * pageSize;
        var total = (int)await db.Database.SqlQuery<long>(CountSql(sqlite, runId, ids)).SingleAsync(ct).ConfigureAwait(false);
        if (skip >= total)
        {
            return new RunFailuresPage(runId, total, []);
        }

        var rows = await db.Database.SqlQuery<Row>(PageSql(sqlite, runId, ids, skip, pageSize)).ToListAsync(ct).ConfigureAwait(false);
        return new RunFailuresPage(runId, total, [.. rows.Select(r => new RunFailure(
            (int)r.Position, JsonSerializer.Deserialize<CalculationError>(r.Json) ?? throw new InvalidDataException("null error in run " + runId), r.Name))]);
    }

    // The errors of the run as rows (Position from 0, Json the error, Person its employee id or null), filtered by ids.
    private static FormattableString CountSql(bool sqlite, long runId, string? ids) => (sqlite, ids is null) switch
    {
        (true, true) => $"""
            SELECT COUNT(*) AS "Value" FROM "calculation_runs" r, json_each(r."ErrorsJson") j WHERE r."Id" = {runId}
            """,
        (true, false) => $"""
            SELECT COUNT(*) AS "Value" FROM "calculation_runs" r, json_each(r."ErrorsJson") j WHERE r."Id" = {runId}
            AND (json_extract(j.value, '$.Employee') IS NULL OR json_extract(j.value, '$.Employee') IN (SELECT v.value FROM json_each({ids}) v))
            """,
        (false, true) => $"""
            SELECT COUNT(*) AS "Value" FROM "calculation_runs" r CROSS JOIN LATERAL jsonb_array_elements(r."ErrorsJson"::jsonb) j(value)
            WHERE r."Id" = {runId}
            """,
        (false, false) => $"""
            SELECT COUNT(*) AS "Value" FROM "calculation_runs" r CROSS JOIN LATERAL jsonb_array_elements(r."ErrorsJson"::jsonb) j(value)
            WHERE r."Id" = {runId} AND (j.value->>'Employee' IS NULL OR j.value->>'Employee' IN (SELECT jsonb_array_elements_text({ids}::jsonb)))
            """,
    };

    private static FormattableString PageSql(bool sqlite, long runId, string? ids, long skip, int take) => (sqlite, ids is null) switch
    {
        (true, true) => $"""
            SELECT j.key AS "Position", j.value AS "Json", e."Name" AS "Name"
            FROM "calculation_runs" r, json_each(r."ErrorsJson") j LEFT JOIN "employees" e ON e."Id" = json_extract(j.value, '$.Employee')
            WHERE r."Id" = {runId} ORDER BY j.key LIMIT {take} OFFSET {skip}
            """,
        (true, false) => $"""
            SELECT j.key AS "Position", j.value AS "Json", e."Name" AS "Name"
            FROM "calculation_runs" r, json_each(r."ErrorsJson") j LEFT JOIN "employees" e ON e."Id" = json_extract(j.value, '$.Employee')
            WHERE r."Id" = {runId}
            AND (json_extract(j.value, '$.Employee') IS NULL OR json_extract(j.value, '$.Employee') IN (SELECT v.value FROM json_each({ids}) v))
            ORDER BY j.key LIMIT {take} OFFSET {skip}
            """,
        (false, true) => $"""
            SELECT j.ord - 1 AS "Position", j.value::text AS "Json", e."Name" AS "Name"
            FROM "calculation_runs" r CROSS JOIN LATERAL jsonb_array_elements(r."ErrorsJson"::jsonb) WITH ORDINALITY j(value, ord)
            LEFT JOIN "employees" e ON e."Id" = j.value->>'Employee'
            WHERE r."Id" = {runId} ORDER BY j.ord LIMIT {take} OFFSET {skip}
            """,
        (false, false) => $"""
            SELECT j.ord - 1 AS "Position", j.value::text AS "Json", e."Name" AS "Name"
            FROM "calculation_runs" r CROSS JOIN LATERAL jsonb_array_elements(r."ErrorsJson"::jsonb) WITH ORDINALITY j(value, ord)
            LEFT JOIN "employees" e ON e."Id" = j.value->>'Employee'
            WHERE r."Id" = {runId} AND (j.value->>'Employee' IS NULL OR j.value->>'Employee' IN (SELECT jsonb_array_elements_text({ids}::jsonb)))
            ORDER BY j.ord LIMIT {take} OFFSET {skip}
            """,
    };

    private sealed class Row
    {
        public long Position { get; init; }

        public required string Json { get; init; }

        public string? Name { get; init; }
    }
}
