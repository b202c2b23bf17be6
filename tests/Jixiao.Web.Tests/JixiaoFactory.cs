using System.Net;
using System.Text.RegularExpressions;
using Jixiao.Application.Persistence;
using Jixiao.Testing;
using Jixiao.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Jixiao.Web.Tests;

/// <summary>
/// The web app over a real SQLite file in a temporary folder, seeded with the demo company, with its clock standing at
/// <see cref="TestClock.Now"/> (2026-11-26: May–October 2026 and November to the 25th, November open) unless given another.
/// </summary>
public partial class JixiaoFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jixiao-web-").FullName;

    public JixiaoFactory()
        : this(TestClock.New())
    {
    }

    protected JixiaoFactory(FakeTimeProvider clock) => Clock = clock;

    /// <summary>The app's clock (the demo is seeded relative to it). Hosts sharing this one's database take it too.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>The host environment (Development unless a test needs Production's behaviour).</summary>
    public string EnvironmentName { get; init; } = "Development";

    /// <summary>Extra configuration (key → value) for this factory's app.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Replaces or adds services after the app's own (a decorated password hasher, an interceptor …).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Jixiao", $"Data Source={Path.Combine(_folder, "jixiao.db")}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Projection:RefreshEnabled", "false"); // the daily recalculation would add runs under the tests
        builder.UseSetting("Reminders:Enabled", "false"); // tests tick the reminder job themselves
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment(EnvironmentName);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        if (TestServices is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }
    }

    /// <summary>
    /// A client that keeps cookies and does not follow redirects. It sends the CSRF header of cookie API clients
    /// (<see cref="CsrfGuard.HeaderName"/>) unless <paramref name="csrfHeader"/> is false; <paramref name="baseAddress"/>
    /// e.g. https://jixiao.example/ for HTTPS.
    /// </summary>
    public HttpClient NewClient(bool csrfHeader = true, Uri? baseAddress = null)
    {
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true };
        if (baseAddress is not null)
        {
            options.BaseAddress = baseAddress;
        }

        var client = CreateClient(options);
        if (csrfHeader)
        {
            client.DefaultRequestHeaders.Add(CsrfGuard.HeaderName, "1");
        }

        return client;
    }

    /// <summary>A client signed in through the sign-in form (with its antiforgery token).</summary>
    public async Task<HttpClient> SignedIn(string userName, string password, bool csrfHeader = true)
    {
        var client = NewClient(csrfHeader);
        var response = await Login(client, userName, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        return client;
    }

    public static async Task<HttpResponseMessage> Login(HttpClient client, string userName, string password)
    {
        var page = await client.GetStringAsync("/login");
        var token = TokenPattern().Match(page).Groups[1].Value;
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["userName"] = userName,
            ["password"] = password,
        }));
    }

    public T WithDb<T>(Func<JixiaoDbContext, T> query)
    {
        using var scope = Services.CreateScope();
        return query(scope.ServiceProvider.GetRequiredService<JixiaoDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
