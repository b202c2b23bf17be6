using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Jixiao.Web.Auth;
using Jixiao.Web.Hosting;
using Jixiao.Web.Security;

namespace Jixiao.Web.Tests.Security;

/// <summary>
/// Cookie-authenticated API writes need this site's own origin (Sec-Fetch-Site: same-origin) or the X-Jixiao-Csrf
/// header; API tokens are exempt. A refused write changes nothing.
/// </summary>
public sealed class CsrfTests(JixiaoFactory factory) : IClassFixture<JixiaoFactory>
{
    private const string Csv = "id,employee,date,customer,product,units,amount,cost\n";

    private static string Password(string user) => DemoSetup.Logins.Single(l => l.UserName == user).Password;

    private static MultipartFormDataContent File(string name, string text)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", name);
        return form;
    }

    private static HttpRequestMessage Upload(string saleId, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/data/sales")
        {
            Content = File("sales.csv", Csv + $"{saleId},P01,2026-10-21,客户甲,suv,1,210000,190000\n"),
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return request;
    }

    private bool Imported(string saleId) => factory.WithDb(db => db.Sales.Any(s => s.ExternalId == saleId));

    public static TheoryData<string, string, string> Refused => new()
    {
        // A form posted by a page on another port of 127.0.0.1: the browser says same-site (not same-origin).
        { "Sec-Fetch-Site", "same-site", "" },
        { "Sec-Fetch-Site", "cross-site", "" },
        // Even with the header, a browser that says the request is not same-origin is refused.
        { "Sec-Fetch-Site", "same-site", "1" },
        // No Sec-Fetch-Site (an old browser): the header is missing.
        { "Origin", "http://127.0.0.1:5999", "" },
        // No Sec-Fetch-Site, the header present, but another origin.
        { "Origin", "http://127.0.0.1:5999", "1" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task CookieUpload_WhenNotFromThisSite_Then403AndNothingImported(string header, string value, string csrf)
    {
        var client = await factory.SignedIn("hr", Password("hr"), csrfHeader: false);
        var id = $"CSRF-{header}-{value}-{csrf}".Replace(':', '-').Replace('/', '-');
        var headers = csrf.Length > 0 ? new[] { (header, value), (CsrfGuard.HeaderName, csrf) } : [(header, value)];
        using var request = Upload(id, headers);
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(CsrfGuard.HeaderName, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Request refused", problem.GetProperty("title").GetString());
        Assert.False(Imported(id));
    }

    [Fact]
    public async Task CookieUpload_WhenNoHeaderAtAll_Then403InChineseAndNothingImported()
    {
        var client = await factory.SignedIn("hr", Password("hr"), csrfHeader: false);
        using var request = Upload("CSRF-BARE");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("请求被拒绝", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.False(Imported("CSRF-BARE"));
        var hrId = factory.WithDb(db => db.Users.Single(u => u.UserName == "hr").Id);
        Assert.Contains(factory.WithDb(db => db.AuditLog.Where(a => a.Action == "api.csrf.refused").Select(a => a.UserId).ToList()), u => u == hrId);
    }

    [Fact]
    public async Task CookieUpload_WhenSameOriginBrowser_ThenImported()
    {
        var client = await factory.SignedIn("hr", Password("hr"), csrfHeader: false);
        using var request = Upload("CSRF-SAME-ORIGIN", ("Sec-Fetch-Site", "same-origin"), ("Origin", "http://localhost"));

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(Imported("CSRF-SAME-ORIGIN"));
    }

    [Fact]
    public async Task CookieUpload_WhenCsrfHeader_ThenImported()
    {
        var client = await factory.SignedIn("hr", Password("hr"), csrfHeader: false);
        using var request = Upload("CSRF-HEADER", (CsrfGuard.HeaderName, "1"));

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(Imported("CSRF-HEADER"));
    }

    [Fact]
    public async Task TokenUpload_WhenNoHeaderAndCrossSite_ThenImported()
    {
        var hr = await factory.SignedIn("hr", Password("hr"));
        var created = await hr.PostAsJsonAsync("/api/v1/tokens", new { name = "csrf-crm", scopes = new[] { TokenScopes.DataWrite } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        var client = factory.NewClient(csrfHeader: false);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var request = Upload("CSRF-TOKEN", ("Sec-Fetch-Site", "cross-site"));

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(Imported("CSRF-TOKEN"));
    }

    [Fact]
    public async Task PlanUpload_WhenCookieWithoutHeader_Then403AndNoVersion()
    {
        var client = await factory.SignedIn("hr", Password("hr"), csrfHeader: false);
        var versions = factory.WithDb(db => db.PlanVersions.Count());
        var yaml = await System.IO.File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "templates", "4s-dealership.yaml"));

        var response = await client.PostAsync("/api/v1/plans", File("plan.yaml", yaml));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(versions, factory.WithDb(db => db.PlanVersions.Count()));
    }

    [Fact]
    public async Task JsonWrites_WhenCookieWithoutHeader_Then403()
    {
        var client = await factory.SignedIn("hr", Password("hr"), csrfHeader: false);
        var runs = factory.WithDb(db => db.Runs.Count());

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/runs", new { period = "2026-10" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync("/api/v1/tokens/1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync("/api/v1/targets", new { })).StatusCode);
        Assert.Equal(runs, factory.WithDb(db => db.Runs.Count()));
    }

    [Fact]
    public async Task Reads_WhenCookieWithoutHeader_ThenAnswered()
    {
        var client = await factory.SignedIn("hr", Password("hr"), csrfHeader: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/data/uploads");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Write_WhenAnonymous_Then401NotCsrf()
    {
        var response = await factory.NewClient(csrfHeader: false).PostAsync("/api/v1/data/sales", File("sales.csv", Csv));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
