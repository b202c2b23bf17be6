using System.Globalization;
using Jixiao.Application.Calendar;
using Jixiao.Application.Evaluations;
using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Notifications;

/// <summary>
/// Notifications of steps due (docs/decisions/0023-notifications.md). <see cref="NotifyAsync"/> turns every step someone
/// owes now (<see cref="DueSteps.AllAsync"/>) into an in-app notification, once per step and stage: when the step is first
/// seen, and again once its deadline has passed. Running it again the same day, or on another instance, adds nothing.
/// Employees read, and mark read, only their own.
/// </summary>
public sealed class DueReminders(JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone)
{
    /// <summary>The most notifications one page of <see cref="ListAsync"/> returns.</summary>
    public const int PageSize = 50;

    /// <summary>The key that makes a step at a stage one notification: period, step, deadline, due or overdue.</summary>
    public static string KeyOf(DueStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return string.Create(CultureInfo.InvariantCulture, $"{step.Period}|{step.Kind}|{step.Due:yyyy-MM-dd}|{(step.Overdue ? "overdue" : "due")}");
    }

    /// <summary>Adds a notification for every step due that has none at its stage yet; returns the new ones.</summary>
    public async Task<IReadOnlyList<NotificationRecord>> NotifyAsync(CancellationToken ct = default)
    {
        var due = await DueSteps.AllAsync(db, time, zone, ct).ConfigureAwait(false);
        if (due.Count == 0)
        {
            return [];
        }

        var periods = due.Values.SelectMany(s => s).Select(s => s.Period).Distinct(StringComparer.Ordinal).ToList();
        var known = (await db.Notifications.AsNoTracking().Where(n => periods.Contains(n.Period)).Select(n => new { n.EmployeeId, n.Key })
            .ToListAsync(ct).ConfigureAwait(false)).Select(n => (n.EmployeeId, n.Key)).ToHashSet();
        var now = time.GetUtcNow().UtcDateTime;
        var added = new List<NotificationRecord>();
        foreach (var (employee, steps) in due.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            foreach (var step in steps)
            {
                var key = KeyOf(step);
                if (known.Add((employee, key)))
                {
                    added.Add(new NotificationRecord
                    {
                        EmployeeId = employee,
                        Period = step.Period,
                        Kind = step.Kind.ToString(),
                        Due = step.Due,
                        Overdue = step.Overdue,
                        Count = step.Count,
                        Key = key,
                        CreatedAt = now,
                    });
                }
            }
        }

        db.Notifications.AddRange(added);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return added;
    }

    /// <summary>The notifications not yet e-mailed that were made within <paramref name="days"/> days (older ones are not sent late).</summary>
    public Task<List<NotificationRecord>> UnsentAsync(int days, CancellationToken ct = default)
    {
        var since = time.GetUtcNow().UtcDateTime.AddDays(-days);
        return db.Notifications.Where(n => n.EmailedAt == null && n.CreatedAt >= since).OrderBy(n => n.Id).ToListAsync(ct);
    }

    /// <summary>Records that <paramref name="ids"/> were e-mailed now.</summary>
    public async Task MarkEmailedAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var chunk in ids.Chunk(500))
        {
            await db.Notifications.Where(n => chunk.Contains(n.Id)).ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailedAt, now), ct).ConfigureAwait(false);
        }
    }

    /// <summary>The employee's notifications, newest first, one page of <see cref="PageSize"/>.</summary>
    public Task<List<NotificationRecord>> ListAsync(string employee, bool unreadOnly, int page, CancellationToken ct = default)
    {
        var query = db.Notifications.AsNoTracking().Where(n => n.EmployeeId == employee);
        if (unreadOnly)
        {
            query = query.Where(n => n.ReadAt == null);
        }

        return query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Skip(Math.Max(0, page - 1) * PageSize).Take(PageSize).ToListAsync(ct);
    }

    /// <summary>How many of the employee's notifications are unread.</summary>
    public Task<int> UnreadCountAsync(string employee, CancellationToken ct = default) =>
        db.Notifications.CountAsync(n => n.EmployeeId == employee && n.ReadAt == null, ct);

    /// <summary>Marks the employee's notification <paramref name="id"/> read; false when they have none with that id.</summary>
    public async Task<bool> MarkReadAsync(string employee, long id, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var mine = await db.Notifications.AnyAsync(n => n.Id == id && n.EmployeeId == employee, ct).ConfigureAwait(false);
        if (mine)
        {
            await db.Notifications.Where(n => n.Id == id && n.EmployeeId == employee && n.ReadAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct).ConfigureAwait(false);
        }

        return mine;
    }

    /// <summary>Marks all the employee's notifications read; returns how many were unread.</summary>
    public Task<int> MarkAllReadAsync(string employee, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.Notifications.Where(n => n.EmployeeId == employee && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }
}
