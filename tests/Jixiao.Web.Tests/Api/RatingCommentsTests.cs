using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Jixiao.Application.Persistence;
using Jixiao.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests.Api;

/// <summary>
/// Rating comments (评语) reach nobody who may not read them (docs/decisions/0006): finance and API tokens get no
/// comment on any path that carries one — explanations (API, 我的绩效, team member page), the ratings list, sheet
/// and export, whole runs — while HR, the rater's manager and the rated person still read them.
/// </summary>
public sealed class RatingCommentsTests(ApiFixture fx) : IClassFixture<ApiFixture>, IAsyncLifetime
{
    private const string Password = "Test-comments-2026";
    // A closed month: people read its published results (October is in evaluation in the demo, docs/decisions/0019).
    private const string Period = "2026-09";

    private readonly Dictionary<string, HttpClient> _extra = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        // A finance clerk who is also an assessed employee, and a store manager who is also in finance: both read numbers, never comments.
        await AddUserAsync("finance-s11", "S11", Roles.Finance);
        await AddUserAsync("finance-m01", "M01", Roles.Finance, Roles.Manager);
    }

    public Task DisposeAsync()
    {
        foreach (var c in _extra.Values)
        {
            c.Dispose();
        }

        return Task.CompletedTask;
    }

    private async Task AddUserAsync(string name, string employee, params string[] roles)
    {
        if (!_extra.ContainsKey(name))
        {
            using (var scope = fx.Factory.Services.CreateScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
                if (await users.FindByNameAsync(name) is null)
                {
                    var user = new AppUser { UserName = name, DisplayName = name, EmployeeId = employee };
                    Assert.True((await users.CreateAsync(user, Password)).Succeeded);
                    Assert.True((await users.AddToRolesAsync(user, roles)).Succeeded);
                }
            }

            _extra[name] = await fx.Factory.SignedIn(name, Password);
        }
    }

    private HttpClient Client(string who) => _extra.TryGetValue(who, out var c) ? c : fx.Clients[who];

    /// <summary>Every non-empty stored comment of (employee, period) that is not also plan text.</summary>
    private List<string> CommentsOf(string employee, string period)
    {
        var all = AllComments();
        return [.. fx.Factory.WithDb(db => db.Ratings.Where(r => r.EmployeeId == employee && r.Period == period && r.Comment != null && r.Comment != "")
            .Select(r => r.Comment!).ToList()).Where(all.Contains)];
    }

    /// <summary>
    /// Every distinct stored comment that is not also plan text (the demo's "跨部门协作" is an indicator's name as well,
    /// and explanations rightly show indicator names).
    /// </summary>
    private List<string> AllComments()
    {
        var plans = fx.Factory.WithDb(db => db.PlanVersions.Select(v => v.Yaml).ToList());
        return [.. fx.Factory.WithDb(db => db.Ratings.Where(r => r.Comment != null && r.Comment != "").Select(r => r.Comment!).Distinct().ToList())
            .Where(c => !plans.Any(p => p.Contains(c, StringComparison.Ordinal)))];
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    private static bool Mentions(IEnumerable<string> texts, IEnumerable<string> comments) =>
        texts.Any(t => comments.Any(c => t.Contains(c, StringComparison.Ordinal)));

    private async Task<List<string>> JsonStringsAsync(string who, string path)
    {
        var response = await Client(who).GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{who} {path}: {(int)response.StatusCode}");
        return [.. Strings(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement)];
    }

    [Theory]
    [InlineData("finance", false)]
    [InlineData("token:results", false)]
    [InlineData("finance-m01", false)]
    [InlineData("hr", true)]
    [InlineData("admin", true)]
    [InlineData("manager", true)]
    [InlineData("supervisor", true)] // their own ratings
    public async Task ApiExplanation_WhenCallerMayOrMayNotReadComments_ThenCommentsShownExactlyToThoseWhoMay(string who, bool sees)
    {
        var comments = CommentsOf("S11", Period);
        Assert.NotEmpty(comments);

        var texts = await JsonStringsAsync(who, $"/api/v1/results/S11/explanation?period={Period}");

        Assert.Equal(sees, Mentions(texts, comments));
        // The rating itself is still explained: who rated and the points.
        Assert.Contains(texts, t => t == "team_management");
    }

    [Theory]
    [InlineData("finance")]
    [InlineData("token:results")]
    public async Task ApiExplanation_WhenFinanceOrTokenReadsEveryRatedPersonAndPeriod_ThenNoDemoCommentAtAll(string who)
    {
        // The periods whose results people read: published or closed (October is in evaluation, its results not yet shown).
        var periods = fx.Factory.WithDb(db => db.EvaluationPeriods.Where(p => p.State == "published" || p.State == "closed").Select(p => p.Key).ToList());
        var rated = fx.Factory.WithDb(db => db.Ratings.Where(r => r.Comment != null && r.Comment != "" && periods.Contains(r.Period))
            .Select(r => new { r.EmployeeId, r.Period }).Distinct().ToList());
        var comments = AllComments();
        // The published and closed months of the demo (October is in evaluation) carry 33 rated people and periods.
        Assert.True(rated.Count >= 30, $"only {rated.Count} rated people and periods");

        var leaks = new List<string>();
        foreach (var r in rated)
        {
            var texts = await JsonStringsAsync(who, $"/api/v1/results/{r.EmployeeId}/explanation?period={r.Period}");
            if (Mentions(texts, comments))
            {
                leaks.Add($"{r.EmployeeId} {r.Period}");
            }
        }

        Assert.True(leaks.Count == 0, "comments leaked: " + string.Join(", ", leaks));

        // The same requests by HR do show them: the check above could fail.
        var first = rated[0];
        Assert.True(Mentions(await JsonStringsAsync("hr", $"/api/v1/results/{first.EmployeeId}/explanation?period={first.Period}"), comments));
    }

    [Theory]
    [InlineData("finance-s11", "/me", false)]
    [InlineData("supervisor", "/me", true)]
    [InlineData("finance-m01", "/team/S11", false)]
    [InlineData("manager", "/team/S11", true)]
    [InlineData("hr", "/team/S11", true)]
    public async Task PageExplanation_WhenCallerMayOrMayNotReadComments_ThenCommentsShownExactlyToThoseWhoMay(string who, string page, bool sees)
    {
        var comments = CommentsOf("S11", Period);
        var html = await Client(who).GetStringAsync($"{page}?period={Period}&explain=indicator:team_management");

        Assert.Contains("data-kind=\"rating\"", html, StringComparison.Ordinal);
        Assert.Equal(sees, Mentions([html], comments));
    }

    [Fact]
    public async Task RatingsSheetListAndExport_WhenManagerIsAlsoFinance_ThenPointsWithoutComments()
    {
        var comments = CommentsOf("S11", Period);
        Assert.True(Mentions(await JsonTexts(fx.Clients["manager"], $"/api/v1/ratings/sheet?period={Period}"), comments));

        Assert.False(Mentions(await JsonTexts(Client("finance-m01"), $"/api/v1/ratings/sheet?period={Period}"), comments));
        Assert.False(Mentions(await JsonTexts(Client("finance-m01"), $"/api/v1/ratings?period={Period}"), comments));
        Assert.False(Mentions(await JsonTexts(fx.Clients["finance"], $"/api/v1/ratings?period={Period}"), comments));
        Assert.Equal(HttpStatusCode.Forbidden, (await fx.Clients["token:results"].GetAsync($"/api/v1/ratings?period={Period}")).StatusCode);

        var sheet = await Client("finance-m01").GetByteArrayAsync($"/api/v1/exports/ratings?period={Period}");
        var managerSheet = await fx.Clients["manager"].GetByteArrayAsync($"/api/v1/exports/ratings?period={Period}");
        Assert.True(Mentions(Cells(managerSheet), comments));
        Assert.False(Mentions(Cells(sheet), comments));
    }

    [Fact]
    public async Task RatingsSave_WhenManagerWhoMayNotReadCommentsChangesPoints_ThenStoredCommentKept()
    {
        // October is in evaluation in the demo: ratings are still open there (a closed month refuses them).
        var sheet = JsonDocument.Parse(await Client("finance-m01").GetStringAsync("/api/v1/ratings/sheet?period=2026-10")).RootElement;
        var person = sheet.GetProperty("people").EnumerateArray().First(p => p.GetProperty("employeeId").GetString() == "S12");
        var entry = person.GetProperty("entries").EnumerateArray().First(e => e.GetProperty("indicator").GetString() == "team_management");
        var before = fx.Factory.WithDb(db => db.Ratings.Single(r => r.EmployeeId == "S12" && r.Period == "2026-10" && r.Indicator == "team_management").Comment);
        Assert.False(string.IsNullOrEmpty(before));
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("comment").ValueKind);

        var body = new { period = "2026-10", items = new[] { new { employeeId = "S12", indicator = "team_management", points = 21m, comment = (string?)null, version = entry.GetProperty("version").GetInt64() } } };
        var response = await Client("finance-m01").PutAsync("/api/v1/ratings", System.Net.Http.Json.JsonContent.Create(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(before!, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var after = fx.Factory.WithDb(db => db.Ratings.Single(r => r.EmployeeId == "S12" && r.Period == "2026-10" && r.Indicator == "team_management"));
        Assert.Equal(21m, after.Points);
        Assert.Equal(before, after.Comment);
    }

    [Fact]
    public async Task Runs_WhenFinanceReadsWholeRuns_ThenNoComment()
    {
        var comments = AllComments();
        var runIds = fx.Factory.WithDb(db => db.Runs.Select(r => r.Id).ToList());
        foreach (var id in runIds)
        {
            Assert.False(Mentions(await JsonStringsAsync("finance", $"/api/v1/runs/{id}"), comments), $"run {id}");
        }

        Assert.False(Mentions(await JsonStringsAsync("finance", "/api/v1/runs"), comments));
    }

    private static async Task<List<string>> JsonTexts(HttpClient client, string path) =>
        [.. Strings(JsonDocument.Parse(await client.GetStringAsync(path)).RootElement)];

    /// <summary>Every cell text of the first worksheet (inline strings), read straight from the package.</summary>
    private static List<string> Cells(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        using var stream = zip.GetEntry("xl/worksheets/sheet1.xml")!.Open();
        XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        return [.. XDocument.Load(stream).Descendants(ns + "c").Select(c => string.Concat(c.Descendants(ns + "t").Select(t => t.Value)))];
    }
}
