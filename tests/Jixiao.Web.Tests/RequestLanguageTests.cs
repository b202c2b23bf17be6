using System.Net;
using System.Text.Json;

namespace Jixiao.Web.Tests;

/// <summary>
/// One request language for pages and API alike (ASP.NET Core request localization): the language cookie first, then
/// Accept-Language (zh-HK and zh-Hant read Traditional, en-US English), else zh-CN.
/// </summary>
public sealed class RequestLanguageTests(JixiaoFactory factory) : IClassFixture<JixiaoFactory>
{
    private const string Cookie = ".AspNetCore.Culture";

    private static HttpRequestMessage Request(string path, string? acceptLanguage, string? cookieCulture)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        if (cookieCulture is not null)
        {
            request.Headers.Add("Cookie", $"{Cookie}=c%3D{cookieCulture}%7Cuic%3D{cookieCulture}");
        }

        return request;
    }

    [Theory]
    [InlineData(null, null, "请先登录")]
    [InlineData("en-US,en;q=0.9", null, "Sign in first")]
    [InlineData("zh-HK", null, "請先登入")]
    [InlineData("fr-FR, en;q=0.5", null, "Sign in first")]
    [InlineData("fr-FR", null, "请先登录")]
    [InlineData("zh-TW", "en", "Sign in first")]
    [InlineData("en", "zh-TW", "請先登入")]
    public async Task Api_WhenCookieAndOrAcceptLanguage_ThenCookieFirstThenHeaderElseSimplified(string? header, string? cookie, string expected)
    {
        using var client = factory.NewClient();
        using var request = Request("/api/v1/employees", header, cookie);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, "<h1 class=\"mud-typography mud-typography-h5\">登录</h1>")]
    [InlineData("en", null, "<h1 class=\"mud-typography mud-typography-h5\">Sign in</h1>")]
    [InlineData("zh-Hant", null, "<h1 class=\"mud-typography mud-typography-h5\">登入</h1>")]
    [InlineData("en", "zh-CN", "<h1 class=\"mud-typography mud-typography-h5\">登录</h1>")]
    public async Task Page_WhenCookieAndOrAcceptLanguage_ThenTheSameRuleAsTheApi(string? header, string? cookie, string expected)
    {
        using var client = factory.NewClient();
        using var request = Request("/login", header, cookie);

        var html = await (await client.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains(expected, html, StringComparison.Ordinal);
    }
}
