using System.Globalization;
using Jixiao.Application.DataImports;
using Jixiao.Application.Import;
using Jixiao.Application.Persistence;
using Jixiao.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jixiao.Web.Api;

/// <summary>
/// An upload: who, when, which file, how many rows; in the answer to an upload, <see cref="Warnings"/> names stored rows
/// (not in the file) that break the rules and should be corrected (the upload itself succeeded).
/// </summary>
public sealed record UploadDto(
    long Id, string Source, string FileName, string? UploadedBy, DateTime UploadedAt, int Rows, int Inserted, int Updated, int Unchanged,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Warnings = null);

/// <summary>A data error with its position.</summary>
public sealed record DataErrorDto(string File, int Line, int Column, string? ColumnName, string Code, string Message);

/// <summary>/api/v1/data: CSV uploads per source (HR, finance, or a token with data:write), all or nothing.</summary>
public static class DataApi
{
    public static IEndpointRouteBuilder MapDataApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/data").WithTags("Data").RequireAuthorization(Policies.DataWrite);
        group.MapGet("/sources", () => TypedResults.Ok(DataSources.All));
        group.MapGet("/uploads", UploadsAsync);
        group.MapGet("/{source}/template", Template);
        // Bodies up to twice the file limit are read (to a temporary file) and answered with the limit in the user's
        // language; larger ones Kestrel refuses with 413 before anything is read.
        var limits = app.ServiceProvider.GetRequiredService<IOptions<ImportLimits>>().Value;
        group.MapPost("/{source}", UploadAsync).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute((2 * limits.MaxFileMegabytes * (1L << 20)) + (1 << 20)))
            .Accepts<IFormFile>("multipart/form-data").Produces<List<UploadDto>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<List<UploadDto>>> UploadsAsync(JixiaoDbContext db, CancellationToken ct)
    {
        var uploads = await db.Uploads.AsNoTracking().OrderByDescending(u => u.Id).Take(500)
            .Select(u => new UploadDto(u.Id, u.Source, u.FileName, u.UploadedBy, u.UploadedAt, u.Rows, u.Inserted, u.Updated, u.Unchanged))
            .ToListAsync(ct);
        return TypedResults.Ok(uploads);
    }

    /// <summary>
    /// The upload template of <paramref name="source"/> (<c>format=xlsx</c>, the default, or <c>csv</c>): headers in
    /// Chinese and English and one example row. Only for callers who may upload that source.
    /// </summary>
    private static Results<FileContentHttpResult, ProblemHttpResult, ForbidHttpResult, ValidationProblem> Template(string source, string? format, HttpContext http)
    {
        if (!DataSources.IsKnown(source))
        {
            return ApiText.Problem(http, StatusCodes.Status404NotFound, "NotFound_Title", "Source_Unknown", ApiInput.Shown(source), string.Join(", ", DataSources.All));
        }

        if (!MayUpload(http.User, source))
        {
            return TypedResults.Forbid();
        }

        var input = new ApiInput(http);
        var xlsx = input.Choice(format, "format", ["xlsx", "csv"]) is null or "xlsx";
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        using var buffer = new MemoryStream();
        if (xlsx)
        {
            Jixiao.Application.Excel.UploadTemplates.WriteXlsx(source, buffer);
        }
        else
        {
            Jixiao.Application.Excel.UploadTemplates.WriteCsv(source, buffer);
        }

        return TypedResults.File(buffer.ToArray(), xlsx ? Exports.XlsxType : "text/csv; charset=utf-8", Jixiao.Application.Excel.UploadTemplates.FileName(source, xlsx));
    }

    /// <summary>Money and transaction sources finance verifies (SPEC §1); integrations push the same plus activities and metric values.</summary>
    private static readonly string[] FinanceSources = [DataSources.Sales, DataSources.Credits, DataSources.Collections, DataSources.Expenses];

    private static readonly string[] IntegrationSources = [.. FinanceSources, DataSources.Activities, DataSources.Metrics];

    /// <summary>
    /// HR uploads every source; finance only money and transactions; a data:write token only transactions and
    /// metric values. The org chart, people, targets and ratings change only through HR.
    /// </summary>
    public static bool MayUpload(System.Security.Claims.ClaimsPrincipal user, string source) =>
        user.IsInRole(Roles.Hr)
        || (user.IsInRole(Roles.Finance) && FinanceSources.Contains(source, StringComparer.Ordinal))
        || (user.HasScope(TokenScopes.DataWrite) && IntegrationSources.Contains(source, StringComparer.Ordinal));

    /// <summary>
    /// Imports one CSV file (form field <c>file</c>) for <paramref name="source"/>. Assignments of uploaded
    /// employees take effect on <paramref name="effectiveFrom"/> (default today). Any error: 400 with every
    /// error by row and column, and nothing is changed.
    /// </summary>
    private static async Task<Results<Ok<List<UploadDto>>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> UploadAsync(
        string source, string? effectiveFrom, HttpContext http, JixiaoDbContext db, TimeProvider time, ScopeResolver scopes,
        IOptions<ImportLimits> limits, CancellationToken ct)
    {
        if (!DataSources.IsKnown(source))
        {
            return ApiText.Problem(http, StatusCodes.Status404NotFound, "NotFound_Title", "Source_Unknown", ApiInput.Shown(source), string.Join(", ", DataSources.All));
        }

        if (!MayUpload(http.User, source))
        {
            return TypedResults.Forbid();
        }

        // The one date rule (RecordDates), as for the dates inside the file.
        var input = new ApiInput(http);
        var from = input.Date(effectiveFrom, "effectiveFrom") ?? scopes.Today();
        var file = input.Ok ? (await input.FormAsync(ct))?.Files.GetFile("file") : null;
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        if (file is null)
        {
            return ApiText.Invalid(http, "file", "File_Required");
        }

        var outcome = await ImportAsync(source, file, from, http, db, time, limits.Value, ct);
        if (!outcome.Ok)
        {
            var culture = ApiText.Culture(http);
            var fields = outcome.Errors.GroupBy(e => $"{e.File}:{e.Line}:{e.Column}")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Format(culture)).ToArray());
            var problems = outcome.Errors.Select(e => new DataErrorDto(e.File, e.Line, e.Column, e.ColumnName, e.Code.ToString(), e.Format(culture))).ToList();
            return ApiText.Problems(http, "Data_Invalid_Title", fields, problems);
        }

        var warnings = outcome.Warnings.Select(w => w.Format(ApiText.Culture(http))).ToList();
        return TypedResults.Ok(outcome.Uploads.Select(u => new UploadDto(u.Id, u.Source, u.FileName, u.UploadedBy, u.UploadedAt, u.Rows, u.Inserted, u.Updated, u.Unchanged, warnings)).ToList());
    }

    /// <summary>Streams the upload to a temporary file (never into memory) and imports it from there.</summary>
    private static async Task<ImportOutcome> ImportAsync(string source, IFormFile file, DateOnly from, HttpContext http, JixiaoDbContext db, TimeProvider time,
        ImportLimits limits, CancellationToken ct)
    {
        if (file.Length > limits.MaxFileMegabytes * (1L << 20))
        {
            return new ImportOutcome([], [new DataError(file.FileName, 0, 0, null, DataErrorCode.FileTooLarge, [limits.MaxFileMegabytes.ToString(CultureInfo.InvariantCulture)])]);
        }

        var path = Path.GetTempFileName();
        try
        {
            await using (var target = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await file.CopyToAsync(target, ct);
            }

            return await new DataImporter(db, time, limits).ImportAsync(UploadFile.FromFile(source, file.FileName, path), ApiUsers.UserId(http), from, ct);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
