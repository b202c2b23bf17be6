using Jixiao.Application.Persistence;
using Jixiao.Application.Scheduling;
using Jixiao.Migrations.Postgres;
using Jixiao.Testing;
using Jixiao.Web.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Postgres.Tests;

/// <summary>Two instances (two service providers) on one PostgreSQL database run scheduled work once, not once each.</summary>
public sealed class SchedulerTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 10, 0, 30, TimeSpan.Zero);

    [SkippableFact]
    public async Task LeasedJob_WhenTwoInstancesPoll_ThenRunsOncePerIntervalAndTheOtherTakesOverAfterExpiry()
    {
        await Instance.MigrateAsync(database.ConnectionString);
        var clock = TestClock.At(Start);
        using var a = new Instance(database.ConnectionString, clock);
        using var b = new Instance(database.ConnectionString, clock);
        var jobA = a.Get<CountingJob>();
        var jobB = b.Get<CountingJob>();
        int Runs() => CountingJob.RunsOn(database.DatabaseName);

        Assert.Equal(JobTick.Ran, await jobA.TickAsync());
        Assert.Equal(JobTick.NotHolder, await jobB.TickAsync());
        Assert.Equal(1, Runs());

        // Polls in the same hour: A renews and finds nothing due; B never gets the lease.
        for (var i = 0; i < 10; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(JobTick.NotDue, await jobA.TickAsync());
            Assert.Equal(JobTick.NotHolder, await jobB.TickAsync());
        }

        Assert.Equal(1, Runs());

        // Next hour (A keeps polling every minute, so it keeps its lease): the holder runs it once.
        for (var i = 0; i < 50; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(i < 49 ? JobTick.NotDue : JobTick.Ran, await jobA.TickAsync());
            Assert.Equal(JobTick.NotHolder, await jobB.TickAsync());
        }

        Assert.Equal(JobTick.NotDue, await jobA.TickAsync());
        Assert.Equal(2, Runs());

        // A dies (stops polling). Until its lease expires B waits; then B takes over and does not repeat this hour's run.
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(JobTick.NotHolder, await jobB.TickAsync());
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(JobTick.NotDue, await jobB.TickAsync());
        Assert.Equal(2, Runs());

        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(JobTick.Ran, await jobB.TickAsync());
        Assert.Equal(JobTick.NotHolder, await jobA.TickAsync());
        Assert.Equal(3, Runs());

        await using var db = new JixiaoDbContext(PostgresStore.Options(database.ConnectionString));
        var lease = await db.SchedulerLeases.SingleAsync(l => l.Name == "counting");
        Assert.Equal(b.Get<SchedulerInstance>().Id, lease.Holder);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, lease.LastRunAt);
    }

    [SkippableFact]
    public async Task TryAcquire_WhenManySessionsRaceForAFreeLease_ThenExactlyOneWins()
    {
        await Instance.MigrateAsync(database.ConnectionString);
        var now = Start.UtcDateTime;
        for (var round = 0; round < 5; round++)
        {
            var name = "race-" + round;
            var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
            {
                await using var db = new JixiaoDbContext(PostgresStore.Options(database.ConnectionString));
                return await new SchedulerLeases(db).TryAcquireAsync(name, "holder-" + i, now, TimeSpan.FromMinutes(5));
            }));
            var won = await Task.WhenAll(attempts);
            Assert.Single(won, w => w);
        }
    }

    [SkippableFact]
    public async Task ApiTokenPurge_WhenTwoInstancesPoll_ThenOldRevokedTokensDeletedOnceAndAudited()
    {
        await Instance.MigrateAsync(database.ConnectionString);
        var clock = TestClock.At(Start);
        var now = Start.UtcDateTime;
        await using (var db = new JixiaoDbContext(PostgresStore.Options(database.ConnectionString)))
        {
            db.ApiTokens.AddRange(
                new ApiToken { Name = "old-revoked", Hash = new string('a', 64), CreatedAt = now.AddDays(-90), RevokedAt = now.AddDays(-40) },
                new ApiToken { Name = "recently-revoked", Hash = new string('b', 64), CreatedAt = now.AddDays(-90), RevokedAt = now.AddDays(-1) },
                new ApiToken { Name = "active", Hash = new string('c', 64), CreatedAt = now.AddDays(-90) });
            await db.SaveChangesAsync();
        }

        using var a = new Instance(database.ConnectionString, clock);
        using var b = new Instance(database.ConnectionString, clock);
        var ticks = await Task.WhenAll(a.Get<ApiTokenPurgeJob>().TickAsync(), b.Get<ApiTokenPurgeJob>().TickAsync());
        Assert.Single(ticks, t => t == JobTick.Ran);
        clock.Advance(TimeSpan.FromHours(3));
        Assert.DoesNotContain(JobTick.Ran, await Task.WhenAll(a.Get<ApiTokenPurgeJob>().TickAsync(), b.Get<ApiTokenPurgeJob>().TickAsync()));

        await using var check = new JixiaoDbContext(PostgresStore.Options(database.ConnectionString));
        Assert.Equal(["active", "recently-revoked"], await check.ApiTokens.OrderBy(t => t.Name).Select(t => t.Name).ToListAsync());
        var audit = await check.AuditLog.Where(e => e.Action == "maintenance.api-tokens.purge").ToListAsync();
        Assert.Single(audit);
        Assert.Contains("old-revoked", audit[0].Detail, StringComparison.Ordinal);
    }
}
