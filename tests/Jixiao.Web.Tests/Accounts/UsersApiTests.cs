using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Jixiao.Web.Tests.Accounts;

/// <summary>
/// /api/v1/users: every action, and every refusal changing nothing (non-admin granting admin or HR, HR changing an
/// administrator, self-disable, stale version, bad input in the caller's language), each change audited.
/// </summary>
public sealed class UsersApiTests(AccountsFixture fx) : IClassFixture<AccountsFixture>
{
    private static JsonContent Json(object o) => JsonContent.Create(o);

    private int AccountCount() => fx.Factory.WithDb(db => db.Users.Count());

    private TimeSpan LockoutTime => fx.Factory.Services.GetRequiredService<IOptions<IdentityOptions>>().Value.Lockout.DefaultLockoutTimeSpan;

    [Fact]
    public async Task Create_WhenAdminForAnEmployee_ThenPasswordOnceAndForcedChangeAtSignIn()
    {
        var response = await fx.Clients["admin"].PostAsJsonAsync("/api/v1/users", new { userName = "p02", employeeId = "P02", roles = new[] { "salesperson" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var password = body.GetProperty("credential").GetProperty("password").GetString()!;
        Assert.Equal(12, password.Length);
        var account = body.GetProperty("account");
        Assert.Equal("P02", account.GetProperty("employeeId").GetString());
        Assert.True(account.GetProperty("mustChangePassword").GetBoolean());
        Assert.Equal(["salesperson"], account.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(1, fx.AuditCount("account.create", "p02"));

        // The stored account never shows the password again; the hash is not the password.
        var again = await fx.AccountAsync(account.GetProperty("id").GetString()!);
        Assert.DoesNotContain(password, again.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(password, fx.Factory.WithDb(db => db.Users.Single(u => u.UserName == "p02").PasswordHash)!, StringComparison.Ordinal);

        // Signed in with it, the user can only change the password: pages redirect, the API answers 403.
        var user = await fx.SignInAsync("p02", password);
        var home = await user.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/account/password", home.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var api = await user.GetAsync("/api/v1/results/me?period=2026-10");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Contains("修改密码", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var changed = await AccountsFixture.PostFormAsync(user, "/account/password", "/account/password", new()
        {
            ["currentPassword"] = password,
            ["newPassword"] = "Mine-p02-2026!",
            ["confirmPassword"] = "Mine-p02-2026!",
        });
        Assert.Equal("/?password=changed", changed.Headers.Location?.OriginalString);
        var page = await user.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("home-my", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False((await fx.AccountAsync(account.GetProperty("id").GetString()!)).GetProperty("mustChangePassword").GetBoolean());
        Assert.Equal(1, fx.AuditCount("account.password.change", "p02"));
    }

    [Theory]
    [InlineData("hr", "admin")]
    [InlineData("hr", "hr")]
    [InlineData("hr-st1", "finance")]
    public async Task Create_WhenHrGrantsARoleItMayNot_Then403AndNothingCreated(string who, string role)
    {
        var before = AccountCount();
        var response = await fx.Clients[who].PostAsJsonAsync("/api/v1/users", new { userName = $"x-{who}-{role}", roles = new[] { role }, employeeId = "P03" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("不能授予", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, AccountCount());
    }

    [Fact]
    public async Task Update_WhenHrAddsHrToASalesAccount_Then403AndRolesUnchanged()
    {
        var id = await fx.CreateAsync("grant-target", "salesperson", "P04");
        var response = await fx.Clients["hr"].PutAsJsonAsync($"/api/v1/users/{id}", new { version = fx.VersionOf("grant-target"), employeeId = "P04", roles = new[] { "salesperson", "hr" } });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(["salesperson"], (await fx.AccountAsync(id)).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(0, fx.AuditCount("account.update", "grant-target"));
    }

    [Fact]
    public async Task Disable_WhenHrTargetsAnAdministrator_Then403()
    {
        var id = fx.IdOf("test-admin");
        var response = await fx.Clients["hr"].PostAsJsonAsync($"/api/v1/users/{id}/disable", new { version = fx.VersionOf("test-admin") });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False((await fx.AccountAsync(id)).GetProperty("isDisabled").GetBoolean());
    }

    [Fact]
    public async Task Disable_WhenSelf_Then400InTheCallersLanguage()
    {
        var id = fx.IdOf("test-admin");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/users/{id}/disable") { Content = Json(new { version = fx.VersionOf("test-admin") }) };
        request.Headers.AcceptLanguage.ParseAdd("en");
        var response = await fx.Clients["admin"].SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("You cannot disable your own account.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False((await fx.AccountAsync(id)).GetProperty("isDisabled").GetBoolean());
    }

    [Fact]
    public async Task Update_WhenAdminRemovesOwnAdminRole_Then400()
    {
        var id = fx.IdOf("test-admin");
        var response = await fx.Clients["admin"].PutAsJsonAsync($"/api/v1/users/{id}", new { version = fx.VersionOf("test-admin"), roles = new[] { "hr" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("admin", (await fx.AccountAsync(id)).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Change_WhenVersionIsStale_Then409AndNothingChanged()
    {
        var id = await fx.CreateAsync("stale-target", "salesperson", "P05");
        var old = fx.VersionOf("stale-target");
        var first = await fx.Clients["admin"].PutAsJsonAsync($"/api/v1/users/{id}", new { version = old, displayName = "First", employeeId = "P05", roles = new[] { "salesperson" } });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var second = await fx.Clients["admin"].PostAsJsonAsync($"/api/v1/users/{id}/disable", new { version = old });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("重新加载", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var account = await fx.AccountAsync(id);
        Assert.False(account.GetProperty("isDisabled").GetBoolean());
        Assert.Equal("First", account.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Create_WhenInputIsBad_Then400NamingEachFieldAndNothingCreated()
    {
        var before = AccountCount();
        var response = await fx.Clients["admin"].PostAsJsonAsync("/api/v1/users", new { userName = "a b", employeeId = "NOPE", roles = new[] { "boss" }, coveredUnitId = "ST1" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("“a b”无效", errors.GetProperty("userName")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("NOPE", errors.GetProperty("employeeId")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("boss", errors.GetProperty("roles")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, AccountCount());

        var taken = await fx.Clients["admin"].PostAsJsonAsync("/api/v1/users", new { userName = "sales", employeeId = "P01", roles = new[] { "salesperson" } });
        var takenErrors = (await taken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("已被占用", takenErrors.GetProperty("userName")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("已有账号“sales”", takenErrors.GetProperty("employeeId")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, AccountCount());
    }

    [Fact]
    public async Task Bulk_WhenEmployeesOfATeamByPosition_ThenOneAccountEachAndTheSheet()
    {
        var team = fx.Factory.WithDb(db => db.Assignments.Where(a => a.OrgUnitId == "ST3-T2" && a.ValidTo == null).Select(a => a.EmployeeId).OrderBy(i => i).ToList());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/users/bulk")
        {
            Content = Json(new { employeeIds = team, role = "by-position", userNameRule = "{id}.st3" }),
        };
        request.Headers.Accept.ParseAdd("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var response = await fx.Clients["hr"].SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var xml = string.Concat(zip.Entries.Where(e => e.FullName.StartsWith("xl/", StringComparison.Ordinal)).Select(e => new StreamReader(e.Open()).ReadToEnd()));
        Assert.Contains("初始密码", xml, StringComparison.Ordinal);
        foreach (var id in team)
        {
            Assert.Contains(id.ToLowerInvariant() + ".st3", xml, StringComparison.Ordinal);
        }

        var created = fx.Factory.WithDb(db => db.Users.Where(u => u.UserName!.EndsWith(".st3")).Select(u => new { u.EmployeeId, u.MustChangePassword }).ToList());
        Assert.Equal(team, created.Select(c => c.EmployeeId).Order());
        Assert.All(created, c => Assert.True(c.MustChangePassword));
        var supervisor = fx.IdOf("s32.st3");
        Assert.Equal(["supervisor"], (await fx.AccountAsync(supervisor)).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(team.Count, fx.Factory.WithDb(db => db.AuditLog.Count(a => a.Action == "account.create" && a.Subject!.EndsWith(".st3"))));

        // The same people again: every one already has an account, nothing is created.
        var before = AccountCount();
        var again = await fx.Clients["hr"].PostAsJsonAsync("/api/v1/users/bulk", new { employeeIds = team, role = "salesperson", userNameRule = "{id}.again" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("已有账号", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, AccountCount());
    }

    [Fact]
    public async Task Bulk_WhenRuleOrPositionIsBad_Then400AndNothingCreated()
    {
        var before = AccountCount();
        var rule = await fx.Clients["admin"].PostAsJsonAsync("/api/v1/users/bulk", new { employeeIds = new[] { "P10" }, role = "salesperson", userNameRule = "user" });
        Assert.Equal(HttpStatusCode.BadRequest, rule.StatusCode);
        Assert.Contains("{id}", await rule.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var position = await fx.Clients["admin"].PostAsJsonAsync("/api/v1/users/bulk", new { employeeIds = new[] { "G01", "P10" }, role = "by-position" });
        Assert.Equal(HttpStatusCode.BadRequest, position.StatusCode);
        Assert.Contains("general_manager", await position.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, AccountCount());
    }

    [Fact]
    public async Task Link_WhenCreatedWithAFirstSignInLink_ThenItSetsThePasswordOnceAndSignsIn()
    {
        var response = await fx.Clients["admin"].PostAsJsonAsync("/api/v1/users", new { userName = "finance-2", roles = new[] { "finance" }, initial = "link" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var credential = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("credential");
        Assert.Equal(JsonValueKind.Null, credential.GetProperty("password").ValueKind);
        var link = new Uri(credential.GetProperty("link").GetString()!);
        var token = Uri.UnescapeDataString(link.Query[(link.Query.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        Assert.DoesNotContain(fx.Factory.WithDb(db => db.FirstSignInTokens.Select(t => t.Hash).ToList()), h => h == token);

        var client = fx.Factory.NewClient();
        Assert.Contains("finance-2", await client.GetStringAsync(link.PathAndQuery), StringComparison.Ordinal);
        var mismatch = await AccountsFixture.PostFormAsync(client, link.PathAndQuery, "/account/first-sign-in", new() { ["token"] = token, ["newPassword"] = "Finance-two-2026!", ["confirmPassword"] = "other" });
        Assert.Contains("error=mismatch", mismatch.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var set = await AccountsFixture.PostFormAsync(client, link.PathAndQuery, "/account/first-sign-in", new() { ["token"] = token, ["newPassword"] = "Finance-two-2026!", ["confirmPassword"] = "Finance-two-2026!" });
        Assert.Equal("/", set.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(1, fx.AuditCount("account.first-sign-in", "finance-2"));

        // Spent: the link no longer works, and the password is the one set.
        var fresh = fx.Factory.NewClient();
        Assert.Contains("link-invalid", await fresh.GetStringAsync(link.PathAndQuery), StringComparison.Ordinal);
        _ = await fx.SignInAsync("finance-2", "Finance-two-2026!");
    }

    [Fact]
    public async Task Link_WhenExpired_ThenRefusedAndNothingChanged()
    {
        var id = await fx.CreateAsync("expired-link", "salesperson", "P06");
        const string token = "expired-token-for-the-test-0123456789abcdef";
        fx.Factory.WithDb(db =>
        {
            db.FirstSignInTokens.Add(new() { UserId = id, Hash = Web.Accounts.AccountSecrets.Hash(token), CreatedAt = new DateTime(2026, 1, 1), ExpiresAt = new DateTime(2026, 1, 8) });
            return db.SaveChanges();
        });
        var client = fx.Factory.NewClient();
        var page = await client.GetStringAsync("/account/first-sign-in?token=" + token);
        Assert.Contains("link-invalid", page, StringComparison.Ordinal);
        var before = fx.VersionOf("expired-link");
        var post = await AccountsFixture.PostFormAsync(client, "/login", "/account/first-sign-in", new() { ["token"] = token, ["newPassword"] = "Expired-2026-x!", ["confirmPassword"] = "Expired-2026-x!" });
        Assert.StartsWith("/account/first-sign-in", post.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(before, fx.VersionOf("expired-link"));
        _ = await fx.SignInAsync("expired-link", AccountsFixture.Password);
    }

    [Fact]
    public async Task Unlock_WhenLockedByFailedSignIns_ThenTheOwnerSignsInAgain()
    {
        var id = await fx.CreateAsync("lock-target", "salesperson", "P07");
        var stranger = fx.Factory.NewClient();
        for (var i = 0; i < 5; i++)
        {
            _ = await JixiaoFactory.Login(stranger, "lock-target", "Wrong-password-2026");
        }

        var locked = await JixiaoFactory.Login(fx.Factory.NewClient(), "lock-target", AccountsFixture.Password);
        Assert.Equal("/login?error=locked", locked.Headers.Location?.OriginalString);
        Assert.Equal(fx.Factory.Clock.GetUtcNow() + LockoutTime, fx.Factory.WithDb(db => db.Users.Single(u => u.Id == id).LockoutEnd));
        Assert.NotEqual(JsonValueKind.Null, (await fx.AccountAsync(id)).GetProperty("lockedUntil").ValueKind);
        var listed = await fx.Clients["hr"].GetFromJsonAsync<JsonElement>("/api/v1/users?status=locked");
        Assert.Contains("lock-target", listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("userName").GetString()));

        var unlock = await fx.Clients["hr"].PostAsJsonAsync($"/api/v1/users/{id}/unlock", new { version = fx.VersionOf("lock-target") });
        Assert.Equal(HttpStatusCode.OK, unlock.StatusCode);
        Assert.Equal(1, fx.AuditCount("account.unlock", "lock-target"));
        _ = await fx.SignInAsync("lock-target", AccountsFixture.Password);
    }

    [Fact]
    public async Task Lockout_RunsOnTheAppsClock_AndEndsAfterTheLockoutTime()
    {
        // The lockout end is the app's now + the lockout time, and it is over when the app's clock says so (whatever
        // the machine's date), both for the sign-in and for the account's status.
        var id = await fx.CreateAsync("lock-clock", "finance");
        var stranger = fx.Factory.NewClient();
        for (var i = 0; i < 5; i++)
        {
            _ = await JixiaoFactory.Login(stranger, "lock-clock", "Wrong-password-2026");
        }

        Assert.Equal(fx.Factory.Clock.GetUtcNow() + LockoutTime, fx.Factory.WithDb(db => db.Users.Single(u => u.Id == id).LockoutEnd));
        fx.Factory.Clock.Advance(LockoutTime - TimeSpan.FromSeconds(1));
        Assert.Equal("/login?error=locked", (await JixiaoFactory.Login(fx.Factory.NewClient(), "lock-clock", AccountsFixture.Password)).Headers.Location?.OriginalString);
        Assert.Equal(JsonValueKind.String, (await fx.AccountAsync(id)).GetProperty("lockedUntil").ValueKind);

        fx.Factory.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(JsonValueKind.Null, (await fx.AccountAsync(id)).GetProperty("lockedUntil").ValueKind);
        _ = await fx.SignInAsync("lock-clock", AccountsFixture.Password);
    }

    [Fact]
    public async Task Disable_ThenSignInRefusedSayingSoOnlyWithTheRightPassword_AndEnableLetsIn()
    {
        var id = await fx.CreateAsync("disable-target", "salesperson", "P08");
        var disabled = await fx.Clients["admin"].PostAsJsonAsync($"/api/v1/users/{id}/disable", new { version = fx.VersionOf("disable-target") });
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal("/login?error=disabled", (await JixiaoFactory.Login(fx.Factory.NewClient(), "disable-target", AccountsFixture.Password)).Headers.Location?.OriginalString);
        Assert.Equal("/login?error=invalid", (await JixiaoFactory.Login(fx.Factory.NewClient(), "disable-target", "Wrong-password-2026")).Headers.Location?.OriginalString);
        var audit = fx.Factory.WithDb(db => db.AuditLog.Single(a => a.Action == "account.disable" && a.Subject == "disable-target"));
        Assert.Contains("disabled no", audit.Detail, StringComparison.Ordinal);
        Assert.Contains("→", audit.Detail, StringComparison.Ordinal);
        Assert.Equal(fx.IdOf("test-admin"), audit.UserId);

        var enabled = await fx.Clients["admin"].PostAsJsonAsync($"/api/v1/users/{id}/enable", new { version = fx.VersionOf("disable-target") });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        _ = await fx.SignInAsync("disable-target", AccountsFixture.Password);
    }

    [Fact]
    public async Task UnitHr_ThenOnlyAccountsAndEmployeesOfItsUnit()
    {
        var st1 = fx.Factory.WithDb(db => db.Assignments.Where(a => (a.OrgUnitId == "ST1" || a.OrgUnitId.StartsWith("ST1-")) && a.ValidTo == null).Select(a => a.EmployeeId).ToHashSet());
        var accounts = await fx.Clients["hr-st1"].GetFromJsonAsync<JsonElement>("/api/v1/users?pageSize=200");
        var linked = accounts.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("employeeId").GetString()).ToList();
        Assert.NotEmpty(linked);
        Assert.All(linked, e => Assert.Contains(e!, st1));
        var candidates = await fx.Clients["hr-st1"].GetFromJsonAsync<JsonElement>("/api/v1/users/candidates?withoutAccount=false");
        Assert.Equal(st1.Order(), candidates.EnumerateArray().Select(c => c.GetProperty("employeeId").GetString()!).Order());

        // Another store's employee: not found for it; nothing created.
        var other = fx.Factory.WithDb(db => db.Assignments.First(a => a.OrgUnitId == "ST2-T1" && a.ValidTo == null).EmployeeId);
        var before = AccountCount();
        var refused = await fx.Clients["hr-st1"].PostAsJsonAsync("/api/v1/users", new { userName = "st2-person", employeeId = other, roles = new[] { "salesperson" } });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(before, AccountCount());
    }

    [Fact]
    public async Task ExternalLogin_WhenLinkedTwice_Then400AndUnlinkRemovesIt()
    {
        var id = await fx.CreateAsync("external-target", "salesperson", "P09");
        var linked = await fx.Clients["admin"].PostAsJsonAsync($"/api/v1/users/{id}/external-logins", new { version = fx.VersionOf("external-target"), providerKey = "wx-0009" });
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        Assert.Equal(["wx-0009"], (await linked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("externalLogins").EnumerateArray().Select(e => e.GetString()));
        var other = await fx.CreateAsync("external-other", "salesperson");
        var twice = await fx.Clients["admin"].PostAsJsonAsync($"/api/v1/users/{other}/external-logins", new { version = fx.VersionOf("external-other"), providerKey = "wx-0009" });
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("external-target", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var removed = await fx.Clients["admin"].DeleteAsync($"/api/v1/users/{id}/external-logins/wx-0009?version={Uri.EscapeDataString(fx.VersionOf("external-target"))}");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(0, (await fx.AccountAsync(id)).GetProperty("externalLogins").GetArrayLength());
    }

    [Fact]
    public async Task Writes_WhenTheAdministratorsCookieIsUsedFromAnotherSite_Then403AndNothingChanged()
    {
        // The CSRF rule of the API (docs/deployment.md): a cookie write needs Sec-Fetch-Site same-origin or X-Jixiao-Csrf.
        var admin = await fx.Factory.SignedIn("test-admin", AccountsFixture.Password, csrfHeader: false);
        var target = await fx.CreateAsync("csrf-target", "finance");
        var version = fx.VersionOf("csrf-target");
        foreach (var site in new[] { "cross-site", "same-site", null })
        {
            using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/users") { Content = Json(new { userName = "csrf-admin", roles = new[] { "admin" } }) };
            using var disable = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/users/{target}/disable") { Content = Json(new { version }) };
            if (site is not null)
            {
                create.Headers.Add("Sec-Fetch-Site", site);
                disable.Headers.Add("Sec-Fetch-Site", site);
            }

            Assert.Equal(HttpStatusCode.Forbidden, (await admin.SendAsync(create)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await admin.SendAsync(disable)).StatusCode);
        }

        Assert.False(fx.Factory.WithDb(db => db.Users.Any(u => u.UserName == "csrf-admin")));
        Assert.Equal(version, fx.VersionOf("csrf-target"));
        Assert.Equal(0, fx.AuditCount("account.disable", "csrf-target"));
        _ = await fx.SignInAsync("csrf-target", AccountsFixture.Password);

        // The same write from the app's own page goes through.
        using var own = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/users/{target}/disable") { Content = Json(new { version }) };
        own.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(own)).StatusCode);
        Assert.Equal(1, fx.AuditCount("account.disable", "csrf-target"));
    }

    [Theory]
    [InlineData("sales")]
    [InlineData("finance")]
    [InlineData("manager")]
    public async Task Users_WhenNotAdminOrHr_Then403(string who)
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await fx.Clients[who].GetAsync("/api/v1/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await fx.Clients[who].PostAsJsonAsync("/api/v1/users", new { userName = "x" })).StatusCode);
    }
}
