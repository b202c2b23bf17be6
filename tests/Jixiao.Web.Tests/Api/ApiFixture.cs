using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Jixiao.Application.Persistence;
using Jixiao.Web.Auth;
using Jixiao.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests.Api;

/// <summary>
/// The demo company with a signed-in client per role (cookie, through the sign-in form), an administrator
/// created for the tests, and API tokens with and without each scope.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public const string AdminPassword = "Test-admin-2026";

    public JixiaoFactory Factory { get; } = new();

    /// <summary>Principal name → client: the six roles, HR covering ST1 ("hr-st1"), "anonymous", and tokens "token:results", "token:data", "token:org", "token:revoked".</summary>
    public Dictionary<string, HttpClient> Clients { get; } = new(StringComparer.Ordinal);

    public static IReadOnlyList<string> People { get; } = ["admin", "hr", "finance", "manager", "supervisor", "sales"];

    public static IReadOnlyList<string> Tokens { get; } = ["token:results", "token:data", "token:org", "token:revoked"];

    public static IReadOnlyList<string> Everyone { get; } = [.. People, "anonymous", .. Tokens];

    public async Task InitializeAsync()
    {
        using (var scope = Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var admin = new AppUser { UserName = "test-admin", DisplayName = "Test admin" };
            Assert.True((await users.CreateAsync(admin, AdminPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(admin, Roles.Admin)).Succeeded);
        }

        using (var scope = Factory.Services.CreateScope())
        {
            // HR covering one store (docs/decisions/0020-accounts.md): its scope is that store's subtree.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var unitHr = new AppUser { UserName = "hr-st1", DisplayName = "HR ST1", CoveredUnitId = "ST1" };
            Assert.True((await users.CreateAsync(unitHr, AdminPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(unitHr, Roles.Hr)).Succeeded);
        }

        Clients["admin"] = await Factory.SignedIn("test-admin", AdminPassword);
        Clients["hr-st1"] = await Factory.SignedIn("hr-st1", AdminPassword);
        foreach (var login in DemoSetup.Logins)
        {
            Clients[login.UserName] = await Factory.SignedIn(login.UserName, login.Password);
        }

        Clients["anonymous"] = Factory.NewClient();
        Clients["token:results"] = Bearer(await CreateToken("crm-results", TokenScopes.ResultsRead));
        Clients["token:data"] = Bearer(await CreateToken("crm-sales", TokenScopes.DataWrite));
        Clients["token:org"] = Bearer(await CreateToken("hris", TokenScopes.OrgRead));
        var revoked = await CreateToken("old", TokenScopes.ResultsRead, TokenScopes.DataWrite, TokenScopes.OrgRead);
        var tokenId = Factory.WithDb(db => db.ApiTokens.Single(t => t.Name == "old").Id);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await Clients["hr"].DeleteAsync($"/api/v1/tokens/{tokenId}")).StatusCode);
        Clients["token:revoked"] = Bearer(revoked);
    }

    public async Task<string> CreateToken(string name, params string[] scopes)
    {
        var response = await Clients["hr"].PostAsJsonAsync("/api/v1/tokens", new { name, scopes });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("token").GetString()!;
    }

    private HttpClient Bearer(string token)
    {
        var client = Factory.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The ids of employees whose current assignment is in one of <paramref name="units"/>.</summary>
    public HashSet<string> InUnits(params string[] units) => Factory.WithDb(db =>
        db.Assignments.Where(a => units.Contains(a.OrgUnitId) && a.ValidTo == null).Select(a => a.EmployeeId).ToHashSet());

    public HashSet<string> AllEmployees() => Factory.WithDb(db => db.Employees.Select(e => e.Id).ToHashSet());

    /// <summary>The employees each person may see, derived from the demo org chart independently of the code under test.</summary>
    public HashSet<string> Visible(string principal) => principal switch
    {
        "admin" or "hr" or "finance" or "token:results" or "token:org" => AllEmployees(),
        "manager" => [.. InUnits("ST1", "ST1-T1", "ST1-T2"), "M01"],
        "hr-st1" => InUnits("ST1", "ST1-T1", "ST1-T2"),
        "supervisor" => [.. InUnits("ST1-T1"), "S11"],
        "sales" => ["P01"],
        _ => [],
    };

    public Task DisposeAsync()
    {
        foreach (var c in Clients.Values)
        {
            c.Dispose();
        }

        Factory.Dispose();
        return Task.CompletedTask;
    }
}
