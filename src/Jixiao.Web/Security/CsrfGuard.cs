using System.Security.Claims;
using Jixiao.Application.Persistence;
using Jixiao.Web.Api;
using Jixiao.Web.Auth;

namespace Jixiao.Web.Security;

/// <summary>
/// Cross-site request forgery rule for the API (docs/deployment.md, "API clients"): a write (POST, PUT, PATCH, DELETE
/// under /api) signed in by the session cookie is refused with 403 unless the browser says it comes from this site's
/// own pages (<c>Sec-Fetch-Site: same-origin</c>) or, for clients that send no Sec-Fetch-Site, it carries the header
/// <see cref="HeaderName"/> and no foreign Origin. Another page, even on the same site (another port of 127.0.0.1),
/// can post a form with the cookie but can neither hide its Sec-Fetch-Site nor add a custom header without a CORS
/// preflight, which this app never grants. Requests with an API token (<c>Authorization: Bearer</c>) carry no ambient
/// credential and are exempt; anonymous ones fall through to authorization (401). A refusal is audited (api.csrf.refused).
/// </summary>
public static class CsrfGuard
{
    /// <summary>The header a cookie-authenticated API client sends with every write (any non-empty value, e.g. 1).</summary>
    public const string HeaderName = "X-Jixiao-Csrf";

    /// <summary>Checks every request after authentication.</summary>
    public static IApplicationBuilder UseApiCsrfGuard(this IApplicationBuilder app) =>
        app.Use((context, next) => IsRefused(context) ? RefuseAsync(context) : next(context));

    /// <summary>Whether the request is a cookie-authenticated API write that may come from another site.</summary>
    public static bool IsRefused(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method)
            || !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || context.User.Identity?.IsAuthenticated != true || context.User.IsToken())
        {
            return false;
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
        {
            return !string.Equals(site, "same-origin", StringComparison.OrdinalIgnoreCase);
        }

        return string.IsNullOrEmpty(request.Headers[HeaderName].ToString()) || !IsSameOrigin(request);
    }

    /// <summary>No Origin header, or one naming this request's own scheme and host.</summary>
    private static bool IsSameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0
            || string.Equals(origin, request.Scheme + "://" + request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Audits the refusal (who, where, what the browser said) and answers 403.</summary>
    private static async Task RefuseAsync(HttpContext context)
    {
        var request = context.Request;
        var db = context.RequestServices.GetRequiredService<JixiaoDbContext>();
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        var detail = $"{request.Method}; Sec-Fetch-Site: {Clip(request.Headers["Sec-Fetch-Site"].ToString())}; Origin: {Clip(request.Headers.Origin.ToString())}";
        db.Audit(time.GetUtcNow().UtcDateTime, context.User.FindFirstValue(ClaimTypes.NameIdentifier), "api.csrf.refused", Clip(request.Path.Value), detail);
        await db.SaveChangesAsync(context.RequestAborted);

        var culture = ApiText.Culture(context);
        await TypedResults.Problem(
            SecurityText.Get(culture, "Csrf_Detail"),
            statusCode: StatusCodes.Status403Forbidden,
            title: SecurityText.Get(culture, "Csrf_Title")).ExecuteAsync(context);
    }

    private static string Clip(string? text) => text is null ? "" : text.Length <= 200 ? text : text[..200];
}
