using Jixiao.Application.Scheduling;

namespace Jixiao.Persistence.Tests;

/// <summary>The lease SQL on SQLite (the PostgreSQL side, with two instances and races, is in Jixiao.Postgres.Tests).</summary>
public sealed class SchedulerLeaseTests : IDisposable
{
    private static readonly DateTime T0 = new(2026, 11, 26, 10, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Five = TimeSpan.FromMinutes(5);
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task TryAcquire_WhenHeld_ThenOthersWaitUntilExpiryOrRelease()
    {
        using var db = _db.NewContext();
        var leases = new SchedulerLeases(db);
        Assert.True(await leases.TryAcquireAsync("job", "a", T0, Five));
        Assert.False(await leases.TryAcquireAsync("job", "b", T0.AddMinutes(1), Five));
        Assert.True(await leases.TryAcquireAsync("job", "a", T0.AddMinutes(4), Five));
        Assert.False(await leases.TryAcquireAsync("job", "b", T0.AddMinutes(8.5), Five));
        Assert.True(await leases.TryAcquireAsync("job", "b", T0.AddMinutes(9), Five));
        Assert.True(await leases.TryAcquireAsync("other", "a", T0.AddMinutes(9), Five));

        Assert.False(await leases.CompleteRunAsync("job", "a", T0));
        Assert.True(await leases.CompleteRunAsync("job", "b", T0.AddMinutes(9)));
        await leases.ReleaseAsync("job", "b", T0.AddMinutes(10));
        Assert.True(await leases.TryAcquireAsync("job", "a", T0.AddMinutes(10), Five));

        var stored = await leases.GetAsync("job");
        Assert.Equal("a", stored!.Holder);
        Assert.Equal(T0.AddMinutes(15), stored.ExpiresAt);
        Assert.Equal(T0.AddMinutes(9), stored.LastRunAt);
    }
}
