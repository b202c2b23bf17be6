using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Compensation;

/// <summary>
/// HR's cost decision for one result of a period whose capped pay exceeded the plan's pool (seed 002 "成本控制"): scale
/// to the pool or approve the excess with a reason; the figures it was taken on, who took it and when. Append-only: a
/// new result of the period (a new published run) needs a new decision.
/// </summary>
public sealed class CostDecisionEntity
{
    public long Id { get; set; }

    /// <summary>The earned period, e.g. 2026-05.</summary>
    public required string Period { get; set; }

    /// <summary>The calculation run (the period's payable result) the decision was taken on.</summary>
    public long RunId { get; set; }

    /// <summary><c>scale</c> or <c>approve_excess</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>Why the excess is approved (required then), or HR's note on the scaling.</summary>
    public string? Reason { get; set; }

    public decimal Revenue { get; set; }

    public decimal Pool { get; set; }

    public decimal Total { get; set; }

    public decimal Excess { get; set; }

    public required string DecidedBy { get; set; }

    public DateTime DecidedAt { get; set; }
}

/// <summary>One capped pay line of a decision: the amount computed and the amount the decision pays.</summary>
public sealed class CostDecisionLineEntity
{
    public long Id { get; set; }

    public long DecisionId { get; set; }

    public required string EmployeeId { get; set; }

    public required string Component { get; set; }

    public decimal Original { get; set; }

    public decimal Scaled { get; set; }
}

/// <summary>The cost decision tables' mapping (called from the database context).</summary>
internal static class CostControlModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<CostDecisionEntity>(e =>
        {
            e.ToTable("cost_decisions");
            e.Property(x => x.Period).HasMaxLength(16);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.DecidedBy).HasMaxLength(64);
            e.Property(x => x.Revenue).HasPrecision(18, 2);
            e.Property(x => x.Pool).HasPrecision(18, 2);
            e.Property(x => x.Total).HasPrecision(18, 2);
            e.Property(x => x.Excess).HasPrecision(18, 2);
            e.HasIndex(x => new { x.Period, x.RunId }).IsUnique();
        });

        builder.Entity<CostDecisionLineEntity>(e =>
        {
            e.ToTable("cost_decision_lines");
            e.Property(x => x.EmployeeId).HasMaxLength(64);
            e.Property(x => x.Component).HasMaxLength(64);
            e.Property(x => x.Original).HasPrecision(18, 2);
            e.Property(x => x.Scaled).HasPrecision(18, 2);
            e.HasOne<CostDecisionEntity>().WithMany().HasForeignKey(x => x.DecisionId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.DecisionId, x.EmployeeId, x.Component }).IsUnique();
        });
    }

    /// <summary>Decisions and their lines are never modified or deleted.</summary>
    public static void Guard(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry)
    {
        if (entry.Entity is CostDecisionEntity or CostDecisionLineEntity && entry.State is EntityState.Modified or EntityState.Deleted)
        {
            throw new InvalidOperationException("Cost decisions are append-only.");
        }
    }
}
