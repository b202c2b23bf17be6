using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Compensation;

/// <summary>Where a team reward distribution stands.</summary>
public enum TeamRewardState
{
    /// <summary>Submitted by the team's leader, waiting for the manager.</summary>
    Submitted,

    /// <summary>Approved: every share is a ledger line of the earned month.</summary>
    Approved,

    /// <summary>Rejected with a note; the leader may enter the pool again.</summary>
    Rejected,
}

/// <summary>
/// A leader's distribution of a team reward pool (seed 004 团队奖励): the plan's rule, the team's leader and unit, the month the
/// pool was earned in, the pool, the shares; who submitted and who decided.
/// </summary>
public sealed class TeamRewardEntity : IVersioned
{
    public long Id { get; set; }

    /// <summary>The plan's team reward code (the ledger's component).</summary>
    public required string Rule { get; set; }

    public required string LeaderId { get; set; }

    public required string OrgUnitId { get; set; }

    /// <summary>The month the pool was earned in, e.g. 2026-05.</summary>
    public required string Month { get; set; }

    public decimal Pool { get; set; }

    public TeamRewardState State { get; set; }

    public required string SubmittedBy { get; set; }

    public DateTime SubmittedAt { get; set; }

    public string? DecidedBy { get; set; }

    public DateTime? DecidedAt { get; set; }

    public string? DecisionNote { get; set; }

    public long Version { get; set; }

    public List<TeamRewardShareEntity> Shares { get; set; } = [];
}

/// <summary>One member's share of a distribution.</summary>
public sealed class TeamRewardShareEntity
{
    public long Id { get; set; }

    public long TeamRewardId { get; set; }

    public required string EmployeeId { get; set; }

    public decimal Amount { get; set; }
}

/// <summary>The team reward tables' mapping and their guard (called from the database context).</summary>
internal static class TeamRewardModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<TeamRewardEntity>(e =>
        {
            e.ToTable("team_rewards");
            e.Property(x => x.Rule).HasMaxLength(64);
            e.Property(x => x.LeaderId).HasMaxLength(64);
            e.Property(x => x.OrgUnitId).HasMaxLength(64);
            e.Property(x => x.Month).HasMaxLength(16);
            e.Property(x => x.Pool).HasPrecision(18, 2);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.SubmittedBy).HasMaxLength(64);
            e.Property(x => x.DecidedBy).HasMaxLength(64);
            e.Property(x => x.DecisionNote).HasMaxLength(500);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.Month, x.LeaderId });
            e.HasMany(x => x.Shares).WithOne().HasForeignKey(s => s.TeamRewardId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<TeamRewardShareEntity>(e =>
        {
            e.ToTable("team_reward_shares");
            e.Property(x => x.EmployeeId).HasMaxLength(64);
            e.Property(x => x.Amount).HasPrecision(18, 2);
            e.HasIndex(x => new { x.TeamRewardId, x.EmployeeId }).IsUnique();
        });
    }

    /// <summary>A decided distribution is never changed, no distribution is deleted, and shares are never changed or deleted.</summary>
    public static void Guard(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry)
    {
        if (entry.Entity is TeamRewardEntity && (entry.State == EntityState.Deleted
            || entry.State == EntityState.Modified && (TeamRewardState)entry.Property(nameof(TeamRewardEntity.State)).OriginalValue! != TeamRewardState.Submitted))
        {
            throw new InvalidOperationException("A decided team reward distribution is never changed.");
        }

        if (entry.Entity is TeamRewardShareEntity && entry.State is EntityState.Modified or EntityState.Deleted)
        {
            throw new InvalidOperationException("Team reward shares are append-only.");
        }
    }
}
