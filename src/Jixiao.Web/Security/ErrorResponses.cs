using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Jixiao.Web.Api;
using Microsoft.AspNetCore.Diagnostics;

namespace Jixiao.Web.Security;

/// <summary>
/// The safety net under every endpoint, in every environment (the developer exception page is never shown): a request
/// the framework cannot read (<see cref="BadHttpRequestException"/>: a query value that does not bind, a body that is
/// not JSON, a missing parameter) answers 400 saying which parameter and why; any other exception answers 500 with a
/// reference to the log entry and no details. Empty error responses (404, 401 …) get a body too. All in the user's
/// language (request localization: the language cookie, then Accept-Language): problem details for the API, a small
/// HTML page for pages.
/// No .NET type name, message or stack trace ever reaches the client.
/// </summary>
public sealed partial class ErrorResponses(ILogger<ErrorResponses> logger) : IExceptionHandler
{
    /// <summary>
    /// The options of UseExceptionHandler: the middleware records nothing itself (this handler handles every exception
    /// and logs it once: a bad request at Debug, the client's mistake; anything else at Error with its reference).
    /// </summary>
    public static ExceptionHandlerOptions Options { get; } = new()
    {
        SuppressDiagnosticsCallback = _ => true,
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        try
        {
            if (exception is BadHttpRequestException bad)
            {
                LogBadRequest(logger, httpContext.Request.Method, httpContext.Request.Path, bad.StatusCode, bad.Message);
                await WriteBadRequestAsync(httpContext, bad);
            }
            else
            {
                // A bug: logged with the reference the user is shown, so that an administrator can find it.
                LogFailure(logger, exception, httpContext.Request.Method, httpContext.Request.Path, httpContext.TraceIdentifier);
                await WriteAsync(httpContext, StatusCodes.Status500InternalServerError, "Error_Title", null, "Error_Detail", httpContext.TraceIdentifier);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogWriteFailed(logger, e);
            httpContext.Response.StatusCode = exception is BadHttpRequestException b ? b.StatusCode : StatusCodes.Status500InternalServerError;
        }

        return true;
    }

    /// <summary>UseStatusCodePages' handler: a body for an error response that has none.</summary>
    public static Task StatusCodePageAsync(StatusCodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        return http.Response.StatusCode switch
        {
            StatusCodes.Status400BadRequest => WriteAsync(http, 400, "BadRequest_Title", null, "BadRequest_Detail"),
            StatusCodes.Status401Unauthorized => WriteAsync(http, 401, "Status_Title", [401], "Unauthorized_Detail"),
            StatusCodes.Status403Forbidden when !IsApi(http) => WriteAsync(http, 403, "Forbidden_Title", null, "ForbiddenPage_Detail"),
            StatusCodes.Status403Forbidden => WriteAsync(http, 403, "Status_Title", [403], "Forbidden_Detail"),
            StatusCodes.Status404NotFound => WriteAsync(http, 404, "NotFound_Title", null, "NotFound_Detail"),
            var status => WriteAsync(http, status, "Status_Title", [status], "Status_Detail", status),
        };
    }

    private static Task WriteBadRequestAsync(HttpContext http, BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return WriteAsync(http, bad.StatusCode, "BadRequest_Title", null, "TooLarge_Detail");
        }

        var culture = CultureOf(http);
        if (BindFailure().Match(bad.Message) is { Success: true } bind)
        {
            var name = bind.Groups["name"].Value;
            var detail = SecurityText.Get(culture, KindOf(bind.Groups["type"].Value), name, Shown(bind.Groups["value"].Value));
            return WriteFieldAsync(http, bad.StatusCode, name, detail);
        }

        if (Missing().Match(bad.Message) is { Success: true } missing)
        {
            var name = missing.Groups["name"].Value;
            return WriteFieldAsync(http, bad.StatusCode, name, SecurityText.Get(culture, "Bind_Missing", name));
        }

        return bad.Message.Contains("request body", StringComparison.Ordinal) || bad.Message.Contains("JSON", StringComparison.Ordinal)
            ? WriteAsync(http, bad.StatusCode, "BadRequest_Title", null, "Body_Invalid")
            : WriteAsync(http, bad.StatusCode, "BadRequest_Title", null, "BadRequest_Detail");
    }

    /// <summary>The message key for a value that does not parse as the parameter's type (as the framework names it: int?, long, DateOnly …).</summary>
    private static string KindOf(string type)
    {
        var t = type.TrimEnd('?').Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('>');
        return t switch
        {
            "int" or "long" or "short" or "byte" or "uint" or "ulong" or "ushort" or "Int32" or "Int64" => "Bind_Int",
            "decimal" or "double" or "float" or "Decimal" or "Double" => "Bind_Number",
            "DateOnly" or "DateTime" or "DateTimeOffset" => "Bind_Date",
            "bool" or "Boolean" => "Bind_Bool",
            _ => "Bind_Other",
        };
    }

    /// <summary>The value as echoed back: no control characters, at most 40 characters.</summary>
    private static string Shown(string value)
    {
        var clean = new StringBuilder(Math.Min(value.Length, 41));
        foreach (var c in value)
        {
            if (clean.Length == 40)
            {
                clean.Append('…');
                break;
            }

            clean.Append(char.IsControl(c) ? '�' : c);
        }

        return clean.ToString();
    }

    private static CultureInfo CultureOf(HttpContext http) => IsApi(http) ? ApiText.Culture(http) : CultureInfo.CurrentUICulture;

    /// <summary>The API and its description answer problem details; pages answer HTML.</summary>
    private static bool IsApi(HttpContext http) =>
        (http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !http.Request.Path.StartsWithSegments(SecurityHeaders.ApiReferencePath, StringComparison.OrdinalIgnoreCase))
        || http.Request.Path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase);

    private static Task WriteFieldAsync(HttpContext http, int status, string field, string message)
    {
        if (!IsApi(http))
        {
            return WritePageAsync(http, status, SecurityText.Get(CultureOf(http), "BadRequest_Title"), message);
        }

        http.Response.StatusCode = status;
        return TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [message] },
            title: SecurityText.Get(CultureOf(http), "BadRequest_Title")).ExecuteAsync(http);
    }

    private static Task WriteAsync(HttpContext http, int status, string titleKey, object?[]? titleArgs, string detailKey, params object?[] detailArgs)
    {
        var culture = CultureOf(http);
        var title = SecurityText.Get(culture, titleKey, titleArgs ?? []);
        var detail = SecurityText.Get(culture, detailKey, detailArgs);
        return IsApi(http)
            ? TypedResults.Problem(detail, statusCode: status, title: title).ExecuteAsync(http)
            : WritePageAsync(http, status, title, detail);
    }

    private static Task WritePageAsync(HttpContext http, int status, string title, string detail)
    {
        var culture = SecurityText.Supported(CultureInfo.CurrentUICulture);
        var home = SecurityText.Get(culture, "Home");
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        var html = $$"""
            <!DOCTYPE html>
            <html lang="{{culture.Name}}">
            <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" /><title>{{WebUtility.HtmlEncode(title)}} · 绩效 Jixiao</title>
            <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#222}</style></head>
            <body><h1 id="error-title">{{WebUtility.HtmlEncode(title)}}</h1><p id="error-detail">{{WebUtility.HtmlEncode(detail)}}</p><p><a href="/">{{WebUtility.HtmlEncode(home)}}</a></p></body>
            </html>
            """;
        return http.Response.WriteAsync(html, http.RequestAborted);
    }

    [GeneratedRegex("^Failed to bind parameter \"(?<type>.+) (?<name>[^ \"]+)\" from \"(?<value>.*)\"\\.$", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    [GeneratedRegex("^Required parameter \"(?<type>.+) (?<name>[^ \"]+)\" was not provided", RegexOptions.Singleline)]
    private static partial Regex Missing();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Bad request {Method} {Path} answered {Status}: {Reason}")]
    private static partial void LogBadRequest(ILogger logger, string method, PathString path, int status, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Method} {Path} failed (reference {Reference})")]
    private static partial void LogFailure(ILogger logger, Exception exception, string method, PathString path, string reference);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing the error response failed")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);
}
