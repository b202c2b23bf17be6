using Microsoft.AspNetCore.Localization;

namespace Jixiao.Web.Performance;

/// <summary>The per-user language switch: GET /culture/{name}?returnUrl= stores the choice in a cookie for a year.</summary>
public static class CultureSwitch
{
    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture/{name}", (string name, string? returnUrl, HttpContext http, TimeProvider time) =>
        {
            if (UiText.Cultures.Contains(name, StringComparer.Ordinal))
            {
                http.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(name)),
                    new CookieOptions { Expires = time.GetUtcNow().AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            }

            var target = string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//", StringComparison.Ordinal) ? "/" : returnUrl;
            return TypedResults.LocalRedirect(target);
        }).AllowAnonymous();
        return app;
    }
}
