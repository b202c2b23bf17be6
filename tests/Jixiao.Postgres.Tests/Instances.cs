using System.Net;
using System.Text.RegularExpressions;
using Jixiao.Application.Persistence;
using Jixiao.Migrations.Postgres;
using Jixiao.Testing;
using Jixiao.Web.Jobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Jixiao.Postgres.Tests;

/// <summary>One "instance" of Jixiao's back end: its own service provider (and so its own scheduler identity) on a shared database.</summary>
public sealed class Instance : IDisposable
{
    private readonly ServiceProvider _services;

    public Instance(string connectionString, TimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time);
        services.AddDbContext<JixiaoDbContext>(o => PostgresStore.Configure(o, connectionString));
        services.AddSingleton<SchedulerInstance>();
        services.AddSingleton<ApiTokenPurgeJob>();
        services.AddSingleton<CountingJob>();
        _services = services.BuildServiceProvider();
    }

    public IServiceProvider Services => _services;

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public void Dispose() => _services.Dispose();

    public static async Task MigrateAsync(string connectionString)
    {
        await using var db = new JixiaoDbContext(PostgresStore.Options(connectionString));
        await db.Database.MigrateAsync();
    }
}

/// <summary>A job that only counts its runs (in a static counter per test database), every hour.</summary>
public sealed class CountingJob(IServiceScopeFactory scopes, TimeProvider time, SchedulerInstance instance, Microsoft.Extensions.Logging.ILogger<CountingJob> logger)
    : LeasedJob(scopes, time, instance, logger)
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Counts = new();

    public override string Name => "counting";

    public override TimeSpan Interval => TimeSpan.FromHours(1);

    public override TimeSpan LeaseDuration => TimeSpan.FromMinutes(5);

    public static int RunsOn(string database) => Counts.GetValueOrDefault(database);

    protected override Task RunAsync(IServiceProvider services, DateTime now, CancellationToken ct)
    {
        var database = services.GetRequiredService<JixiaoDbContext>().Database.GetDbConnection().Database;
        Counts.AddOrUpdate(database, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}

/// <summary>
/// The web app on a PostgreSQL database (Development environment, demo seeded), with its clock standing at
/// <see cref="TestClock.Now"/>: hosts that share a database share that moment, so one's cookies are valid on the other.
/// </summary>
public sealed partial class PostgresWebFactory(string connectionString, FakeTimeProvider? clock = null) : WebApplicationFactory<Program>
{
    public CookieContainer Cookies { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", "Postgres");
        builder.UseSetting("Projection:RefreshEnabled", "false"); // the daily recalculation would add runs under the tests
        builder.UseSetting("Reminders:Enabled", "false"); // as on SQLite: tests tick the reminder job themselves
        builder.UseSetting("ConnectionStrings:Jixiao", connectionString);
        builder.UseEnvironment("Development");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock ?? TestClock.New()));
    }

    /// <summary>A client without redirects that keeps its cookies in <paramref name="cookies"/>.</summary>
    public HttpClient Client(CookieContainer cookies)
    {
        var client = CreateDefaultClient(new CookieContainerHandler(cookies));
        return client;
    }

    /// <summary>Signs in through the sign-in form (with its antiforgery token); returns the response to the post.</summary>
    public static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string userName, string password)
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

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
