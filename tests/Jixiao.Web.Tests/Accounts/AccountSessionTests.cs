using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Jixiao.Web.Tests.Accounts;

/// <summary>
/// Every account change that alters what a session may do ends the account's sessions at once (the security stamp is
/// renewed): password reset, first-sign-in link, roles, unlinking, covered unit, disabling, forced password change.
/// Changes that do not (display name, unlock) leave them alone.
/// </summary>
public sealed class AccountSessionTests(AccountsFixture fx) : IClassFixture<AccountsFixture>
{
    public static TheoryData<string, bool> Changes => new()
    {
        { "reset-password", true },
        { "reset-link", true },
        { "roles", true },
        { "unlink", true },
        { "covered-unit", true },
        { "disable", true },
        { "force", true },
        { "display-name", false },
        { "unlock", false },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Change_ThenTheAccountsSessionEndsOrNot(string change, bool ends)
    {
        var name = "session-" + change;
        var employee = change is "covered-unit" ? null : "P0" + (Array.IndexOf(Changes.Select(c => (string)c[0]).ToArray(), change) + 1);
        var role = change is "covered-unit" ? "finance" : "salesperson";
        var id = await fx.CreateAsync(name, role, change is "covered-unit" ? null : employee);
        var session = await fx.SignInAsync(name, AccountsFixture.Password);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/v1/plans")).StatusCode);

        var version = fx.VersionOf(name);
        var admin = fx.Clients["admin"];
        var response = change switch
        {
            "reset-password" => await admin.PostAsJsonAsync($"/api/v1/users/{id}/reset-password", new { version }),
            "reset-link" => await admin.PostAsJsonAsync($"/api/v1/users/{id}/reset-password", new { version, initial = "link" }),
            "roles" => await admin.PutAsJsonAsync($"/api/v1/users/{id}", new { version, employeeId = employee, roles = new[] { "supervisor" } }),
            "unlink" => await admin.PutAsJsonAsync($"/api/v1/users/{id}", new { version, employeeId = (string?)null, roles = new[] { "salesperson" } }),
            "covered-unit" => await admin.PutAsJsonAsync($"/api/v1/users/{id}", new { version, roles = new[] { "finance" }, coveredUnitId = "ST2" }),
            "disable" => await admin.PostAsJsonAsync($"/api/v1/users/{id}/disable", new { version }),
            "force" => await admin.PostAsJsonAsync($"/api/v1/users/{id}/force-password-change", new { version }),
            "display-name" => await admin.PutAsJsonAsync($"/api/v1/users/{id}", new { version, displayName = "New name", employeeId = employee, roles = new[] { "salesperson" } }),
            _ => await admin.PostAsJsonAsync($"/api/v1/users/{id}/unlock", new { version }),
        };
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await session.GetAsync("/api/v1/plans");
        Assert.Equal(ends ? HttpStatusCode.Unauthorized : HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(0, fx.Factory.WithDb(db => db.AuditLog.Count(a => a.Subject == name && a.Action.StartsWith("account.") && a.Action != "account.login")));
    }

    [Fact]
    public async Task OwnPasswordChange_ThenOtherSessionsEndAndThisOneGoesOn()
    {
        await fx.CreateAsync("own-password", "salesperson", "P10");
        var here = await fx.SignInAsync("own-password", AccountsFixture.Password);
        var elsewhere = await fx.SignInAsync("own-password", AccountsFixture.Password);

        var wrong = await AccountsFixture.PostFormAsync(here, "/account/password", "/account/password", new() { ["currentPassword"] = "Nope-2026-nope", ["newPassword"] = "Own-new-2026!", ["confirmPassword"] = "Own-new-2026!" });
        Assert.Equal("/account/password?error=current", wrong.Headers.Location?.OriginalString);
        var weak = await AccountsFixture.PostFormAsync(here, "/account/password", "/account/password", new() { ["currentPassword"] = AccountsFixture.Password, ["newPassword"] = "short", ["confirmPassword"] = "short" });
        Assert.Contains("PasswordTooShort", weak.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var page = await here.GetStringAsync(weak.Headers.Location!.OriginalString);
        Assert.Contains("密码太短", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/api/v1/plans")).StatusCode);

        var done = await AccountsFixture.PostFormAsync(here, "/account/password", "/account/password", new() { ["currentPassword"] = AccountsFixture.Password, ["newPassword"] = "Own-new-2026!", ["confirmPassword"] = "Own-new-2026!" });
        Assert.Equal("/?password=changed", done.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/api/v1/plans")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.GetAsync("/api/v1/plans")).StatusCode);
    }

    [Fact]
    public async Task CoveredUnit_ThenFinanceSeesOnlyThatStoresResults()
    {
        await fx.CreateAsync("finance-st2", "finance", coveredUnit: "ST2");
        var client = await fx.SignInAsync("finance-st2", AccountsFixture.Password);
        var results = await client.GetFromJsonAsync<JsonElement>("/api/v1/results?period=2026-09&pageSize=200");
        var units = results.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("orgUnitId").GetString()!).ToHashSet();
        Assert.NotEmpty(units);
        Assert.All(units, u => Assert.StartsWith("ST2", u, StringComparison.Ordinal));
    }
}
