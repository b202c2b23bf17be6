using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Jixiao.Web.Tests.Api;

/// <summary>Plan and data uploads with errors, tokens stored hashed, and a re-run after late data (own database: these change data).</summary>
public sealed class FunctionalTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private static MultipartFormDataContent File(string name, string text)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", name);
        return form;
    }

    [Fact]
    public async Task PlanUpload_WhenYamlBroken_Then400WithLineColumnAndNothingStored()
    {
        var template = await System.IO.File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "templates", "4s-dealership.yaml"));
        // An unknown aggregate on a known line.
        var lines = template.Split('\n');
        var index = Array.FindIndex(lines, l => l.StartsWith("  revenue:", StringComparison.Ordinal));
        lines[index] = lines[index].Replace("aggregate: sum", "aggregate: bogus", StringComparison.Ordinal);
        var versions = fx.Factory.WithDb(db => db.PlanVersions.Count());

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/plans") { Content = File("broken.yaml", string.Join('\n', lines)) };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var response = await fx.Clients["hr"].SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The plan has errors and was not stored", problem.GetProperty("title").GetString());
        var problems = problem.GetProperty("problems").EnumerateArray().ToList();
        Assert.Contains(problems, p => p.GetProperty("line").GetInt32() == index + 1 && p.GetProperty("column").GetInt32() > 0);
        Assert.All(problems, p => Assert.StartsWith("broken.yaml:", p.GetProperty("message").GetString(), StringComparison.Ordinal));
        Assert.Contains(problem.GetProperty("errors").EnumerateObject(), e => e.Name.StartsWith($"{index + 1}:", StringComparison.Ordinal));
        Assert.Equal(versions, fx.Factory.WithDb(db => db.PlanVersions.Count()));
    }

    [Fact]
    public async Task PlanUpload_WhenSyntaxErrorAndNoLanguage_ThenChineseProblem()
    {
        var response = await fx.Clients["admin"].PostAsync("/api/v1/plans", File("bad.yaml", "plan:\n  code: [x\n"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("方案有错误，未保存", problem.GetProperty("title").GetString());
        Assert.All(problem.GetProperty("problems").EnumerateArray(), p => Assert.True(p.GetProperty("line").GetInt32() > 0));
    }

    [Fact]
    public async Task PlanUpload_WhenValid_ThenNewVersion()
    {
        var template = await System.IO.File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "templates", "4s-dealership.yaml"));
        var response = await fx.Clients["hr"].PostAsync("/api/v1/plans", File("4s.yaml", template));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("version").GetProperty("number").GetInt32() >= 2);
        Assert.Equal(HttpStatusCode.OK, (await fx.Clients["sales"].GetAsync(response.Headers.Location)).StatusCode);
    }

    [Fact]
    public async Task DataUpload_WhenOneBadRow_Then400WithRowAndColumnAndNothingChanged()
    {
        var before = fx.Factory.WithDb(db => (db.Sales.Count(), db.Uploads.Count()));
        const string csv = "id,employee,date,customer,product,units,amount,cost\n" +
            "LATE-OK-1,P01,2026-10-20,客户甲,suv,1,210000,190000\n" +
            "LATE-BAD-2,P01,2026-13-45,客户乙,suv,1,210000,190000\n";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/data/sales") { Content = File("sales.csv", csv) };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var response = await fx.Clients["finance"].SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var error = Assert.Single(problem.GetProperty("problems").EnumerateArray());
        Assert.Equal(3, error.GetProperty("line").GetInt32());
        Assert.Equal(3, error.GetProperty("column").GetInt32());
        Assert.Equal("date", error.GetProperty("columnName").GetString());
        Assert.Equal(before, fx.Factory.WithDb(db => (db.Sales.Count(), db.Uploads.Count())));
        Assert.False(fx.Factory.WithDb(db => db.Sales.Any(s => s.ExternalId == "LATE-OK-1")));
    }

    [Fact]
    public async Task Token_WhenCreated_ThenShownOnceAndStoredAsSha256()
    {
        var token = await fx.CreateToken("hash-check", "results:read");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        Assert.True(fx.Factory.WithDb(db => db.ApiTokens.Any(t => t.Hash == hash && t.Name == "hash-check")));
        Assert.False(fx.Factory.WithDb(db => db.ApiTokens.Any(t => t.Hash.Contains(token))));
        var list = await fx.Clients["hr"].GetStringAsync("/api/v1/tokens");
        Assert.DoesNotContain(token, list, StringComparison.Ordinal);
        Assert.DoesNotContain(hash, list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenCreate_WhenNoNameAndUnknownScope_ThenFieldErrors()
    {
        var response = await fx.Clients["hr"].PostAsJsonAsync("/api/v1/tokens", new { name = " ", scopes = new[] { "everything" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.Contains("everything", errors.GetProperty("scopes")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReRun_WhenLateDataPushedByIntegration_ThenDiffShowsWhoChanged()
    {
        var before = await fx.Clients["hr"].GetFromJsonAsync<JsonElement>("/api/v1/results?period=2026-11&q=P01");
        var oldPay = before.GetProperty("items")[0].GetProperty("payTotal").GetDecimal();
        var previousRun = fx.Factory.WithDb(db => db.Runs.Where(r => r.Period == "2026-11").Max(r => r.Id));

        const string csv = "id,employee,date,customer,product,units,amount,cost\n" +
            "LATE-1,P01,2026-11-20,迟到客户,suv,3,630000,560000\n";
        var upload = await fx.Clients["token:data"].PostAsync("/api/v1/data/sales", File("late.csv", csv));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);

        var run = await fx.Clients["hr"].PostAsJsonAsync("/api/v1/runs", new { period = "2026-11" });
        Assert.Equal(HttpStatusCode.Created, run.StatusCode);
        var detail = await run.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(previousRun, detail.GetProperty("previousRunId").GetInt64());
        var changes = detail.GetProperty("changes").EnumerateArray().ToList();
        var p01 = Assert.Single(changes, c => c.GetProperty("employeeId").GetString() == "P01");
        Assert.Equal("changed", p01.GetProperty("change").GetString());
        Assert.Equal(oldPay, p01.GetProperty("oldPay").GetDecimal());
        Assert.True(p01.GetProperty("newTotal").GetDecimal() >= p01.GetProperty("oldTotal").GetDecimal());
        Assert.DoesNotContain(changes, c => c.GetProperty("employeeId").GetString()!.StartsWith("P2", StringComparison.Ordinal) && c.GetProperty("change").GetString() == "changed");

        // The salesperson now sees the new numbers; the GET of the run gives the same diff.
        var me = await fx.Clients["sales"].GetFromJsonAsync<JsonElement>("/api/v1/results/me?period=2026-11");
        Assert.Equal(p01.GetProperty("newPay").GetDecimal(), me.GetProperty("payTotal").GetDecimal());
        var again = await fx.Clients["finance"].GetFromJsonAsync<JsonElement>(run.Headers.Location!.OriginalString);
        Assert.Equal(changes.Count, again.GetProperty("changes").GetArrayLength());
    }

    [Fact]
    public async Task Explanation_WhenOwn_ThenTreeInRequestedLanguage()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/results/P01/explanation?period=2026-09");
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var response = await fx.Clients["sales"].SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tree = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("employee", tree.GetProperty("kind").GetString());
        Assert.True(tree.GetProperty("children").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Results_WhenBadQuery_ThenValidationProblemInChinese()
    {
        var response = await fx.Clients["hr"].GetAsync("/api/v1/results?period=2026-13&pageSize=1000");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("不是有效的期间", problem.GetProperty("errors").GetProperty("period")[0].GetString(), StringComparison.Ordinal);
    }
}
