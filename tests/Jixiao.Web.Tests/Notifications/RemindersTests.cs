using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jixiao.Application.Evaluations;
using Jixiao.Application.Persistence;
using Jixiao.Testing;
using Jixiao.Web.Jobs;
using Jixiao.Web.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Jixiao.Web.Tests.Notifications;

/// <summary>The demo on 2026-11-02 (09:00 Shanghai): October is in evaluation and no deadline has passed yet (self-assessment due 11-04, scoring 11-11).</summary>
public sealed class EarlyNovemberFactory() : JixiaoFactory(TestClock.At(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero)));

/// <summary>
/// The daily reminders of steps due (docs/decisions/0023-notifications.md): in-app notifications once per step and stage,
/// e-mailed through a real SMTP server on 127.0.0.1 in each account's language, retried when the server was down, and
/// each person reading and marking only their own.
/// </summary>
public sealed class RemindersTests
{
    [Fact]
    public async Task Reminders_WhenTheDailyJobRuns_ThenEachStepNotifiedOncePerStageAndEmailedInTheAccountsLanguage()
    {
        var smtp = new LoopbackSmtp();
        using var factory = new EarlyNovemberFactory
        {
            Settings = new Dictionary<string, string>
            {
                ["Smtp:Host"] = "127.0.0.1",
                ["Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Smtp:From"] = "jixiao@example.test",
                ["Smtp:Security"] = "none",
                ["App:PublicUrl"] = "https://jixiao.example.test/",
            },
        };
        using var sales = await factory.SignedIn("sales", "Demo-sales-2026");
        SetEmail(factory, "sales", "p01@example.test", culture: null);
        SetEmail(factory, "supervisor", "s11@example.test", culture: "en");
        var job = factory.Services.GetRequiredService<DueReminderJob>();

        // 2026-11-02: P01 owes the October self-assessment (due 11-04); S11 their own and the scorings of P01–P04 (due 11-11).
        Assert.Equal(JobTick.Ran, await job.TickAsync());
        var p01 = Notes(factory, "P01");
        var first = Assert.Single(p01);
        Assert.Equal(("2026-10", nameof(DueKind.SelfAssessment), new DateOnly(2026, 11, 4), false), (first.Period, first.Kind, first.Due, first.Overdue));
        var s11 = Notes(factory, "S11");
        // (The demo also keeps September published: S11's feedback talks of it are left aside here, DemoRoleStepsTests.)
        Assert.Equal(["ManagerScoring:4:False", "SelfAssessment:1:False"], s11.Where(n => n.Period == "2026-10").Select(n => $"{n.Kind}:{n.Count}:{n.Overdue}").Order().ToArray());

        // One message per account with an address, in its language, with every line and the link.
        Assert.Equal(2, smtp.Messages.Count);
        var zh = Mail(smtp, "p01@example.test");
        Assert.Equal("绩效：您有 1 个待办环节", zh.Subject);
        Assert.Contains("期间 2026-10 的自评：2026-11-04 前", zh.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("已逾期", zh.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://jixiao.example.test/notifications", zh.TextBody, StringComparison.Ordinal);
        Assert.Equal("jixiao@example.test", zh.From.Mailboxes.Single().Address);
        var en = Mail(smtp, "s11@example.test");
        Assert.Equal($"Jixiao: {s11.Count} steps due", en.Subject);
        Assert.Contains("Manager scoring for 2026-10: 4 people, by 11 Nov 2026", en.TextBody, StringComparison.Ordinal);
        Assert.Contains("Self-assessment for 2026-10: by 4 Nov 2026", en.TextBody, StringComparison.Ordinal);
        Assert.True(factory.WithDb(db => db.Notifications.Where(n => n.EmployeeId == "P01" || n.EmployeeId == "S11").All(n => n.EmailedAt != null)));
        Assert.True(factory.WithDb(db => db.Notifications.Where(n => n.EmployeeId != "P01" && n.EmployeeId != "S11").All(n => n.EmailedAt == null)));

        // Once a day, across instances; the next day adds nothing while no stage changed.
        var count = factory.WithDb(db => db.Notifications.Count());
        Assert.Equal(JobTick.NotDue, await job.TickAsync());
        factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(JobTick.Ran, await job.TickAsync());
        Assert.Equal(count, factory.WithDb(db => db.Notifications.Count()));
        Assert.Equal(2, smtp.Messages.Count);

        // 11-05 with the SMTP server down: the self-assessment is now overdue — notified again in the app, not e-mailed.
        var port = smtp.Port;
        smtp.Dispose();
        factory.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(JobTick.Ran, await job.TickAsync());
        var overdue = Assert.Single(Notes(factory, "P01"), n => n.Overdue);
        Assert.Null(overdue.EmailedAt);
        Assert.Contains(Notes(factory, "S11"), n => n.Kind == nameof(DueKind.TeamSelfAssessmentOverdue) && n.Overdue);

        // 11-06, the server back: what was not sent goes out now.
        using var again = new LoopbackSmtp(port);
        factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(JobTick.Ran, await job.TickAsync());
        var late = Mail(again, "p01@example.test");
        Assert.Contains("期间 2026-10 的自评：2026-11-04 前（已逾期）", late.TextBody, StringComparison.Ordinal);
        Assert.NotNull(Assert.Single(Notes(factory, "P01"), n => n.Overdue).EmailedAt);

        // The salesperson's own, newest first, in their language; marking read only their own.
        var list = await sales.GetFromJsonAsync<JsonElement>("/api/v1/notifications");
        Assert.Equal(2, list.GetProperty("unread").GetInt32());
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("期间 2026-10 的自评：2026-11-04 前（已逾期）", items[0].GetProperty("text").GetString());
        Assert.Equal("/evaluation/self?period=2026-10", items[0].GetProperty("link").GetString());
        var mine = items[0].GetProperty("id").GetInt64();
        var theirs = Notes(factory, "S11")[0].Id;
        Assert.Equal(HttpStatusCode.NotFound, (await sales.PostAsync($"/api/v1/notifications/{theirs}/read", null)).StatusCode);
        Assert.Null(factory.WithDb(db => db.Notifications.Single(n => n.Id == theirs).ReadAt));
        Assert.Equal(HttpStatusCode.NoContent, (await sales.PostAsync($"/api/v1/notifications/{mine}/read", null)).StatusCode);
        Assert.Equal(1, (await sales.GetFromJsonAsync<JsonElement>("/api/v1/notifications")).GetProperty("unread").GetInt32());
        Assert.Single((await sales.GetFromJsonAsync<JsonElement>("/api/v1/notifications?unread=true")).GetProperty("items").EnumerateArray());
        var all = await (await sales.PostAsync("/api/v1/notifications/read-all", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, all.GetProperty("marked").GetInt32());

        // HR is linked to no employee: only its role's steps (the demo's appeal of September), none of October's evaluation.
        using var hr = await factory.SignedIn("hr", "Demo-hr-2026");
        var none = await hr.GetFromJsonAsync<JsonElement>("/api/v1/notifications");
        Assert.All(none.GetProperty("items").EnumerateArray(), n => Assert.NotEqual("2026-10", n.GetProperty("period").GetString()));
    }

    [Theory]
    [InlineData(null, null, null, null)]
    [InlineData("smtp.example.test", null, null, "Smtp:From")]
    [InlineData("smtp.example.test", "x", "jixiao@example.test", "Smtp:Port")]
    [InlineData("smtp.example.test", "70000", "jixiao@example.test", "Smtp:Port")]
    [InlineData("smtp.example.test", "587", "not an address", "Smtp:From")]
    public void SmtpSettings_WhenMisconfigured_ThenNoMailAndTheKeyNamed(string? host, string? port, string? from, string? key)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Smtp:Host"] = host,
            ["Smtp:Port"] = port,
            ["Smtp:From"] = from,
        }).Build();
        Assert.Null(SmtpSettings.Read(configuration, out var error));
        if (key is null)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.Contains(key, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SmtpSettings_WhenComplete_ThenReadWithDefaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Smtp:Host"] = " smtp.example.test ",
            ["Smtp:From"] = "Jixiao <jixiao@example.test>",
            ["Smtp:Security"] = "StartTls",
        }).Build();
        var smtp = SmtpSettings.Read(configuration, out var error);
        Assert.Null(error);
        Assert.Equal(("smtp.example.test", 25, MailKit.Security.SecureSocketOptions.StartTls, (string?)null), (smtp!.Host, smtp.Port, smtp.Security, smtp.UserName));
    }

    private static List<Jixiao.Application.Notifications.NotificationRecord> Notes(EarlyNovemberFactory factory, string employee) =>
        factory.WithDb(db => db.Notifications.Where(n => n.EmployeeId == employee).OrderBy(n => n.Id).ToList());

    private static MimeMessage Mail(LoopbackSmtp smtp, string to) => Assert.Single(smtp.Messages, m => m.To.Mailboxes.Any(b => b.Address == to));

    private static void SetEmail(EarlyNovemberFactory factory, string userName, string email, string? culture)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<JixiaoDbContext>();
        var user = db.Users.Single(u => u.UserName == userName);
        user.Email = email;
        user.Culture = culture;
        db.SaveChanges();
    }
}
