using Jixiao.Formulas.Localization;
using Microsoft.AspNetCore.Localization;

namespace Jixiao.Web.Localization;

/// <summary>
/// The request's language, for pages and API alike (docs/localization.md): ASP.NET Core request localization with the
/// language cookie first (the 简体 / EN / 繁體 switch), then Accept-Language, else zh-CN. Both end in one of
/// <see cref="Languages.Names"/>; Accept-Language tags are matched as <see cref="Languages.Match"/> does (zh-HK and
/// zh-Hant read Traditional, en-US English), so an API client and a browser get the same language for the same header.
/// </summary>
public static class RequestLanguages
{
    /// <summary>Adds request localization with the cookie and the Accept-Language header, in that order.</summary>
    public static IApplicationBuilder UseJixiaoRequestLocalization(this IApplicationBuilder app) => app.UseRequestLocalization(Configure);

    /// <summary>The options: zh-CN by default, the three languages supported, cookie then header.</summary>
    public static void Configure(RequestLocalizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string[] names = [.. Languages.Names];
        options.SetDefaultCulture(names[0]).AddSupportedCultures(names).AddSupportedUICultures(names);
        options.FallBackToParentCultures = true;
        options.FallBackToParentUICultures = true;
        options.RequestCultureProviders = [new CookieRequestCultureProvider(), new HeaderProvider()];
    }

    /// <summary>The first Accept-Language tag (by quality, then order) that is Chinese or English, as one of ours.</summary>
    private sealed class HeaderProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            var languages = httpContext.Request.GetTypedHeaders().AcceptLanguage;
            foreach (var language in languages.Where(l => l.Quality is not <= 0).OrderByDescending(l => l.Quality ?? 1))
            {
                if (Languages.Match(language.Value.Value) is { } match)
                {
                    return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(match.Name));
                }
            }

            return NullProviderCultureResult;
        }
    }
}
