using Jixiao.Testing;

namespace Jixiao.Web.Tests.Payroll;

/// <summary>Payroll months through the API on SQLite (<see cref="PayrollApiScenario"/>; the same on PostgreSQL in Jixiao.Postgres.Tests).</summary>
public sealed class PayrollApiTests
{
    [Fact]
    public async Task Payroll_WhenJunePreparedAndApprovedBySomeoneElse_ThenLockedExportedInOrderAndAudited()
    {
        using var factory = new JixiaoFactory();
        await PayrollApiScenario.RunAsync(factory.Services, (user, password) => factory.SignedIn(user, password));
    }

    [Theory]
    [InlineData("/api/v1/payroll/months/2026-13/prepare", null)]
    [InlineData("/api/v1/payroll/months/2026-Q3/prepare", null)]
    [InlineData("/api/v1/payroll/months/abc/approve", "{\"version\":1}")]
    [InlineData("/api/v1/payroll/months/2026-06/approve", "{\"version\":\"x\"}")]
    [InlineData("/api/v1/payroll/months/2026-06/approve", "{\"version\":-1}")]
    [InlineData("/api/v1/payroll/months/2026-06/approve", "{")]
    public async Task FinanceActions_WhenHostileMonthOrBody_Then400InTheUsersLanguageAndNothingStored(string path, string? body)
    {
        using var factory = new JixiaoFactory();
        using var finance = await factory.SignedIn("finance", "Demo-finance-2026");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.AcceptLanguage.ParseAdd("en");
        using var response = await finance.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.BadRequest, text);
        Assert.Contains("\"errors\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", text);
        Assert.Equal(0, factory.WithDb(db => db.PayrollMonths.Count()));
    }

    [Theory]
    [InlineData("pdf")]
    [InlineData("CSV")]
    [InlineData("<script>")]
    public async Task Export_WhenFormatUnknown_Then400NamingTheFormats(string format)
    {
        using var factory = new JixiaoFactory();
        using var finance = await factory.SignedIn("finance", "Demo-finance-2026");
        using var response = await finance.GetAsync("/api/v1/payroll/months/2026-06/export?format=" + Uri.EscapeDataString(format));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("csv, xlsx", text, StringComparison.Ordinal);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);   // JSON, never a page: a value quoted back is not markup
    }
}
