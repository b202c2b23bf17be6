using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Jobs;

/// <summary>
/// Nightly: deletes API tokens revoked more than <see cref="Retention"/> ago (a revoked token can never be used
/// again; its creation and revocation stay in the audit log) and audits the purge, in one transaction.
/// </summary>
public sealed class ApiTokenPurgeJob(IServiceScopeFactory scopes, TimeProvider time, SchedulerInstance instance, ILogger<ApiTokenPurgeJob> logger)
    : LeasedJob(scopes, time, instance, logger)
{
    /// <summary>How long a revoked token is kept before it is deleted.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    public override string Name => "api-token-purge";

    public override TimeSpan Interval => TimeSpan.FromDays(1);

    protected override async Task RunAsync(IServiceProvider services, DateTime now, CancellationToken ct)
    {
        var db = services.GetRequiredService<JixiaoDbContext>();
        var cutoff = now - Retention;
        var stale = await db.ApiTokens.Where(t => t.RevokedAt != null && t.RevokedAt < cutoff).ToListAsync(ct);
        db.ApiTokens.RemoveRange(stale);
        db.Audit(now, null, "maintenance.api-tokens.purge", null,
            $"{stale.Count} revoked before {cutoff:yyyy-MM-dd HH:mm} UTC deleted: {string.Join(", ", stale.Select(t => t.Name))}");
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Registers the scheduler: <c>Scheduler:Enabled</c> (default true) runs the leased jobs on this instance (token purge, the current month's recalculation, the reminders of steps due).</summary>
public static class SchedulerSetup
{
    public static IServiceCollection AddJixiaoScheduler(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<SchedulerInstance>();
        services.AddSingleton<ApiTokenPurgeJob>();
        if (configuration.GetValue("Scheduler:Enabled", true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<ApiTokenPurgeJob>());
        }

        services.AddSingleton<CurrentMonthRefreshJob>();
        if (configuration.GetValue("Scheduler:Enabled", true) && configuration.GetValue("Projection:RefreshEnabled", true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<CurrentMonthRefreshJob>());
        }

        services.AddSingleton<Notifications.DueReminderJob>();
        if (configuration.GetValue("Scheduler:Enabled", true) && configuration.GetValue("Reminders:Enabled", true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<Notifications.DueReminderJob>());
        }

        return services;
    }
}
