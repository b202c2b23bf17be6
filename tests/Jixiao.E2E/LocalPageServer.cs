using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Jixiao.E2E;

/// <summary>
/// Kestrel on 127.0.0.1 with a port the system picks, serving fixed HTML pages: for browser tests
/// that need a page but not the web app (the web app's tests use WebApplicationFactory).
/// </summary>
public sealed class LocalPageServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalPageServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    /// <summary>Starts a server that answers GET PATH with the page's HTML (UTF-8).</summary>
    public static async Task<LocalPageServer> StartAsync(IReadOnlyDictionary<string, string> pages)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        foreach (var (path, html) in pages)
        {
            app.MapGet(path, () => Results.Content(html, "text/html; charset=utf-8"));
        }

        await app.StartAsync();
        return new LocalPageServer(app, new Uri(app.Urls.Single() + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
