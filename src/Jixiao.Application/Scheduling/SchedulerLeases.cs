using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Scheduling;

/// <summary>
/// Named leases in <c>scheduler_leases</c>: several instances on one database agree on which of them runs a
/// scheduled job. Acquiring is one atomic conditional UPDATE (after an INSERT … ON CONFLICT DO NOTHING that
/// creates the row the first time), so it is safe on PostgreSQL (row lock, the WHERE is re-checked after a
/// concurrent update commits) and on SQLite (one writer at a time).
/// </summary>
public sealed class SchedulerLeases(JixiaoDbContext db)
{
    /// <summary>
    /// Takes or renews the lease <paramref name="name"/> for <paramref name="holder"/> until
    /// <paramref name="now"/> + <paramref name="duration"/>. True when <paramref name="holder"/> holds it now:
    /// it held it already, or the previous holder's lease had expired.
    /// </summary>
    public async Task<bool> TryAcquireAsync(string name, string holder, DateTime now, TimeSpan duration, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(holder);
        var free = DateTime.UnixEpoch;
        var nobody = "";
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO scheduler_leases (\"Name\", \"Holder\", \"ExpiresAt\") VALUES ({name}, {nobody}, {free}) ON CONFLICT (\"Name\") DO NOTHING",
            ct).ConfigureAwait(false);

        var expires = now + duration;
        var updated = await db.SchedulerLeases
            .Where(l => l.Name == name && (l.Holder == holder || l.ExpiresAt <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, expires), ct)
            .ConfigureAwait(false);
        return updated == 1;
    }

    /// <summary>The lease as stored now (not tracked), or null when it was never taken.</summary>
    public Task<SchedulerLease?> GetAsync(string name, CancellationToken ct = default) =>
        db.SchedulerLeases.AsNoTracking().SingleOrDefaultAsync(l => l.Name == name, ct);

    /// <summary>Records a completed run started at <paramref name="startedAt"/>; false when <paramref name="holder"/> lost the lease meanwhile.</summary>
    public async Task<bool> CompleteRunAsync(string name, string holder, DateTime startedAt, CancellationToken ct = default) =>
        await db.SchedulerLeases
            .Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.LastRunAt, startedAt), ct)
            .ConfigureAwait(false) == 1;

    /// <summary>Gives the lease up at <paramref name="now"/> (on shutdown), so another instance can take it at once.</summary>
    public async Task ReleaseAsync(string name, string holder, DateTime now, CancellationToken ct = default) =>
        await db.SchedulerLeases
            .Where(l => l.Name == name && l.Holder == holder && l.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, now), ct)
            .ConfigureAwait(false);
}
