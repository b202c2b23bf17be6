using Jixiao.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;

namespace Jixiao.Web.Localization;

/// <summary>
/// The per-user language switch: GET /culture/{name}?returnUrl= stores the choice in a cookie for a year and goes back to
/// returnUrl when it is a local path (<see cref="LocalUrl"/>), else home. An unknown language is 404. The cookie's
/// lifetime is a Max-Age, relative to the browser's clock, not an Expires date from the server's.
/// </summary>
public static class CultureSwitch
{
    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture/{name}", Results<RedirectHttpResult, NotFound> (string name, string? returnUrl, HttpContext http) =>
        {
            if (!UiText.Cultures.Contains(name, StringComparer.Ordinal))
            {
                return TypedResults.NotFound();
            }

            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(name)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = http.Request.IsHttps });

            return TypedResults.LocalRedirect(LocalUrl.OrHome(returnUrl));
        }).AllowAnonymous();
        return app;
    }
}
