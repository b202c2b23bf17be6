using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jixiao.Application.Persistence;
using Jixiao.Web.Auth;
using Jixiao.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests.Accounts;

/// <summary>
/// The demo company with signed-in clients: a test administrator ("admin"), demo HR ("hr"), HR covering the store ST1
/// only ("hr-st1"), and the other demo logins.
/// </summary>
public sealed partial class AccountsFixture : IAsyncLifetime
{
    public const string Password = "Test-accounts-2026";

    public JixiaoFactory Factory { get; } = new();

    public Dictionary<string, HttpClient> Clients { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        await CreateAsync("test-admin", Roles.Admin);
        await CreateAsync("hr-st1", Roles.Hr, coveredUnit: "ST1");
        Clients["admin"] = await Factory.SignedIn("test-admin", Password);
        Clients["hr-st1"] = await Factory.SignedIn("hr-st1", Password);
        foreach (var login in DemoSetup.Logins)
        {
            Clients[login.UserName] = await Factory.SignedIn(login.UserName, login.Password);
        }
    }

    /// <summary>Creates an account directly (no forced password change) with <see cref="Password"/>; returns its id.</summary>
    public async Task<string> CreateAsync(string userName, string role, string? employeeId = null, string? coveredUnit = null)
    {
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = userName, DisplayName = userName, EmployeeId = employeeId, CoveredUnitId = coveredUnit };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user.Id;
    }

    /// <summary>The account as the API shows it to the administrator.</summary>
    public async Task<JsonElement> AccountAsync(string id) => await Clients["admin"].GetFromJsonAsync<JsonElement>($"/api/v1/users/{id}");

    public string IdOf(string userName) => Factory.WithDb(db => db.Users.Single(u => u.UserName == userName).Id);

    public string VersionOf(string userName) => Factory.WithDb(db => db.Users.Single(u => u.UserName == userName).ConcurrencyStamp!);

    public int AuditCount(string action, string subject) => Factory.WithDb(db => db.AuditLog.Count(a => a.Action == action && a.Subject == subject));

    /// <summary>A new client signed in with a password; asserts where the sign-in sends it.</summary>
    public async Task<HttpClient> SignInAsync(string userName, string password)
    {
        var client = Factory.NewClient();
        var response = await JixiaoFactory.Login(client, userName, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        return client;
    }

    /// <summary>Posts a form of a page (with the page's antiforgery token).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value);
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    public Task DisposeAsync()
    {
        foreach (var c in Clients.Values)
        {
            c.Dispose();
        }

        Factory.Dispose();
        return Task.CompletedTask;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
