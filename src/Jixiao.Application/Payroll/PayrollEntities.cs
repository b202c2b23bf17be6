using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Payroll;

/// <summary>Where a payroll month stands: prepared (its lines can be prepared again) or approved (locked for good).</summary>
public enum PayrollMonthState
{
    /// <summary>Lines stored by a preparer, waiting for a second approver; preparing again replaces them.</summary>
    Prepared,

    /// <summary>Approved by someone other than the preparer: its lines are never edited or deleted again.</summary>
    Approved,
}

/// <summary>
/// A payroll month (工资发放月): the month's ledger lines as prepared, who prepared and who approved them (docs/pay-ledger.md
/// "The web app"). Once approved nothing of it changes: corrections are new lines of a later month.
/// </summary>
public sealed class PayrollMonthEntity : IVersioned
{
    public long Id { get; set; }

    /// <summary>The month, e.g. 2026-07.</summary>
    public required string Month { get; set; }

    public PayrollMonthState State { get; set; }

    public required string PreparedBy { get; set; }

    public DateTime PreparedAt { get; set; }

    public string? ApprovedBy { get; set; }

    public DateTime? ApprovedAt { get; set; }

    /// <summary>The number of lines and what they pay (paid, paid back, clawed back, adjusted).</summary>
    public int LineCount { get; set; }

    public decimal Total { get; set; }

    /// <summary>SHA-256 of the month's payroll file as prepared: an approval approves exactly these bytes.</summary>
    public required string Fingerprint { get; set; }

    public long Version { get; set; }
}

/// <summary>
/// One ledger line of a payroll month, append-only: the person (with their name and unit when prepared), the pay component,
/// the period it was earned in, its status code and amount, the rule and its arguments (the explanation), and for a
/// correction or pay-back the approved line it refers to.
/// </summary>
public sealed class PayrollLineEntity
{
    public long Id { get; set; }

    public long PayrollMonthId { get; set; }

    /// <summary>The pay month (as its month's <see cref="PayrollMonthEntity.Month"/>).</summary>
    public required string Month { get; set; }

    /// <summary>The line's place in the month's file (the ledger's order).</summary>
    public int Seq { get; set; }

    public required string EmployeeId { get; set; }

    public required string EmployeeName { get; set; }

    public required string OrgUnitId { get; set; }

    public required string Component { get; set; }

    public required string ComponentName { get; set; }

    public required string Earned { get; set; }

    /// <summary>The file's status code (paid, forfeited, withheld, paid_back, clawed_back, adjusted).</summary>
    public required string Status { get; set; }

    public decimal Amount { get; set; }

    /// <summary>The <see cref="Domain.Compensation.Ledger.LedgerRule"/> name.</summary>
    public required string Rule { get; set; }

    /// <summary>The rule's arguments as a JSON array of strings.</summary>
    public required string ArgumentsJson { get; set; }

    /// <summary>The approved line a correction or pay-back refers to, when it is stored.</summary>
    public long? RefersLineId { get; set; }
}

/// <summary>The payroll tables' mapping (called from <see cref="JixiaoDbContext"/>).</summary>
internal static class PayrollModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<PayrollMonthEntity>(e =>
        {
            e.ToTable("payroll_months");
            e.Property(x => x.Month).HasMaxLength(16);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Total).HasPrecision(18, 2);
            e.Property(x => x.Fingerprint).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.Month).IsUnique();
        });

        builder.Entity<PayrollLineEntity>(e =>
        {
            e.ToTable("payroll_lines");
            e.Property(x => x.Month).HasMaxLength(16);
            e.Property(x => x.EmployeeId).HasMaxLength(64);
            e.Property(x => x.OrgUnitId).HasMaxLength(64);
            e.Property(x => x.Earned).HasMaxLength(16);
            e.Property(x => x.Status).HasMaxLength(16);
            e.Property(x => x.Rule).HasMaxLength(64);
            e.Property(x => x.Amount).HasPrecision(18, 2);
            e.Property(x => x.ArgumentsJson).HasMaxLength(4000);
            e.HasOne<PayrollMonthEntity>().WithMany().HasForeignKey(x => x.PayrollMonthId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<PayrollLineEntity>().WithMany().HasForeignKey(x => x.RefersLineId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.PayrollMonthId, x.Seq }).IsUnique();
            e.HasIndex(x => new { x.EmployeeId, x.Month });
        });
    }

    /// <summary>
    /// Refuses edits of the append-only records: a payroll line is never modified, and an approved month (or a line of it)
    /// is never modified or deleted.
    /// </summary>
    public static void Guard(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry)
    {
        if (entry.Entity is PayrollLineEntity && entry.State == EntityState.Modified)
        {
            throw new InvalidOperationException("Payroll lines are append-only.");
        }

        if (entry.Entity is PayrollMonthEntity && entry.State is EntityState.Modified or EntityState.Deleted
            && (PayrollMonthState)entry.Property(nameof(PayrollMonthEntity.State)).OriginalValue! == PayrollMonthState.Approved)
        {
            throw new InvalidOperationException("An approved payroll month is never changed.");
        }
    }
}
