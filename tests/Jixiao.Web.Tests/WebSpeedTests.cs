using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Explanations;
using Jixiao.Domain.Periods;
using Jixiao.Web.StoredResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.Web.Tests;

/// <summary>
/// The team list sorted and paged by the database on every column, and explanations computed from one person's
/// rows, checked against the whole-period computation on the demo company (4S template, with team metrics).
/// </summary>
public sealed class WebSpeedTests(JixiaoFactory factory) : IClassFixture<JixiaoFactory>
{
    private sealed record Item(string EmployeeId, string Name, string OrgUnitId, decimal Total, string? Grade, decimal? Coefficient, decimal PayTotal, List<IndicatorResult> Indicators);

    private sealed record ItemPage(List<Item> Items, int Total, int PageNumber, int PageSize);

    private static async Task<List<Item>> AllPagesAsync(HttpClient client, string period, string sort)
    {
        var items = new List<Item>();
        for (var page = 1; ; page++)
        {
            var response = await client.GetFromJsonAsync<ItemPage>($"/api/v1/results?period={period}&sort={sort}&page={page}&pageSize=7");
            Assert.NotNull(response);
            items.AddRange(response.Items);
            if (items.Count >= response.Total)
            {
                Assert.Equal(response.Total, items.Count);
                return items;
            }
        }
    }

    [Fact]
    public async Task Every_team_column_sorts_both_ways_on_the_server_across_pages()
    {
        var client = await factory.SignedIn("hr", "Demo-hr-2026");
        const string period = "2026-09";
        var names = factory.WithDb(db => db.Employees.AsNoTracking().ToDictionary(e => e.Id, e => e.Name, StringComparer.Ordinal));
        var everyone = await AllPagesAsync(client, period, "employee");
        Assert.True(everyone.Count > 20);
        Assert.Equal(everyone.Select(i => i.EmployeeId).Order(StringComparer.Ordinal), everyone.Select(i => i.EmployeeId));
        Assert.Contains(everyone, i => Behind(i));
        Assert.Contains(everyone, i => !Behind(i));

        foreach (var key in ResultQueries.Sorts)
        {
            foreach (var descending in new[] { false, true })
            {
                var got = await AllPagesAsync(client, period, (descending ? "-" : "") + key);
                var expected = Expected(everyone, key, descending, names).Select(i => i.EmployeeId).ToList();
                Assert.True(expected.SequenceEqual(got.Select(i => i.EmployeeId)), $"sort {(descending ? "-" : "")}{key}: {string.Join(",", got.Select(i => i.EmployeeId))}");
            }
        }
    }

    [Fact]
    public async Task Team_page_headers_link_every_column_and_reverse_the_sorted_one()
    {
        var client = await factory.SignedIn("hr", "Demo-hr-2026");
        var html = await client.GetStringAsync("/team?period=2026-09&sort=-pay");
        foreach (var key in ResultQueries.Sorts)
        {
            Assert.Contains($"data-sort=\"{key}\"", html, StringComparison.Ordinal);
        }

        // The sorted column's link reverses it; the others sort ascending.
        Assert.Contains("sort=pay\" data-sort=\"pay\"", html, StringComparison.Ordinal);
        Assert.Contains("sort=total\" data-sort=\"total\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-sort=\"descending\"", html, StringComparison.Ordinal);
        var pays = new List<string>();
        foreach (var row in html.Split("<tr data-employee=\"")[1..])
        {
            pays.Add(row[..row.IndexOf('"', StringComparison.Ordinal)]);
        }

        var api = await AllPagesAsync(client, "2026-09", "-pay");
        Assert.Equal(api.Take(20).Select(i => i.EmployeeId), pays);
    }

    [Fact]
    public async Task A_manager_lists_exactly_the_subtree_in_every_order()
    {
        var client = await factory.SignedIn("manager", "Demo-manager-2026");
        var mine = await AllPagesAsync(client, "2026-09", "employee");
        var hr = await AllPagesAsync(await factory.SignedIn("hr", "Demo-hr-2026"), "2026-09", "employee");
        Assert.True(mine.Count > 1 && mine.Count < hr.Count);
        var byTotal = await AllPagesAsync(client, "2026-09", "-total");
        Assert.Equal(mine.Select(i => i.EmployeeId).Order(StringComparer.Ordinal), byTotal.Select(i => i.EmployeeId).Order(StringComparer.Ordinal));
        Assert.Equal(byTotal.Select(i => i.Total).OrderDescending(), byTotal.Select(i => i.Total));
    }

    [Fact]
    public async Task An_explanation_from_one_persons_rows_equals_the_whole_period_computation_for_everyone()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<JixiaoDbContext>();
        var service = new CalculationService(db, factory.Clock, CompanyTimeZone.Default);
        foreach (var text in new[] { "2026-10", "2026-Q3" })
        {
            var period = Period.Parse(text);
            var ids = await db.Employees.AsNoTracking().Select(e => e.Id).ToListAsync();
            var full = await service.ComputeAsync(period, new CalculationOptions { Explain = ids });
            Assert.NotNull(full);
            Assert.NotEmpty(full.Explanations);
            foreach (var id in ids)
            {
                var one = await service.ExplainAsync(period, id);
                if (!full.Explanations.TryGetValue(id, out var expected))
                {
                    Assert.Null(one);
                    continue;
                }

                Assert.NotNull(one);
                Assert.Equal(Flatten(expected), Flatten(one));
            }
        }
    }

    private static bool Behind(Item i) => i.Total < 70m || i.Indicators.Any(x => x.Achievement < 0.6m);

    private static IEnumerable<Item> Expected(List<Item> all, string key, bool descending, Dictionary<string, string> names)
    {
        IOrderedEnumerable<Item> By<T>(Func<Item, T> k, IComparer<T>? c = null) => descending ? all.OrderByDescending(k, c) : all.OrderBy(k, c);
        IOrderedEnumerable<Item> Then<T>(IOrderedEnumerable<Item> o, Func<Item, T> k, IComparer<T>? c = null) => descending ? o.ThenByDescending(k, c) : o.ThenBy(k, c);
        var ordered = key switch
        {
            "name" => By(i => names[i.EmployeeId], StringComparer.Ordinal),
            "unit" => By(i => i.OrgUnitId, StringComparer.Ordinal),
            "total" => By(i => i.Total),
            "pay" => By(i => i.PayTotal),
            "grade" => Then(By(i => i.Grade is null ? 0 : 1), i => i.Grade, StringComparer.Ordinal),
            "coefficient" => Then(By(i => i.Coefficient is null ? 0 : 1), i => i.Coefficient),
            "status" => By(Behind),
            _ => By(i => i.EmployeeId, StringComparer.Ordinal),
        };
        return ordered.ThenBy(i => i.EmployeeId, StringComparer.Ordinal);
    }

    private static string Flatten(Explanation node)
    {
        var text = new StringBuilder();
        Walk(node, 0);
        return text.ToString();

        void Walk(Explanation n, int depth)
        {
            text.Append(CultureInfo.InvariantCulture, $"{depth}|{n.Kind}|{n.Label}|{n.Value}|{ExplanationText.Detail(n, CultureInfo.InvariantCulture)}|{n.SourceCount}|{string.Join(",", n.Sources)}\n");
            foreach (var child in n.Children)
            {
                Walk(child, depth + 1);
            }
        }
    }
}
