using Microsoft.Extensions.Primitives;

namespace Jixiao.Web.Security;

/// <summary>
/// Headers on every response (docs/deployment.md, "Security headers"): no MIME sniffing, a Content-Security-Policy
/// the Blazor pages (server interactivity over a same-origin WebSocket, MudBlazor's inline styles) work under, no
/// framing, and no referrer to other sites. Set when the response starts, so error responses carry them too.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The policy of every page: scripts only from this site (blazor.web.js, MudBlazor's script), inline styles
    /// (MudBlazor's style attributes and theme), connections (the Blazor circuit) only to this site.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The API reference page (Scalar) starts itself with an inline module script and evaluates code; otherwise the same
    /// policy (its web fonts and calls to scalar.com are blocked: system fonts, nothing leaves the site).
    /// </summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The path of the API reference page (<see cref="Api.ApiDocs"/>).</summary>
    public const string ApiReferencePath = "/api/reference";

    private static readonly StringValues NoSniff = "nosniff";
    private static readonly StringValues Deny = "DENY";
    private static readonly StringValues SameOrigin = "same-origin";
    private static readonly StringValues Policy = ContentSecurityPolicy;
    private static readonly StringValues ReferencePolicy = ApiReferencePolicy;

    /// <summary>Adds the headers to every response of the pipeline after this point.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state => Apply((HttpContext)state), context);
            return next(context);
        });

    private static Task Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = NoSniff;
        headers.XFrameOptions = Deny;
        headers["Referrer-Policy"] = SameOrigin;
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(ApiReferencePath, StringComparison.OrdinalIgnoreCase) ? ReferencePolicy : Policy;
        return Task.CompletedTask;
    }
}
