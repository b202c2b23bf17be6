using Microsoft.AspNetCore.Identity;

namespace Jixiao.Application.Persistence;

/// <summary>A record users edit: saved with an optimistic-concurrency check on <see cref="Version"/>.</summary>
public interface IVersioned
{
    /// <summary>Incremented by every save; a save whose original version no longer matches is a conflict.</summary>
    long Version { get; set; }
}

/// <summary>A sign-in account; <see cref="EmployeeId"/> links it to the person whose data it may see.</summary>
public sealed class AppUser : IdentityUser
{
    public string? EmployeeId { get; set; }

    public string? DisplayName { get; set; }

    /// <summary>UI language: zh-CN (default), zh-TW or en.</summary>
    public string? Culture { get; set; }

    /// <summary>
    /// For an HR or finance account: the org unit whose subtree it covers (its scope is that subtree instead of
    /// everyone); null covers the whole company (docs/decisions/0020-accounts.md).
    /// </summary>
    public string? CoveredUnitId { get; set; }

    /// <summary>After the next password sign-in the account can only change its password until it has done so.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>A disabled account cannot sign in (password or external); disabling ends its sessions.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>The last successful sign-in (UTC), by password or an external provider.</summary>
    public DateTime? LastSignInAt { get; set; }

    /// <summary>When the account was created (UTC); null for accounts created before it was recorded.</summary>
    public DateTime? CreatedAt { get; set; }
}

/// <summary>
/// A one-time first-sign-in link of an account: the link carries a random token shown once, the database holds only
/// its SHA-256 (<see cref="Hash"/>). It sets the account's password once, before <see cref="ExpiresAt"/>.
/// </summary>
public sealed class FirstSignInToken
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token.</summary>
    public required string Hash { get; set; }

    public string? CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    /// <summary>When the link was used (or replaced by a newer one); a used link never works again.</summary>
    public DateTime? UsedAt { get; set; }
}

/// <summary>A unit of the org tree; <see cref="Id"/> is the company's own code.</summary>
public sealed class OrgUnitEntity : IVersioned
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public string? ParentId { get; set; }

    /// <summary>The manager of the latest appointment (possibly future-dated); who managed the unit on a given day is in <see cref="UnitManager"/> rows when there are any.</summary>
    public string? ManagerId { get; set; }

    public long Version { get; set; }
}

/// <summary>
/// Who manages an org unit from <see cref="ValidFrom"/> until the day before <see cref="ValidTo"/> ([from, to)); a null
/// <see cref="ManagerId"/> is a vacancy. A unit without rows is managed by <see cref="OrgUnitEntity.ManagerId"/> at all
/// times; the first appointment recorded for a unit also records the manager before it (from <see cref="DateOnly.MinValue"/>).
/// </summary>
public sealed class UnitManager
{
    public long Id { get; set; }

    public required string OrgUnitId { get; set; }

    public string? ManagerId { get; set; }

    public DateOnly ValidFrom { get; set; }

    public DateOnly? ValidTo { get; set; }
}

/// <summary>An employee; where they sit in the organisation over time is in <see cref="Assignments"/>.</summary>
public sealed class EmployeeEntity : IVersioned
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public DateOnly HireDate { get; set; }

    public DateOnly? ProbationEnd { get; set; }

    public DateOnly? LeaveDate { get; set; }

    public List<Assignment> Assignments { get; } = [];

    public long Version { get; set; }
}

/// <summary>Where an employee sits from <see cref="ValidFrom"/> until the day before <see cref="ValidTo"/> ([from, to)).</summary>
public sealed class Assignment : IVersioned
{
    public long Id { get; set; }

    public required string EmployeeId { get; set; }

    public required string OrgUnitId { get; set; }

    public string? ManagerId { get; set; }

    public required string Position { get; set; }

    public string Category { get; set; } = "";

    public string Level { get; set; } = "";

    public string Tier { get; set; } = "";

    public DateOnly ValidFrom { get; set; }

    /// <summary>First day no longer valid, or null while in force.</summary>
    public DateOnly? ValidTo { get; set; }

    public long Version { get; set; }
}

/// <summary>A plan (绩效方案) identified by its code; its content is in <see cref="PlanVersionEntity"/>.</summary>
public sealed class PlanEntity : IVersioned
{
    public long Id { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public List<PlanVersionEntity> Versions { get; } = [];

    public long Version { get; set; }
}

/// <summary>A plan's YAML in force from <see cref="EffectiveFrom"/>; never edited once stored.</summary>
public sealed class PlanVersionEntity
{
    public long Id { get; set; }

    public long PlanId { get; set; }

    public int Number { get; set; }

    public DateOnly EffectiveFrom { get; set; }

    public required string Yaml { get; set; }

    public DateTime CreatedAt { get; set; }

    public string? CreatedBy { get; set; }
}

/// <summary>The columns every imported data row has: a stable external id (unique per source) and the upload that last wrote it.</summary>
public abstract class DataRow
{
    public long Id { get; set; }

    /// <summary>The id the source system gives the row; re-importing the same id updates, never duplicates.</summary>
    public required string ExternalId { get; set; }

    public long UploadId { get; set; }
}

/// <summary>A sales order/contract line (销售).</summary>
public sealed class SaleRow : DataRow
{
    public required string EmployeeId { get; set; }

    public DateOnly Date { get; set; }

    public string Customer { get; set; } = "";

    public required string Product { get; set; }

    public decimal Units { get; set; }

    public decimal Amount { get; set; }

    public decimal Cost { get; set; }

    public string Contract { get; set; } = "";

    public DateOnly? ContractSigned { get; set; }
}

/// <summary>One employee's share of a sale (业绩分配); external id = "sale|employee".</summary>
public sealed class CreditRow : DataRow
{
    public required string SaleId { get; set; }

    public required string EmployeeId { get; set; }

    public decimal Share { get; set; }

    /// <summary>Not won directly (非直接开拓客户, seed 003 §五.1): counts at the plan's indirect rate.</summary>
    public bool Indirect { get; set; }

    /// <summary>The external person who brought the sale (外部推荐人, §五.4), or null.</summary>
    public string? Referrer { get; set; }
}

/// <summary>Cash received (回款).</summary>
public sealed class CollectionRow : DataRow
{
    public required string EmployeeId { get; set; }

    public DateOnly Date { get; set; }

    public string Contract { get; set; } = "";

    public DateOnly? ContractSigned { get; set; }

    public decimal Amount { get; set; }
}

/// <summary>A selling expense (销售费用).</summary>
public sealed class ExpenseRow : DataRow
{
    public required string EmployeeId { get; set; }

    public DateOnly Date { get; set; }

    public required string Category { get; set; }

    public decimal Amount { get; set; }
}

/// <summary>A lead, follow-up, visit, complaint, survey … (活动).</summary>
public sealed class ActivityRow : DataRow
{
    public required string EmployeeId { get; set; }

    public DateOnly Date { get; set; }

    public required string Kind { get; set; }

    public string Customer { get; set; } = "";

    public decimal? Value { get; set; }
}

/// <summary>A target (目标值); external id = "subject|metric|period".</summary>
public sealed class TargetDataRow : DataRow
{
    public required string Subject { get; set; }

    public required string Metric { get; set; }

    public required string Period { get; set; }

    public decimal Value { get; set; }

    public decimal? Challenge { get; set; }
}

/// <summary>
/// A rater's points (评分); external id = "employee|period|indicator|rater". Uploaded, or entered on the 评分 page
/// (then <see cref="DataRow.UploadId"/> is 0), where <see cref="Version"/> guards against overwriting someone else's save.
/// </summary>
public sealed class RatingDataRow : DataRow, IVersioned
{
    public required string EmployeeId { get; set; }

    public required string Period { get; set; }

    public required string Indicator { get; set; }

    public decimal Points { get; set; }

    public string? Rater { get; set; }

    public string? Comment { get; set; }

    public long Version { get; set; }
}

/// <summary>A metric value given directly (指标数据); external id = "subject|metric|period".</summary>
public sealed class MetricValueRow : DataRow
{
    public required string Subject { get; set; }

    public required string Metric { get; set; }

    public required string Period { get; set; }

    public decimal Value { get; set; }
}

/// <summary>A monthly fixed pay in force from a day on (salaries.csv); external id = "employee|yyyy-MM-dd".</summary>
public sealed class SalaryDataRow : DataRow
{
    public required string EmployeeId { get; set; }

    public DateOnly EffectiveFrom { get; set; }

    public decimal MonthlyAmount { get; set; }
}

/// <summary>One import of one file: who, when, what, how many rows were inserted, updated and unchanged.</summary>
public sealed class Upload
{
    public long Id { get; set; }

    public required string Source { get; set; }

    public required string FileName { get; set; }

    public string? UploadedBy { get; set; }

    public DateTime UploadedAt { get; set; }

    public int Rows { get; set; }

    public int Inserted { get; set; }

    public int Updated { get; set; }

    public int Unchanged { get; set; }
}

/// <summary>One calculation of a period with a plan version, reproducible from what it records.</summary>
public sealed class CalculationRun
{
    public long Id { get; set; }

    public required string Period { get; set; }

    public long PlanVersionId { get; set; }

    /// <summary>SHA-256 of the dataset the run read: same fingerprint and plan version ⇒ same numbers.</summary>
    public required string InputFingerprint { get; set; }

    public required string CodeVersion { get; set; }

    public string? StartedBy { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public RunStatus Status { get; set; }

    public int Computed { get; set; }

    public int Failed { get; set; }

    /// <summary>Errors for people who could not be computed, as JSON.</summary>
    public string? ErrorsJson { get; set; }

    /// <summary>Draft until published; discarded by HR (docs/decisions/0019-evaluation-cycle.md).</summary>
    public Domain.Evaluations.RunVisibility Visibility { get; set; }

    public List<PersonResult> Results { get; } = [];
}

/// <summary>State of a calculation run.</summary>
public enum RunStatus
{
    Running,
    Succeeded,
    Failed,
}

/// <summary>One person's outcome in a run; the indicator and pay details are JSON.</summary>
public sealed class PersonResult
{
    public long Id { get; set; }

    public long RunId { get; set; }

    public required string EmployeeId { get; set; }

    /// <summary>The org unit the person was in for the period (for scoping and team views).</summary>
    public required string OrgUnitId { get; set; }

    public required string Scorecard { get; set; }

    public decimal Total { get; set; }

    public string? Grade { get; set; }

    public decimal? Coefficient { get; set; }

    public decimal PayTotal { get; set; }

    public required string DetailsJson { get; set; }
}

/// <summary>An append-only record of who did what; never updated or deleted (enforced in SaveChanges).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public string? UserId { get; set; }

    public required string Action { get; set; }

    public string? Subject { get; set; }

    public string? Detail { get; set; }

    /// <summary>The plan period the change concerns, e.g. 2026-10 (searchable).</summary>
    public string? Period { get; set; }

    /// <summary>The employee the change concerns (searchable).</summary>
    public string? EmployeeId { get; set; }

    /// <summary>The value before the change, as text (null for a creation).</summary>
    public string? Before { get; set; }

    /// <summary>The value after the change, as text (null for a removal).</summary>
    public string? After { get; set; }
}

/// <summary>A token for system integrations; only the SHA-256 hash of the secret is stored.</summary>
public sealed class ApiToken : IVersioned
{
    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>Hex SHA-256 of the token; the token itself is shown once at creation.</summary>
    public required string Hash { get; set; }

    /// <summary>Space-separated scopes, e.g. "data:write".</summary>
    public string Scopes { get; set; } = "";

    public string? CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public long Version { get; set; }
}

/// <summary>
/// A named lease for scheduled work (one row per job): the instance holding it until <see cref="ExpiresAt"/>
/// is the only one that runs the job; <see cref="LastRunAt"/> is when the job last completed, so a new holder
/// does not run it again for the same interval. Changed only by <see cref="Scheduling.SchedulerLeases"/>' conditional updates.
/// </summary>
public sealed class SchedulerLease
{
    public required string Name { get; set; }

    /// <summary>The instance that holds (or last held) the lease; empty when never held.</summary>
    public string Holder { get; set; } = "";

    /// <summary>UTC; the lease is free from this instant on.</summary>
    public DateTime ExpiresAt { get; set; }

    /// <summary>UTC start of the last completed run, or null before the first.</summary>
    public DateTime? LastRunAt { get; set; }
}
