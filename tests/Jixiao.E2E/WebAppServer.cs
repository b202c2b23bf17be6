using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Jixiao.E2E;

/// <summary>
/// The real web app on Kestrel (127.0.0.1, a port the system picks) over a temporary SQLite file seeded with
/// the demo company: a class fixture for browser tests.
/// </summary>
public sealed class WebAppServer : WebApplicationFactory<Program>
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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("ConnectionStrings:Jixiao", $"Data Source={Path.Combine(_folder, "jixiao.db")}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Projection:RefreshEnabled", "false"); // the daily recalculation would add runs under the tests
        builder.UseEnvironment("Development");
        builder.UseUrls("http://127.0.0.1:0");
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
