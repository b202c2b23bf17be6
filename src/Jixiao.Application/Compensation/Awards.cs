using System.Globalization;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Compensation;

/// <summary>Where a manual award stands.</summary>
public enum AwardState
{
    /// <summary>Requested, waiting for someone else's decision.</summary>
    Requested,

    /// <summary>Approved: a ledger line of its month.</summary>
    Approved,

    /// <summary>Rejected with a note.</summary>
    Rejected,
}

/// <summary>A manual award (seed 002 战略客户签约奖): who for, which kind, the month, the amount, the reason; who requested and who decided.</summary>
public sealed class AwardEntity : IVersioned
{
    public long Id { get; set; }

    public required string EmployeeId { get; set; }

    /// <summary>The plan's award kind code (the ledger's component).</summary>
    public required string Kind { get; set; }

    /// <summary>The month it is granted for, e.g. 2026-05.</summary>
    public required string Month { get; set; }

    public decimal Amount { get; set; }

    public required string Reason { get; set; }

    public AwardState State { get; set; }

    public required string RequestedBy { get; set; }

    public DateTime RequestedAt { get; set; }

    public string? DecidedBy { get; set; }

    public DateTime? DecidedAt { get; set; }

    public string? DecisionNote { get; set; }

    public long Version { get; set; }
}

/// <summary>The awards table's mapping and its guard (called from the database context).</summary>
internal static class AwardModel
{
    public static void Configure(ModelBuilder builder) => builder.Entity<AwardEntity>(e =>
    {
        e.ToTable("awards");
        e.Property(x => x.EmployeeId).HasMaxLength(64);
        e.Property(x => x.Kind).HasMaxLength(64);
        e.Property(x => x.Month).HasMaxLength(16);
        e.Property(x => x.Amount).HasPrecision(18, 2);
        e.Property(x => x.Reason).HasMaxLength(500);
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.RequestedBy).HasMaxLength(64);
        e.Property(x => x.DecidedBy).HasMaxLength(64);
        e.Property(x => x.DecisionNote).HasMaxLength(500);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => new { x.State, x.Month });
    });

    /// <summary>A decided award is never changed or deleted; a request is never deleted.</summary>
    public static void Guard(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry)
    {
        if (entry.Entity is AwardEntity && (entry.State == EntityState.Deleted
            || entry.State == EntityState.Modified && (AwardState)entry.Property(nameof(AwardEntity.State)).OriginalValue! != AwardState.Requested))
        {
            throw new InvalidOperationException("A decided award is never changed.");
        }
    }
}

/// <summary>What an award action did, or why it was refused (with the message's arguments).</summary>
public sealed record AwardOutcome(AwardEntity? Award, AwardProblem? Problem, IReadOnlyList<string> Arguments)
{
    public bool Ok => Problem is null;
}

/// <summary>
/// Manual awards (docs/plan-format.md §10d): requested for a person and a month with a reason and an amount inside the plan's
/// range (<see cref="AwardRules"/>), approved or rejected by someone other than the requester; approved awards are ledger lines
/// (<see cref="GrantedAsync"/>). Every step is audited.
/// </summary>
public sealed class AwardsService(JixiaoDbContext db, TimeProvider time)
{
    /// <summary>The award kinds of the plan in force in <paramref name="month"/> (none without a plan).</summary>
    public async Task<IReadOnlyList<AwardKind>> KindsAsync(Period month, CancellationToken ct = default)
    {
        var version = await CalculationService.PlanVersionForAsync(db, month, ct).ConfigureAwait(false);
        return version is null ? [] : Plans.StoredPlans.Of(version)?.Awards ?? [];
    }

    /// <summary>Every award, newest first.</summary>
    public async Task<IReadOnlyList<AwardEntity>> ListAsync(CancellationToken ct = default) =>
        await db.Awards.AsNoTracking().OrderByDescending(a => a.Id).ToListAsync(ct).ConfigureAwait(false);

    /// <summary>Requests an award; refused when the kind is not the plan's, the amount is out of range or not to the cent, or no reason is given.</summary>
    public async Task<AwardOutcome> RequestAsync(string employee, string kind, Period month, decimal amount, string? reason, string userId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var k = (await KindsAsync(month, ct).ConfigureAwait(false)).FirstOrDefault(x => x.Code == kind);
        if (AwardRules.CheckRequest(k, amount, reason) is { } problem)
        {
            return new(null, problem, [kind, Amount(amount), k is null ? "" : Amount(k.Min), k is null ? "" : Amount(k.Max)]);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var award = new AwardEntity
        {
            EmployeeId = employee,
            Kind = kind,
            Month = month.ToString(),
            Amount = amount,
            Reason = reason!.Trim(),
            State = AwardState.Requested,
            RequestedBy = userId,
            RequestedAt = now,
        };
        db.Awards.Add(award);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        db.Audit(now, userId, "award.request", employee, $"#{award.Id} {kind} for {award.Month}: {Amount(amount)}; reason: {award.Reason}");
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new(award, null, []);
    }

    /// <summary>Approves or rejects award <paramref name="id"/> (someone other than the requester); null when there is no such award.</summary>
    public async Task<AwardOutcome?> DecideAsync(long id, bool approve, string? note, string userId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var award = await db.Awards.SingleOrDefaultAsync(a => a.Id == id, ct).ConfigureAwait(false);
        if (award is null)
        {
            return null;
        }

        if (AwardRules.CheckDecision(award.RequestedBy, userId, award.State != AwardState.Requested) is { } problem)
        {
            return new(award, problem, [id.ToString(CultureInfo.InvariantCulture)]);
        }

        var now = time.GetUtcNow().UtcDateTime;
        award.State = approve ? AwardState.Approved : AwardState.Rejected;
        award.DecidedBy = userId;
        award.DecidedAt = now;
        award.DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        db.Audit(now, userId, approve ? "award.approve" : "award.reject", award.EmployeeId,
            $"#{award.Id} {award.Kind} for {award.Month}: {Amount(award.Amount)}, requested by {award.RequestedBy}" + (award.DecisionNote is { } n ? "; note: " + n : ""));
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(null, AwardProblem.AlreadyDecided, [id.ToString(CultureInfo.InvariantCulture)]);
        }

        return new(award, null, []);
    }

    /// <summary>The approved awards as the ledger's granted amounts (one person's when <paramref name="employee"/> is given).</summary>
    public static async Task<IReadOnlyList<GrantedAmount>> GrantedAsync(JixiaoDbContext db, string? employee, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Awards.AsNoTracking().Where(a => a.State == AwardState.Approved && (employee == null || a.EmployeeId == employee))
            .OrderBy(a => a.Id).ToListAsync(ct).ConfigureAwait(false);
        return [.. rows.Select(a => new GrantedAmount(a.EmployeeId, a.Kind, Period.Parse(a.Month), a.Amount))];
    }

    private static string Amount(decimal d) => LedgerCsv.Amount(d);
}
