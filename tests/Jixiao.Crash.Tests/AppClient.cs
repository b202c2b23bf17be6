using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jixiao.Testing;

namespace Jixiao.Crash.Tests;

/// <summary>
/// What the crash and backup tests do to the app over HTTP: HR signs in through the sign-in form (the demo account;
/// the cookie stays valid across restarts, its keys are in the database), creates a <c>data:write</c> token, uploads
/// sales files with it and starts period runs.
/// </summary>
public sealed partial class AppClient : IDisposable
{
    private readonly CookieContainer _cookies = new();
    private HttpClient _hr = null!;
    private HttpClient _integration = null!;
    private string? _token;

    /// <summary>Points the clients at (a restarted) app.</summary>
    public void Attach(AppProcess app)
    {
        _hr?.Dispose();
        _integration?.Dispose();
        _hr = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false }) { BaseAddress = app.Address, Timeout = TimeSpan.FromMinutes(10) };
        _hr.DefaultRequestHeaders.Add("X-Jixiao-Csrf", "1");
        _integration = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromMinutes(10) };
        if (_token is not null)
        {
            _integration.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        }
    }

    /// <summary>Signs in as HR and creates the integration's token.</summary>
    public async Task SignInAsync()
    {
        var page = await _hr.GetStringAsync(new Uri("/login", UriKind.Relative));
        var antiforgery = WebUtility.HtmlDecode(TokenPattern().Match(page).Groups[1].Value);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery,
            ["userName"] = "hr",
            ["password"] = "Demo-hr-2026",
        });
        using var login = await _hr.PostAsync(new Uri("/account/login", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.OriginalString);

        using var created = await _hr.PostAsJsonAsync(new Uri("/api/v1/tokens", UriKind.Relative), new { name = "crash-suite", scopes = new[] { "data:write" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        _token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        _integration.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token);
    }

    /// <summary>The latest complete month the demo has runs for (the one before the newest month).</summary>
    public async Task<string> CompleteMonthAsync()
    {
        var runs = await _hr.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/runs", UriKind.Relative));
        var months = runs.EnumerateArray().Select(r => r.GetProperty("period").GetString()!)
            .Where(p => p.Length == 7 && p[4] == '-').Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(months.Count >= 2, "the demo has runs for at least two months");
        return months[^2];
    }

    /// <summary>Uploads <paramref name="csv"/> as sales through the API with the token; the response (the caller checks it).</summary>
    public async Task<HttpResponseMessage> UploadSalesAsync(byte[] csv, string fileName, CancellationToken ct = default)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", fileName);
        return await _integration.PostAsync(new Uri("/api/v1/data/sales", UriKind.Relative), content, ct);
    }

    /// <summary>Starts a run of <paramref name="period"/> as HR; the response (the caller checks it).</summary>
    public Task<HttpResponseMessage> RunAsync(string period, CancellationToken ct = default) =>
        _hr.PostAsJsonAsync(new Uri("/api/v1/runs", UriKind.Relative), new { period }, ct);

    /// <summary>A read through the app: the upload list answers 200.</summary>
    public async Task<bool> QueriesWorkAsync()
    {
        using var response = await _hr.GetAsync(new Uri("/api/v1/data/uploads", UriKind.Relative));
        return response.StatusCode == HttpStatusCode.OK;
    }

    public void Dispose()
    {
        _hr?.Dispose();
        _integration?.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
