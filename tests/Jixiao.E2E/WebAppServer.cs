using Jixiao.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Jixiao.E2E;

/// <summary>
/// The real web app on Kestrel (127.0.0.1, a port the system picks) over a temporary SQLite file seeded with
/// the demo company: a class fixture for browser tests.
/// </summary>
public class WebAppServer : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jixiao-e2e-").FullName;
    private Uri? _address;

    /// <summary>The app's base address, e.g. http://127.0.0.1:41234/ (the server starts on first use).</summary>
    public Uri Address
    {
        get
        {
            if (_address is null)
            {
                UseKestrel(0);
                StartServer();
                var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                _address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal) + "/");
            }

            return _address;
        }
    }

    /// <summary>The app's clock: a FakeTimeProvider standing at <see cref="TestClock.Now"/> unless a fixture sets another.</summary>
    protected virtual TimeProvider Clock { get; } = TestClock.New();

    /// <summary>Signs in on the sign-in page in a new page of <paramref name="context"/> and waits for the home page.</summary>
    public async Task<IPage> SignInAsync(IBrowserContext context, string user, string password)
    {
        ArgumentNullException.ThrowIfNull(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Address, "login").ToString());
        await page.FillAsync("#userName", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#login-submit");

        // Starting the first circuit can take long while the other test projects load both cores.
        await page.WaitForURLAsync(new Uri(Address, "").ToString(), new() { Timeout = 90_000 });
        return page;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("ConnectionStrings:Jixiao", $"Data Source={Path.Combine(_folder, "jixiao.db")}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Projection:RefreshEnabled", "false"); // the daily recalculation would add runs under the tests
        builder.UseEnvironment("Development");
        builder.UseUrls("http://127.0.0.1:0");
        builder.ConfigureTestServices(services => services.AddSingleton(Clock));
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
}
