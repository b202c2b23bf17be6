using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Notifications;

/// <summary>
/// An in-app notification of a step due (docs/decisions/0023-notifications.md): addressed to an employee (every account
/// linked to them sees it), about one step of one period, at one stage (due, or overdue). The text is not stored: it is
/// written from these fields in the reader's language. <see cref="Key"/> makes the daily job idempotent: a step at a
/// stage is notified once per employee, however often the job runs.
/// </summary>
public sealed class NotificationRecord
{
    public long Id { get; set; }

    /// <summary>The employee the notification is for.</summary>
    public required string EmployeeId { get; set; }

    /// <summary>The plan period of the step, e.g. 2026-11.</summary>
    public required string Period { get; set; }

    /// <summary>The step (a <see cref="Evaluations.DueKind"/> name).</summary>
    public required string Kind { get; set; }

    /// <summary>The step's deadline (company date).</summary>
    public DateOnly Due { get; set; }

    /// <summary>Whether the deadline had passed when the notification was made.</summary>
    public bool Overdue { get; set; }

    /// <summary>How many (scorings owed, people late); 1 for one's own step.</summary>
    public int Count { get; set; }

    /// <summary>Period, step, deadline and stage: unique per employee.</summary>
    public required string Key { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>When the employee marked it read (null: unread).</summary>
    public DateTime? ReadAt { get; set; }

    /// <summary>When it was e-mailed (null: not sent, no address, or no SMTP server configured).</summary>
    public DateTime? EmailedAt { get; set; }
}

/// <summary>The table of <see cref="NotificationRecord"/>.</summary>
internal static class NotificationModel
{
    public static void Configure(ModelBuilder builder) =>
        builder.Entity<NotificationRecord>(e =>
        {
            e.ToTable("notifications");
            e.Property(x => x.EmployeeId).HasMaxLength(64);
            e.Property(x => x.Period).HasMaxLength(16);
            e.Property(x => x.Kind).HasMaxLength(40);
            e.Property(x => x.Key).HasMaxLength(100);
            e.HasIndex(x => new { x.EmployeeId, x.Key }).IsUnique();
            e.HasIndex(x => new { x.EmployeeId, x.ReadAt });
        });
}
