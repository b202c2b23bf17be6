using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Compensation;

/// <summary>Where a joint-sale request stands.</summary>
public enum JointSaleState
{
    /// <summary>Requested, waiting for the sale owner's manager.</summary>
    Pending,

    /// <summary>Approved: the shares are the sale's credits (rows of the credits table).</summary>
    Approved,

    /// <summary>Rejected with a reason; a new request may be made.</summary>
    Rejected,

    /// <summary>Withdrawn by its requester before a decision.</summary>
    Withdrawn,
}

/// <summary>
/// A request to split one sale among several people (seed 003 §五.3 业绩分配): the sale (its external id, owner and date as
/// they were when requested), the shares, the requester's note; who decided, when and why.
/// </summary>
public sealed class JointSaleEntity : IVersioned
{
    public long Id { get; set; }

    /// <summary>The sale's external id (sales.csv <c>id</c>).</summary>
    public required string SaleId { get; set; }

    /// <summary>The sale's seller when requested.</summary>
    public required string OwnerId { get; set; }

    public DateOnly SaleDate { get; set; }

    public JointSaleState State { get; set; }

    /// <summary>Why the sale is shared (optional).</summary>
    public string? Note { get; set; }

    public required string RequestedBy { get; set; }

    public DateTime RequestedAt { get; set; }

    public string? DecidedBy { get; set; }

    public DateTime? DecidedAt { get; set; }

    /// <summary>The approver's note, or the rejection's reason.</summary>
    public string? DecisionNote { get; set; }

    public long Version { get; set; }

    public List<JointSaleShareEntity> Shares { get; set; } = [];
}

/// <summary>One person's share of a joint-sale request (0.6 = 60%).</summary>
public sealed class JointSaleShareEntity
{
    public long Id { get; set; }

    public long JointSaleId { get; set; }

    public required string EmployeeId { get; set; }

    public decimal Share { get; set; }
}

/// <summary>The joint-sale tables' mapping and their guard (called from the database context).</summary>
internal static class JointSaleModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<JointSaleEntity>(e =>
        {
            e.ToTable("joint_sales");
            e.Property(x => x.SaleId).HasMaxLength(300);
            e.Property(x => x.OwnerId).HasMaxLength(64);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Note).HasMaxLength(500);
            e.Property(x => x.RequestedBy).HasMaxLength(64);
            e.Property(x => x.DecidedBy).HasMaxLength(64);
            e.Property(x => x.DecisionNote).HasMaxLength(500);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.SaleId, x.State });
            e.HasIndex(x => new { x.State, x.SaleDate });
            e.HasMany(x => x.Shares).WithOne().HasForeignKey(s => s.JointSaleId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<JointSaleShareEntity>(e =>
        {
            e.ToTable("joint_sale_shares");
            e.Property(x => x.EmployeeId).HasMaxLength(64);
            e.Property(x => x.Share).HasPrecision(18, 6);
            e.HasIndex(x => new { x.JointSaleId, x.EmployeeId }).IsUnique();
            e.HasIndex(x => x.EmployeeId);
        });
    }

    /// <summary>A decided request is never changed, no request is deleted, and shares are never changed or deleted.</summary>
    public static void Guard(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry)
    {
        if (entry.Entity is JointSaleEntity && (entry.State == EntityState.Deleted
            || entry.State == EntityState.Modified && (JointSaleState)entry.Property(nameof(JointSaleEntity.State)).OriginalValue! != JointSaleState.Pending))
        {
            throw new InvalidOperationException("A decided joint-sale request is never changed.");
        }

        if (entry.Entity is JointSaleShareEntity && entry.State is EntityState.Modified or EntityState.Deleted)
        {
            throw new InvalidOperationException("Joint-sale shares are append-only.");
        }
    }
}
