using System.Reflection;
using Jixiao.Web.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Jixiao.Web.Tests.Security;

/// <summary>
/// Every page and API GET route, found from the app's own endpoints (pages: their [SupplyParameterFromQuery]
/// properties; API: the API explorer's query and route parameters), is called with a table of hostile values in each
/// of its parameters. None may answer 5xx, show a .NET type name or stack trace, or echo markup unencoded.
/// </summary>
public sealed partial class HostileInputTests(JixiaoFactory factory, ITestOutputHelper output) : IClassFixture<JixiaoFactory>
{
    /// <summary>Values an attacker's probe sends (raw; URL-encoded when sent).</summary>
    public static readonly IReadOnlyList<string> Values =
    [
        "abc", "-1", "0", "99999999999", "9999-12", "0001-01", "2026-13", "2026-Q5", "1e309", "NaN", "true", "null",
        "\0", "a\0b", new string('9', 5000), new string('x', 3000),
        "/\\evil.com", "//evil.com", "https://evil.com", "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd",
        "中文", "😀", " ", "", "-employee", "%", "{", "\u202e",
    ];

    /// <summary>Text that only an exception page or a leaked exception message contains.</summary>
    private static readonly string[] Leaks =
    [
        "   at ", "Exception", "System.", "Microsoft.AspNetCore", "Jixiao.Web", "Jixiao.Application", "Jixiao.Domain", ".cs:line", "Int32", "Int64", "Nullable",
    ];

    private static string Password(string user) => DemoSetup.Logins.Single(l => l.UserName == user).Password;

    /// <summary>A GET route: its template, route parameters and query parameters.</summary>
    private sealed record Route(string Template, IReadOnlyList<string> RouteParameters, IReadOnlyList<string> QueryParameters);

    private List<Route> Routes()
    {
        var routes = new Dictionary<string, Route>(StringComparer.OrdinalIgnoreCase);
        var explorer = factory.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>();
        foreach (var api in explorer.ApiDescriptionGroups.Items.SelectMany(g => g.Items).Where(d => d.HttpMethod == "GET"))
        {
            var template = "/" + api.RelativePath!.Split('?')[0].TrimEnd('/');
            var query = api.ParameterDescriptions.Where(p => p.Source == BindingSource.Query).Select(p => p.Name).ToList();
            var path = api.ParameterDescriptions.Where(p => p.Source == BindingSource.Path).Select(p => p.Name).ToList();
            routes[template] = new Route(template, path, query);
        }

        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            var template = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            if (methods is not null && !methods.Contains("GET") || routes.ContainsKey(template))
            {
                continue;
            }

            var component = endpoint.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type;
            var query = component?.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Select(p => (Property: p, Attribute: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
                .Where(p => p.Attribute is not null)
                .Select(p => p.Attribute!.Name ?? p.Property.Name)
                .ToList() ?? [];
            var path = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
            if (component is not null || template.StartsWith("/culture", StringComparison.Ordinal) || template.StartsWith("/calculation", StringComparison.Ordinal))
            {
                routes[template] = new Route(template, path, query);
            }
        }

        return [.. routes.Values.OrderBy(r => r.Template, StringComparer.Ordinal)];
    }

    /// <summary>A value that exists in the demo company for a route parameter.</summary>
    private string Good(string template, string parameter)
    {
        var plan = factory.WithDb(db => db.Plans.OrderBy(p => p.Id).Select(p => p.Code).First());
        return parameter.ToLowerInvariant() switch
        {
            "source" => "sales",
            "employee" => "P01",
            "period" => "2026-10",
            "id" when template.Contains("org-units", StringComparison.Ordinal) => "ST1",
            "id" when template.Contains("employees", StringComparison.Ordinal) => "P01",
            "id" => "1",
            "code" => plan,
            "number" => "1",
            "name" => "en",
            "documentname" => "v1",
            "month" => "2026-06",
            _ => throw new InvalidOperationException($"{template}: no known value for route parameter '{parameter}'; add one here."),
        };
    }

    private string Url(Route route, string? hostileRouteParameter, string? query, string value)
    {
        var path = route.Template;
        foreach (var parameter in route.RouteParameters)
        {
            var text = parameter == hostileRouteParameter ? value : Good(route.Template, parameter);
            path = System.Text.RegularExpressions.Regex.Replace(path, "\\{" + parameter + "(:[^}]*)?\\??\\}", Uri.EscapeDataString(text).Replace("%2F", "%252F", StringComparison.Ordinal));
        }

        return query is null ? path : $"{path}?{query}={Uri.EscapeDataString(value)}";
    }

    [Fact]
    public async Task EveryGetRoute_WhenHostileValues_ThenNo5xxNoLeakNoMarkup()
    {
        var routes = Routes();
        foreach (var route in routes)
        {
            output.WriteLine($"{route.Template} route: {string.Join(", ", route.RouteParameters)} query: {string.Join(", ", route.QueryParameters)}");
        }

        // The discovery finds what it must: pages with query parameters and the API's.
        Assert.Contains(routes, r => r.Template == "/team" && r.QueryParameters.Contains("page"));
        Assert.Contains(routes, r => r.Template == "/login" && r.QueryParameters.Contains("ReturnUrl"));
        Assert.Contains(routes, r => r.Template == "/api/v1/results" && r.QueryParameters.Contains("period"));
        Assert.Contains(routes, r => r.Template == "/api/v1/targets" && r.QueryParameters.Count > 0);
        Assert.Contains(routes, r => r.Template == "/culture/{name}" && r.QueryParameters.Contains("returnUrl") && r.RouteParameters.Contains("name"));
        Assert.Contains(routes, r => r.Template == "/calculation/export");

        var failures = new List<string>();
        var requests = 0;
        foreach (var user in new[] { "hr", "manager" })
        {
            var client = await factory.SignedIn(user, Password(user));
            foreach (var route in routes)
            {
                var cases = route.QueryParameters.Select(q => (Route: (string?)null, Query: (string?)q))
                    .Concat(route.RouteParameters.Where(p => p != "documentName").Select(p => (Route: (string?)p, Query: (string?)null)))
                    .ToList();
                foreach (var (routeParameter, query) in cases)
                {
                    // A NUL in the path never reaches the app (Kestrel answers 400; the test server refuses to send it).
                    foreach (var value in Values.Where(v => routeParameter is null || !v.Contains('\0', StringComparison.Ordinal)))
                    {
                        var url = Url(route, routeParameter, query, value);
                        requests++;
                        var response = await client.GetAsync(url);
                        var problem = await ProblemOfAsync(response);
                        if (problem is not null)
                        {
                            failures.Add($"{user} GET {Shorten(url)} → {(int)response.StatusCode}: {problem}");
                        }
                    }
                }
            }
        }

        output.WriteLine($"{routes.Count} routes, {requests} requests");
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(40)) + $"\n({failures.Count} failures)");
    }

    private static async Task<string?> ProblemOfAsync(HttpResponseMessage response)
    {
        if ((int)response.StatusCode >= 500)
        {
            return "server error";
        }

        var type = response.Content.Headers.ContentType?.MediaType ?? "";
        if (!type.StartsWith("text/", StringComparison.Ordinal) && !type.Contains("json", StringComparison.Ordinal))
        {
            return null; // a file (xlsx): no text to leak into
        }

        // Blazor's component markers, its persisted component state (<!--Blazor-Server-Component-State:…-->, random
        // base64 on the pages, which once spelled "Int64") and antiforgery tokens are opaque base64 that may spell anything.
        var body = OpaqueData().Replace(await response.Content.ReadAsStringAsync(), "");
        var leak = Leaks.FirstOrDefault(l => body.Contains(l, StringComparison.Ordinal));
        if (leak is not null)
        {
            var at = body.IndexOf(leak, StringComparison.Ordinal);
            return $"body shows '{leak}': …{body[Math.Max(0, at - 80)..Math.Min(body.Length, at + 80)]}…";
        }

        return type == "text/html" && body.Contains("<script>alert(1)</script>", StringComparison.Ordinal) ? "markup echoed unencoded" : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex("<!--Blazor(-[A-Za-z-]+)?:.*?-->|value=\"CfDJ8[^\"]*\"", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex OpaqueData();

    private static string Shorten(string url) => url.Length > 120 ? url[..120] + "…" : url;
}
