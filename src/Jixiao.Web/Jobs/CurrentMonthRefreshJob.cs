using System.Globalization;
using Jixiao.Application.Calendar;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Jobs;

/// <summary>
/// Daily: recalculates the current month (company date, in <c>Company:TimeZone</c>) so salespeople see their standing as of
/// today: points so far and the projected total (docs/decisions/0018-projection.md). Runs once a day across
/// instances at <c>Projection:RefreshAt</c> (company time, default 06:00), only when a plan is stored and the month
/// has targets (a month nobody is assessed in yet gets no run). Each run is a normal stored run ("scheduler").
/// </summary>
public sealed class CurrentMonthRefreshJob(IServiceScopeFactory scopes, TimeProvider time, SchedulerInstance instance, IConfiguration configuration, CompanyTimeZone zone, ILogger<CurrentMonthRefreshJob> logger)
    : LeasedJob(scopes, time, instance, logger)
{
    /// <summary>The user recorded as having started the run.</summary>
    public const string StartedBy = "scheduler";

    public override string Name => "current-month-refresh";

    public override TimeSpan Interval => TimeSpan.FromDays(1);

    /// <summary>The configured company time of day as an offset of the UTC day (06:00 in UTC+8 is 22:00 UTC).</summary>
    public override TimeSpan Offset => RefreshOffset(configuration["Projection:RefreshAt"], zone);

    /// <summary>The UTC offset of a company time of day (hh:mm) in <paramref name="zone"/> (its standard offset); 06:00 when not set.</summary>
    public static TimeSpan RefreshOffset(string? at, CompanyTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = string.IsNullOrWhiteSpace(at) ? TimeSpan.FromHours(6) : TimeSpan.ParseExact(at.Trim(), @"hh\:mm", CultureInfo.InvariantCulture);
        var utc = (local - zone.Zone.BaseUtcOffset).Ticks % TimeSpan.TicksPerDay;
        return TimeSpan.FromTicks(utc < 0 ? utc + TimeSpan.TicksPerDay : utc);
    }

    protected override async Task RunAsync(IServiceProvider services, DateTime now, CancellationToken ct)
    {
        var db = services.GetRequiredService<JixiaoDbContext>();
        var clock = services.GetRequiredService<TimeProvider>();
        var month = zone.CurrentMonth(clock);
        var key = month.ToString();
        if (!await db.Targets.AnyAsync(t => t.Period == key, ct))
        {
            logger.LogInformation("Current month {Period} has no targets yet; not recalculated.", key);
            return;
        }

        var outcome = await new CalculationService(db, clock, zone).RunAsync(month, StartedBy, ct);
        if (outcome is null)
        {
            logger.LogInformation("No plan stored; {Period} not recalculated.", key);
        }
    }
}
