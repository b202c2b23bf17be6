using System.Net;
using Jixiao.Application.Calendar;
using Jixiao.Application.Evaluations;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Periods;
using Jixiao.Testing;
using Jixiao.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests.Notifications;

/// <summary>The demo seeded on 2030-02-10 09:00 company time (a date the CI also runs the suite at under faketime).</summary>
public sealed class February2030Factory() : JixiaoFactory(TestClock.At(new DateTimeOffset(2030, 2, 10, 1, 0, 0, TimeSpan.Zero)));

/// <summary>
/// Every role of the demo has something to do at sign-in (issues 10 and 12): the seeded demo has last month in evaluation
/// with verification on (finance), the month before last published with an appeal open (HR, hr2; the managers' feedback
/// talks); the home card of each demo login lists its step, on the tests' date and on another one.
/// </summary>
public abstract class DemoRoleStepsTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : JixiaoFactory
{
    private (string Last, string BeforeLast) Periods()
    {
        var zone = factory.Services.GetRequiredService<CompanyTimeZone>();
        var today = zone.Today(factory.Clock);
        var last = Period.Containing(new DateOnly(today.Year, today.Month, 1).AddDays(-1), PeriodKind.Month);
        var beforeLast = Period.Containing(last.Start.AddDays(-1), PeriodKind.Month);
        return (last.ToString(), beforeLast.ToString());
    }

    private static async Task<string> HomeCardAsync(HttpClient client)
    {
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/"));
        var at = html.IndexOf("id=\"home-due\"", StringComparison.Ordinal);
        Assert.True(at >= 0, "no steps-due card on the home page");
        return html[at..Math.Min(html.Length, at + 4000)];
    }

    [Fact]
    public void Demo_periods_are_in_the_states_that_give_every_role_a_step()
    {
        var (last, beforeLast) = Periods();
        var states = factory.WithDb(db => db.EvaluationPeriods.ToDictionary(p => p.Key, p => (p.State, p.PublishedRunId)));
        Assert.Equal("evaluation", states[last].State);
        Assert.Equal("published", states[beforeLast].State);
        Assert.NotNull(states[beforeLast].PublishedRunId);
        Assert.Equal(1, factory.WithDb(db => db.Appeals.Count(a => a.Period == beforeLast && a.AnsweredAt == null)));

        // Some periods stay closed (the replay of closed periods has something to replay).
        Assert.True(states.Values.Count(s => s.State == "closed") >= 3, string.Join(", ", states.Select(s => s.Key + ":" + s.Value.State)));
    }

    [Theory]
    [InlineData("sales", "Demo-sales-2026")]
    [InlineData("supervisor", "Demo-supervisor-2026")]
    [InlineData("manager", "Demo-manager-2026")]
    [InlineData("finance", "Demo-finance-2026")]
    [InlineData("hr", "Demo-hr-2026")]
    [InlineData("hr2", "Demo-hr2-2026")]
    public async Task Each_demo_login_sees_its_step_on_the_home_card(string user, string password)
    {
        var (last, beforeLast) = Periods();
        using var client = await factory.SignedIn(user, password);

        var card = await HomeCardAsync(client);

        string[] expected = user switch
        {
            "sales" => [$"id=\"home-link-self-{last}\"", $"期间 {last} 的自评："],
            "supervisor" => [$"id=\"home-link-self-{last}\"", $"id=\"home-link-scoring-{last}\"", $"id=\"home-link-improvement-{beforeLast}\"", $"期间 {beforeLast} 的反馈面谈："],
            "manager" => [$"id=\"home-link-scoring-{last}\"", $"期间 {last} 的上级评分：2 人"],
            "finance" => ["id=\"home-link-verification\"", $"期间 {last} 的跨部门复核："],
            "hr" => ["id=\"home-link-appealanswers\"", $"期间 {beforeLast}：1 项申诉待答复"],
            "hr2" => ["id=\"home-link-appealanswers\"", $"期间 {beforeLast}：1 项申诉待答复"],
            _ => throw new ArgumentOutOfRangeException(nameof(user)),
        };
        Assert.All(expected, e => Assert.Contains(e, card, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_hr_account_linked_to_an_employee_sees_its_own_steps_and_its_role_steps()
    {
        var (_, beforeLast) = Periods();
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByNameAsync("hr-s12") is null)
            {
                var user = new AppUser { UserName = "hr-s12", EmployeeId = "S12", DisplayName = "S12" };
                Assert.True((await users.CreateAsync(user, "Linked-hr-2026")).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, Roles.Hr)).Succeeded);
            }
        }

        // S12, a supervisor, owes the feedback talks of the published month; as HR, the appeal.
        var steps = factory.WithDb(db =>
        {
            using var scope = factory.Services.CreateScope();
            return DueSteps.AllAsync(db, factory.Clock, scope.ServiceProvider.GetRequiredService<CompanyTimeZone>()).GetAwaiter().GetResult();
        });
        Assert.Contains(steps["S12"], s => s.Kind == DueKind.FeedbackTalk && s.Period == beforeLast);
        Assert.Contains(steps["S12"], s => s.Kind == DueKind.AppealAnswers && s.Period == beforeLast);

        using var client = await factory.SignedIn("hr-s12", "Linked-hr-2026");
        var card = await HomeCardAsync(client);
        Assert.Contains($"id=\"home-link-improvement-{beforeLast}\"", card, StringComparison.Ordinal);
        Assert.Contains("id=\"home-link-appealanswers\"", card, StringComparison.Ordinal);
    }
}

/// <summary>The demo as the tests see it: seeded on 2026-11-26.</summary>
public sealed class DemoRoleStepsOnTestDateTests(JixiaoFactory factory) : DemoRoleStepsTests<JixiaoFactory>(factory);

/// <summary>The demo seeded on 2030-02-10: the same roles, the same steps, other periods.</summary>
public sealed class DemoRoleStepsIn2030Tests(February2030Factory factory) : DemoRoleStepsTests<February2030Factory>(factory);
