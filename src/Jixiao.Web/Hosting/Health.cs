using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Jixiao.Web.Hosting;

/// <summary>
/// <c>/healthz</c>: liveness — the process answers; it checks nothing else, so a database outage never makes an
/// orchestrator restart healthy instances. <c>/readyz</c>: readiness — the database answers and has no pending migration.
/// Both anonymous, answering only <c>Healthy</c> (200) or <c>Unhealthy</c> (503), never details.
/// </summary>
public static class Health
{
    private const string Ready = "ready";

    public static IServiceCollection AddJixiaoHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [Ready], timeout: TimeSpan.FromSeconds(10));
        return services;
    }

    public static IEndpointRouteBuilder MapJixiaoHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) }).AllowAnonymous();
        return app;
    }

    /// <summary>The probes' paths, left out of traces.</summary>
    public static bool IsProbe(PathString path) => path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/readyz", StringComparison.OrdinalIgnoreCase);
}
