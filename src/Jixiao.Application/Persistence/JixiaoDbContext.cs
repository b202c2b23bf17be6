using Jixiao.Application.Compensation;
using Jixiao.Application.Notifications;
using Jixiao.Application.Payroll;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Persistence;

/// <summary>
/// The one database of Jixiao: Identity tables, organisation, plans, imported data, calculation runs and
/// the audit log, the data-protection keys shared by every web instance and the scheduler's leases.
/// The provider (SQLite or PostgreSQL) and its migrations assembly are chosen by the caller.
/// </summary>
public class JixiaoDbContext(DbContextOptions<JixiaoDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<OrgUnitEntity> OrgUnits => Set<OrgUnitEntity>();

    public DbSet<EmployeeEntity> Employees => Set<EmployeeEntity>();

    public DbSet<Assignment> Assignments => Set<Assignment>();

    /// <summary>Effective-dated unit managers (docs/transfers.md).</summary>
    public DbSet<UnitManager> UnitManagers => Set<UnitManager>();

    public DbSet<PlanEntity> Plans => Set<PlanEntity>();

    public DbSet<PlanVersionEntity> PlanVersions => Set<PlanVersionEntity>();

    public DbSet<SaleRow> Sales => Set<SaleRow>();

    public DbSet<CreditRow> Credits => Set<CreditRow>();

    public DbSet<CollectionRow> Collections => Set<CollectionRow>();

    public DbSet<ExpenseRow> Expenses => Set<ExpenseRow>();

    public DbSet<ActivityRow> Activities => Set<ActivityRow>();

    public DbSet<TargetDataRow> Targets => Set<TargetDataRow>();

    public DbSet<RatingDataRow> Ratings => Set<RatingDataRow>();

    public DbSet<MetricValueRow> MetricValues => Set<MetricValueRow>();

    /// <summary>Monthly fixed pay, effective-dated (salaries.csv; docs/pay-ledger.md).</summary>
    public DbSet<SalaryDataRow> Salaries => Set<SalaryDataRow>();

    /// <summary>Payroll months: prepared, then approved by a second person and locked.</summary>
    public DbSet<PayrollMonthEntity> PayrollMonths => Set<PayrollMonthEntity>();

    /// <summary>The ledger lines of payroll months (append-only).</summary>
    public DbSet<PayrollLineEntity> PayrollLines => Set<PayrollLineEntity>();

    /// <summary>HR's cost decisions (scale to the pool or approve the excess) per period result.</summary>
    public DbSet<CostDecisionEntity> CostDecisions => Set<CostDecisionEntity>();

    /// <summary>The capped lines of each cost decision with the amounts it pays.</summary>
    public DbSet<CostDecisionLineEntity> CostDecisionLines => Set<CostDecisionLineEntity>();

    /// <summary>HR's decisions on career recommendations (accepted with their change, or rejected with a reason).</summary>
    public DbSet<CareerDecisionEntity> CareerDecisions => Set<CareerDecisionEntity>();

    /// <summary>Manual awards: requested, then approved or rejected by someone else.</summary>
    public DbSet<AwardEntity> Awards => Set<AwardEntity>();

    public DbSet<TeamRewardEntity> TeamRewards => Set<TeamRewardEntity>();

    public DbSet<TeamRewardShareEntity> TeamRewardShares => Set<TeamRewardShareEntity>();

    /// <summary>Joint-sale requests (业绩分配 entered in the web app) and their shares.</summary>
    public DbSet<JointSaleEntity> JointSales => Set<JointSaleEntity>();

    public DbSet<JointSaleShareEntity> JointSaleShares => Set<JointSaleShareEntity>();

    public DbSet<Upload> Uploads => Set<Upload>();

    public DbSet<CalculationRun> Runs => Set<CalculationRun>();

    public DbSet<PersonResult> Results => Set<PersonResult>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    /// <summary>One-time first-sign-in links (hashed).</summary>
    public DbSet<FirstSignInToken> FirstSignInTokens => Set<FirstSignInToken>();

    /// <summary>ASP.NET Core data-protection keys (cookies, antiforgery): one key ring for all instances.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Named leases that make scheduled work run on one instance at a time.</summary>
    public DbSet<SchedulerLease> SchedulerLeases => Set<SchedulerLease>();

    /// <summary>The company's changes to the working-day calendar (docs/calendar.md).</summary>
    public DbSet<CalendarDayEntity> CalendarDays => Set<CalendarDayEntity>();

    /// <summary>Where each plan period stands in the evaluation cycle (docs/decisions/0019-evaluation-cycle.md).</summary>
    public DbSet<EvaluationPeriod> EvaluationPeriods => Set<EvaluationPeriod>();

    /// <summary>HR's extensions of deadlines.</summary>
    public DbSet<DeadlineExtension> DeadlineExtensions => Set<DeadlineExtension>();

    /// <summary>Appeals against published results.</summary>
    public DbSet<Appeal> Appeals => Set<Appeal>();

    /// <summary>Late corrections of closed periods, recorded in open ones.</summary>
    public DbSet<Adjustment> Adjustments => Set<Adjustment>();

    /// <summary>Self-assessments (自评) and their lines.</summary>
    public DbSet<SelfAssessmentRecord> SelfAssessments => Set<SelfAssessmentRecord>();

    /// <summary>Evidence files of self-assessments and appeals.</summary>
    public DbSet<EvidenceFileRecord> EvidenceFiles => Set<EvidenceFileRecord>();

    /// <summary>Manager scorings (上级评分): comment, talk, submitted.</summary>
    public DbSet<ManagerReviewRecord> ManagerReviews => Set<ManagerReviewRecord>();

    /// <summary>In-app notifications of steps due (docs/decisions/0023-notifications.md).</summary>
    public DbSet<NotificationRecord> Notifications => Set<NotificationRecord>();

    /// <summary>Recorded grades and points (calibration, upheld appeals) the calculation reads.</summary>
    public DbSet<ResultCorrectionRecord> ResultCorrections => Set<ResultCorrectionRecord>();

    /// <summary>Finance's verifications (跨部门复核).</summary>
    public DbSet<VerificationRecord> Verifications => Set<VerificationRecord>();

    /// <summary>Improvement plans (改进计划) and their follow-up notes.</summary>
    public DbSet<ImprovementPlanRecord> ImprovementPlans => Set<ImprovementPlanRecord>();

    public DbSet<ImprovementNoteRecord> ImprovementNotes => Set<ImprovementNoteRecord>();

    /// <summary>Appends an audit entry (saved with the next SaveChanges, so in the same transaction as the change).</summary>
    public void Audit(DateTime at, string? userId, string action, string? subject, string? detail = null) =>
        AuditLog.Add(new AuditEntry { At = at, UserId = userId, Action = action, Subject = subject, Detail = detail });

    /// <summary>
    /// Appends an audit entry of a change with what it concerns (<paramref name="period"/>, <paramref name="employeeId"/>)
    /// and the values <paramref name="before"/> and <paramref name="after"/> (saved with the next SaveChanges).
    /// </summary>
    public void Audit(DateTime at, string? userId, string action, string? subject, string? detail, string? period, string? employeeId, string? before, string? after) =>
        AuditLog.Add(new AuditEntry
        {
            At = at,
            UserId = userId,
            Action = action,
            Subject = subject,
            Detail = detail,
            Period = period,
            EmployeeId = employeeId,
            Before = Clip(before),
            After = Clip(after),
        });

    private static string? Clip(string? text) => text is { Length: > AuditValueMax } ? text[..(AuditValueMax - 1)] + "…" : text;

    /// <summary>The most characters of an audit entry's before and after values.</summary>
    public const int AuditValueMax = 4000;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Exact decimals: numeric(18,4) on PostgreSQL unless a column says otherwise; SQLite stores decimal as TEXT.
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
        configurationBuilder.Properties<string>().HaveMaxLength(200);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<AppUser>(e =>
        {
            e.Property(u => u.EmployeeId).HasMaxLength(64);
            e.Property(u => u.Culture).HasMaxLength(16);
            e.Property(u => u.CoveredUnitId).HasMaxLength(64);
            e.HasIndex(u => u.EmployeeId);
        });

        builder.Entity<FirstSignInToken>(e =>
        {
            e.ToTable("first_sign_in_tokens");
            e.Property(x => x.UserId).HasMaxLength(200);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.HasIndex(x => x.Hash).IsUnique();
            e.HasIndex(x => x.UserId);
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<OrgUnitEntity>(e =>
        {
            e.ToTable("org_units");
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.ParentId);
            e.HasIndex(x => x.ManagerId);
        });

        builder.Entity<UnitManager>(e =>
        {
            e.ToTable("unit_managers");
            e.Property(x => x.OrgUnitId).HasMaxLength(64);
            e.Property(x => x.ManagerId).HasMaxLength(64);
            e.HasOne<OrgUnitEntity>().WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.OrgUnitId, x.ValidFrom }).IsUnique();
            e.HasIndex(x => x.ManagerId);
        });

        builder.Entity<EmployeeEntity>(e =>
        {
            e.ToTable("employees");
            e.Property(x => x.Id).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasMany(x => x.Assignments).WithOne().HasForeignKey(a => a.EmployeeId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Assignment>(e =>
        {
            e.ToTable("assignments");
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.EmployeeId, x.ValidFrom }).IsUnique();
            e.HasIndex(x => x.OrgUnitId);
            e.HasIndex(x => x.ManagerId);
        });

        builder.Entity<PlanEntity>(e =>
        {
            e.ToTable("plans");
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.Code).IsUnique();
            e.HasMany(x => x.Versions).WithOne().HasForeignKey(v => v.PlanId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<PlanVersionEntity>(e =>
        {
            e.ToTable("plan_versions");
            e.Property(x => x.Yaml).HasMaxLength(1_000_000);
            e.HasIndex(x => new { x.PlanId, x.Number }).IsUnique();
        });

        ConfigureRow<SaleRow>(builder, "sales", e =>
        {
            e.Property(x => x.Amount).HasPrecision(18, 2);
            e.Property(x => x.Cost).HasPrecision(18, 2);
            e.HasIndex(x => x.Date);
            e.HasIndex(x => new { x.EmployeeId, x.Date });
        });
        ConfigureRow<CreditRow>(builder, "credits", e =>
        {
            e.Property(x => x.Share).HasPrecision(18, 6);
            e.Property(x => x.Referrer).HasMaxLength(200);
            e.HasIndex(x => x.SaleId);
            e.HasIndex(x => x.EmployeeId);
        });
        ConfigureRow<CollectionRow>(builder, "collections", e =>
        {
            e.Property(x => x.Amount).HasPrecision(18, 2);
            e.HasIndex(x => x.Date);
            e.HasIndex(x => new { x.EmployeeId, x.Date });
        });
        ConfigureRow<ExpenseRow>(builder, "expenses", e =>
        {
            e.Property(x => x.Amount).HasPrecision(18, 2);
            e.HasIndex(x => x.Date);
            e.HasIndex(x => new { x.EmployeeId, x.Date });
        });
        // (EmployeeId, Date) and (Subject, Period): one person's explanation reads only their rows (ADR 0010 webspeed).
        ConfigureRow<ActivityRow>(builder, "activities", e =>
        {
            e.HasIndex(x => x.Date);
            e.HasIndex(x => new { x.EmployeeId, x.Date });
        });
        ConfigureRow<TargetDataRow>(builder, "targets", e =>
        {
            // Covering: a run reads the targets of its periods from the index alone (index-only scan on PostgreSQL,
            // covering index on SQLite); the rows of one period lie on every page of the table (bench/README.md).
            e.HasIndex(x => new { x.Period, x.ExternalId, x.Subject, x.Metric, x.Value, x.Challenge });
            e.HasIndex(x => new { x.Subject, x.Period });
        });
        ConfigureRow<RatingDataRow>(builder, "ratings", e =>
        {
            e.Property(x => x.Comment).HasMaxLength(4000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.EmployeeId, x.Period });
        });
        ConfigureRow<MetricValueRow>(builder, "metric_values", e =>
        {
            e.HasIndex(x => x.Period);
            e.HasIndex(x => new { x.Subject, x.Period });
        });

        ConfigureRow<SalaryDataRow>(builder, "salaries", e =>
        {
            e.Property(x => x.EmployeeId).HasMaxLength(64);
            e.Property(x => x.MonthlyAmount).HasPrecision(18, 2);
            e.HasIndex(x => new { x.EmployeeId, x.EffectiveFrom }).IsUnique();
        });
        PayrollModel.Configure(builder);
        NotificationModel.Configure(builder);
        CostControlModel.Configure(builder);
        CareerDecisionModel.Configure(builder);
        AwardModel.Configure(builder);
        TeamRewardModel.Configure(builder);
        JointSaleModel.Configure(builder);

        builder.Entity<Upload>(e =>
        {
            e.ToTable("uploads");
            e.HasIndex(x => x.UploadedAt);
        });

        builder.Entity<CalculationRun>(e =>
        {
            e.ToTable("calculation_runs");
            e.Property(x => x.ErrorsJson).HasMaxLength(1_000_000);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Visibility).HasConversion<string>().HasMaxLength(16).HasDefaultValue(Domain.Evaluations.RunVisibility.Draft).HasSentinel(Domain.Evaluations.RunVisibility.Draft);
            e.HasIndex(x => new { x.Period, x.StartedAt });
            e.HasMany(x => x.Results).WithOne().HasForeignKey(r => r.RunId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<PersonResult>(e =>
        {
            e.ToTable("person_results");
            e.Property(x => x.Total).HasPrecision(18, 2);
            e.Property(x => x.PayTotal).HasPrecision(18, 2);
            e.Property(x => x.DetailsJson).HasMaxLength(1_000_000);
            e.HasIndex(x => new { x.RunId, x.EmployeeId }).IsUnique();
            e.HasIndex(x => new { x.RunId, x.OrgUnitId });
        });

        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_log");
            e.Property(x => x.Detail).HasMaxLength(100_000);
            e.Property(x => x.Period).HasMaxLength(16);
            e.Property(x => x.EmployeeId).HasMaxLength(64);
            e.Property(x => x.Before).HasMaxLength(AuditValueMax);
            e.Property(x => x.After).HasMaxLength(AuditValueMax);
            e.HasIndex(x => x.At);
            // Search by person, period and action (docs/decisions/0019-evaluation-cycle.md).
            e.HasIndex(x => new { x.EmployeeId, x.At });
            e.HasIndex(x => new { x.Period, x.At });
            e.HasIndex(x => new { x.Action, x.At });
        });

        builder.Entity<EvaluationPeriod>(e =>
        {
            e.ToTable("evaluation_periods");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(16);
            e.Property(x => x.State).HasMaxLength(16);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.State);
        });

        builder.Entity<DeadlineExtension>(e =>
        {
            e.ToTable("deadline_extensions");
            e.Property(x => x.Period).HasMaxLength(16);
            e.Property(x => x.Step).HasMaxLength(32);
            e.Property(x => x.Reason).HasMaxLength(1000);
            e.HasIndex(x => new { x.Period, x.Step });
        });

        builder.Entity<Appeal>(e =>
        {
            e.ToTable("appeals");
            e.Property(x => x.Period).HasMaxLength(16);
            e.Property(x => x.EmployeeId).HasMaxLength(64);
            e.Property(x => x.Text).HasMaxLength(10_000);
            e.Property(x => x.Answer).HasMaxLength(10_000);
            e.Property(x => x.Outcome).HasMaxLength(16);
            e.Property(x => x.Indicators).HasMaxLength(2000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.Period, x.EmployeeId });
        });

        builder.Entity<ResultCorrectionRecord>(e =>
        {
            e.ToTable("result_corrections");
            e.Property(x => x.Period).HasMaxLength(16);
            e.Property(x => x.EmployeeId).HasMaxLength(64);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Indicator).HasMaxLength(100);
            e.Property(x => x.Grade).HasMaxLength(32);
            e.Property(x => x.Points).HasPrecision(18, 2);
            e.Property(x => x.Source).HasMaxLength(32);
            e.Property(x => x.Reason).HasMaxLength(1000);
            e.Property(x => x.Before).HasMaxLength(64);
            e.HasIndex(x => new { x.Period, x.EmployeeId });
        });

        builder.Entity<VerificationRecord>(e =>
        {
            e.ToTable("verifications");
            e.Property(x => x.Period).HasMaxLength(16);
            e.Property(x => x.EmployeeId).HasMaxLength(64);
            e.Property(x => x.Outcome).HasMaxLength(16);
            e.Property(x => x.Indicator).HasMaxLength(100);
            e.Property(x => x.Reason).HasMaxLength(1000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.Period, x.EmployeeId }).IsUnique();
        });

        builder.Entity<ImprovementPlanRecord>(e =>
        {
            e.ToTable("improvement_plans");
            e.Property(x => x.Period).HasMaxLength(16);
            e.Property(x => x.EmployeeId).HasMaxLength(64);
            e.Property(x => x.Grade).HasMaxLength(32);
            e.Property(x => x.OwnerId).HasMaxLength(64);
            e.Property(x => x.Goals).HasMaxLength(4000);
            e.Property(x => x.Actions).HasMaxLength(4000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.Period, x.EmployeeId }).IsUnique();
            e.HasMany(x => x.Notes).WithOne().HasForeignKey(n => n.PlanId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ImprovementNoteRecord>(e =>
        {
            e.ToTable("improvement_notes");
            e.Property(x => x.Note).HasMaxLength(4000);
        });

        builder.Entity<Adjustment>(e =>
        {
            e.ToTable("adjustments");
            e.Property(x => x.Period).HasMaxLength(16);
            e.Property(x => x.CorrectsPeriod).HasMaxLength(16);
            e.Property(x => x.EmployeeId).HasMaxLength(64);
            e.Property(x => x.Item).HasMaxLength(100);
            e.Property(x => x.Reason).HasMaxLength(1000);
            e.Property(x => x.Amount).HasPrecision(18, 2);
            e.HasIndex(x => new { x.Period, x.EmployeeId });
            e.HasIndex(x => new { x.CorrectsPeriod, x.EmployeeId });
        });

        builder.Entity<SelfAssessmentRecord>(e =>
        {
            e.ToTable("self_assessments");
            e.Property(x => x.Period).HasMaxLength(16);
            e.Property(x => x.EmployeeId).HasMaxLength(64);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.Period, x.EmployeeId }).IsUnique();
            e.HasMany(x => x.Lines).WithOne().HasForeignKey(l => l.SelfAssessmentId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SelfAssessmentLineRecord>(e =>
        {
            e.ToTable("self_assessment_lines");
            e.Property(x => x.Indicator).HasMaxLength(100);
            e.Property(x => x.Comment).HasMaxLength(4000);
            e.HasIndex(x => new { x.SelfAssessmentId, x.Indicator }).IsUnique();
        });

        builder.Entity<EvidenceFileRecord>(e =>
        {
            e.ToTable("evidence_files");
            e.Property(x => x.Period).HasMaxLength(16);
            e.Property(x => x.EmployeeId).HasMaxLength(64);
            e.Property(x => x.FileName).HasMaxLength(300);
            e.Property(x => x.ContentType).HasMaxLength(100);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.StoredName).HasMaxLength(100);
            e.HasIndex(x => x.SelfAssessmentId);
            e.HasIndex(x => x.AppealId);
            e.HasIndex(x => new { x.Period, x.EmployeeId });
        });

        builder.Entity<ManagerReviewRecord>(e =>
        {
            e.ToTable("manager_reviews");
            e.Property(x => x.Period).HasMaxLength(16);
            e.Property(x => x.EmployeeId).HasMaxLength(64);
            e.Property(x => x.ManagerId).HasMaxLength(64);
            e.Property(x => x.Comment).HasMaxLength(4000);
            e.Property(x => x.TalkNote).HasMaxLength(4000);
            e.Property(x => x.FeedbackNote).HasMaxLength(4000);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => new { x.Period, x.EmployeeId }).IsUnique();
            e.HasIndex(x => new { x.Period, x.ManagerId });
        });

        builder.Entity<ApiToken>(e =>
        {
            e.ToTable("api_tokens");
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Property(x => x.Hash).HasMaxLength(64);
            e.HasIndex(x => x.Hash).IsUnique();
        });

        builder.Entity<DataProtectionKey>(e =>
        {
            e.ToTable("data_protection_keys");
            e.Property(x => x.FriendlyName).HasMaxLength(200);
            e.Property(x => x.Xml).HasMaxLength(100_000);
        });

        builder.Entity<CalendarDayEntity>(e =>
        {
            e.ToTable("calendar_days");
            e.HasKey(x => x.Date);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Version).IsConcurrencyToken();
        });

        builder.Entity<SchedulerLease>(e =>
        {
            e.ToTable("scheduler_leases");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(100);
        });
    }

    private static void ConfigureRow<T>(ModelBuilder builder, string table, Action<Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T>> more)
        where T : DataRow
    {
        builder.Entity<T>(e =>
        {
            e.ToTable(table);
            e.Property(x => x.ExternalId).HasMaxLength(300);
            e.HasIndex(x => x.ExternalId).IsUnique();
            e.HasIndex(x => x.UploadId);
            more(e);
        });
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BeforeSave();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BeforeSave();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // The version check uses the original value in the UPDATE's WHERE clause; the new value is original + 1.
    // This works the same on SQLite and PostgreSQL (xmin would be PostgreSQL-only).
    private void BeforeSave()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is AuditEntry or Adjustment or DeadlineExtension or ResultCorrectionRecord or ImprovementNoteRecord && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException($"{entry.Entity.GetType().Name} records are append-only.");
            }

            PayrollModel.Guard(entry);
            CostControlModel.Guard(entry);
            CareerDecisionModel.Guard(entry);
            AwardModel.Guard(entry);
            TeamRewardModel.Guard(entry);
            JointSaleModel.Guard(entry);
            if (entry.Entity is IVersioned && entry.State == EntityState.Modified)
            {
                var version = entry.Property(nameof(IVersioned.Version));
                version.CurrentValue = (long)version.OriginalValue! + 1;
            }
        }
    }
}
