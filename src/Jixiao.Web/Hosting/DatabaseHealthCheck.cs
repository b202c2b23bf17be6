using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jixiao.Web.Hosting;

/// <summary>For <c>/healthz</c>: healthy when the database answers a query on a migrated table.</summary>
public sealed class DatabaseHealthCheck(JixiaoDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            _ = await db.SchedulerLeases.AsNoTracking().AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("database unavailable: " + e.GetType().Name, e);
        }
    }
}
