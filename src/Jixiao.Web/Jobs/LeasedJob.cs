using Jixiao.Application.Persistence;
using Jixiao.Application.Scheduling;

namespace Jixiao.Web.Jobs;

/// <summary>This process's name in <c>scheduler_leases.Holder</c>: machine, process id and a random suffix.</summary>
public sealed class SchedulerInstance
{
    public string Id { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
}

/// <summary>What one <see cref="LeasedJob.TickAsync"/> did.</summary>
public enum JobTick
{
    /// <summary>Another instance holds the lease.</summary>
    NotHolder,

    /// <summary>This instance holds the lease, but the job already ran in the current interval.</summary>
    NotDue,

    /// <summary>This instance ran the job.</summary>
    Ran,
}

/// <summary>
/// Scheduled work that runs on one instance only, once per <see cref="Interval"/> (intervals are aligned to
/// 0001-01-01 UTC, so a one-day interval starts at midnight UTC). Every <see cref="PollInterval"/> each instance
/// tries to take or renew the job's lease in <c>scheduler_leases</c>; the holder runs the job when it has not run
/// in the current interval yet, then records the run in the lease row. When the holder stops, it releases the
/// lease; when it dies, the lease expires after <see cref="LeaseDuration"/> and another instance takes over
/// without running the job twice for the same interval. A run that fails is retried at the next poll.
/// Jobs must be idempotent: a crash after the job's own commit and before the run is recorded repeats it.
/// </summary>
public abstract class LeasedJob(IServiceScopeFactory scopes, TimeProvider time, SchedulerInstance instance, ILogger logger) : BackgroundService
{
    /// <summary>The lease name, unique per job (at most 100 characters).</summary>
    public abstract string Name { get; }

    /// <summary>The job runs once per interval.</summary>
    public abstract TimeSpan Interval { get; }

    /// <summary>Where intervals start, after 0001-01-01 UTC (e.g. 22 hours: a one-day interval starts at 22:00 UTC).</summary>
    public virtual TimeSpan Offset => TimeSpan.Zero;

    /// <summary>How long a lease lasts without renewal; longer than a run of the job and than <see cref="PollInterval"/>.</summary>
    public virtual TimeSpan LeaseDuration => TimeSpan.FromMinutes(5);

    /// <summary>How often each instance tries the lease.</summary>
    public virtual TimeSpan PollInterval => TimeSpan.FromMinutes(1);

    /// <summary>The work itself, in a scope of its own.</summary>
    protected abstract Task RunAsync(IServiceProvider services, DateTime now, CancellationToken ct);

    /// <summary>One poll: take or renew the lease and run the job when it is due. The hosted loop calls it; so do tests.</summary>
    public async Task<JobTick> TickAsync(CancellationToken ct = default)
    {
        using var scope = scopes.CreateScope();
        var leases = new SchedulerLeases(scope.ServiceProvider.GetRequiredService<JixiaoDbContext>());
        var now = time.GetUtcNow().UtcDateTime;
        if (!await leases.TryAcquireAsync(Name, instance.Id, now, LeaseDuration, ct))
        {
            return JobTick.NotHolder;
        }

        var lease = await leases.GetAsync(Name, ct);
        if (lease?.LastRunAt is { } last && (last - Offset).Ticks / Interval.Ticks == (now - Offset).Ticks / Interval.Ticks)
        {
            return JobTick.NotDue;
        }

        using (var work = scopes.CreateScope())
        {
            await RunAsync(work.ServiceProvider, now, ct);
        }

        if (!await leases.CompleteRunAsync(Name, instance.Id, now, ct))
        {
            logger.LogWarning("Job {Job} ran on {Instance} but the lease was taken over meanwhile; make LeaseDuration longer than a run.", Name, instance.Id);
        }

        return JobTick.Ran;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (await TickAsync(stoppingToken) == JobTick.Ran)
                    {
                        logger.LogInformation("Job {Job} ran on {Instance}.", Name, instance.Id);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Job {Job} failed on {Instance}; retrying at the next poll.", Name, instance.Id);
                }

                await Task.Delay(PollInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        try
        {
            using var scope = scopes.CreateScope();
            await new SchedulerLeases(scope.ServiceProvider.GetRequiredService<JixiaoDbContext>())
                .ReleaseAsync(Name, instance.Id, time.GetUtcNow().UtcDateTime, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Job {Job}: could not release the lease on shutdown; it expires by itself.", Name);
        }
    }
}
