using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Compensation;

/// <summary>
/// HR's decision on a career recommendation (SPEC §9): accepted (with the effective-dated change it made) or rejected with a
/// reason; who decided and when. One per person, rule and effective month; never changed.
/// </summary>
public sealed class CareerDecisionEntity
{
    public long Id { get; set; }

    public required string EmployeeId { get; set; }

    /// <summary>The rule's code (tier_promotion …).</summary>
    public required string Rule { get; set; }

    /// <summary>The month the recommendation takes effect from, e.g. 2026-08.</summary>
    public required string Effective { get; set; }

    public bool Accepted { get; set; }

    /// <summary>Why it was rejected (required then), or HR's note on the acceptance.</summary>
    public string? Reason { get; set; }

    /// <summary>The change made, as the audit log says it (tier b1 → b2 from 2026-08-01; leaves on 2026-07-31).</summary>
    public string? Change { get; set; }

    public required string DecidedBy { get; set; }

    public DateTime DecidedAt { get; set; }
}

/// <summary>The career decisions table's mapping (called from the database context).</summary>
internal static class CareerDecisionModel
{
    public static void Configure(ModelBuilder builder) => builder.Entity<CareerDecisionEntity>(e =>
    {
        e.ToTable("career_decisions");
        e.Property(x => x.EmployeeId).HasMaxLength(64);
        e.Property(x => x.Rule).HasMaxLength(64);
        e.Property(x => x.Effective).HasMaxLength(16);
        e.Property(x => x.Reason).HasMaxLength(500);
        e.Property(x => x.Change).HasMaxLength(500);
        e.Property(x => x.DecidedBy).HasMaxLength(64);
        e.HasIndex(x => new { x.EmployeeId, x.Rule, x.Effective }).IsUnique();
    });

    /// <summary>Decisions are never modified or deleted.</summary>
    public static void Guard(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry)
    {
        if (entry.Entity is CareerDecisionEntity && entry.State is EntityState.Modified or EntityState.Deleted)
        {
            throw new InvalidOperationException("Career decisions are append-only.");
        }
    }
}
