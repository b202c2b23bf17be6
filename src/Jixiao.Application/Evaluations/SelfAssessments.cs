using System.Globalization;
using Jixiao.Application.Calendar;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Evaluations;

/// <summary>An evidence file as lists show it.</summary>
public sealed record EvidenceInfo(long Id, string FileName, string ContentType, long Size, DateTime UploadedAt);

/// <summary>One line of a self-assessment: the indicator of the basis result and what the employee said (null: not yet).</summary>
public sealed record SelfAssessmentItem(IndicatorResult Indicator, bool? Confirmed, string? Comment);

/// <summary>
/// A person's self-assessment of a period as the page and the API show it: the period's state and the deadline, the
/// lines of the evaluation-basis result with what the employee said, the evidence, whether it is submitted, the version
/// to send back, and <see cref="Locked"/>: why the viewer cannot change it now (null when they can).
/// </summary>
public sealed record SelfAssessmentView(
    string Period, string EmployeeId, string Name, PeriodState State, DateOnly? Due, bool Overdue, bool Submitted, DateTime? SubmittedAt,
    long? BasisRunId, IReadOnlyList<SelfAssessmentItem> Items, IReadOnlyList<EvidenceInfo> Evidence, long Version, EvaluationError? Locked);

/// <summary>How a self-assessment step ended: the self-assessment as it is now, or the refusal (nothing changed).</summary>
public sealed record SelfAssessmentOutcome(SelfAssessmentView? View, EvaluationError? Error)
{
    public bool Ok => Error is null;

    public static SelfAssessmentOutcome Refused(EvaluationError error) => new(null, error);
}

/// <summary>
/// Self-assessment (自评, docs/decisions/0019-evaluation-cycle.md): the employee reads the lines of their evaluation-basis
/// result, confirms or comments on each, attaches evidence and submits, before the deadline. Every change is checked by
/// <see cref="SelfAssessmentRules"/> and <see cref="EvidenceRules"/>, saved with an optimistic-concurrency check (a stale
/// version: <see cref="EvaluationErrorCode.EvaluationChanged"/>) and audited with before and after; a refusal changes
/// nothing. Who may read someone's self-assessment (themself, their managers, HR) is the caller's check.
/// </summary>
public sealed class SelfAssessments(JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, EvidenceStore evidence)
{
    /// <summary>The self-assessment of <paramref name="employee"/> for <paramref name="period"/>, as <paramref name="actorEmployee"/> sees it.</summary>
    public async Task<SelfAssessmentOutcome> GetAsync(Period period, string employee, string? actorEmployee, CancellationToken ct = default)
    {
        var view = await new PeriodCatalog(db, time, zone).GetAsync(period, ct).ConfigureAwait(false);
        if (view.State == PeriodState.Open)
        {
            return SelfAssessmentOutcome.Refused(await db.NamedAsync(new EvaluationError(EvaluationErrorCode.WrongState, view.Key, view.State, PeriodState.Evaluation), ct).ConfigureAwait(false));
        }

        var record = await db.SelfAssessments.AsNoTracking().Include(s => s.Lines).SingleOrDefaultAsync(s => s.Period == view.Key && s.EmployeeId == employee, ct).ConfigureAwait(false);
        var basis = await EvaluationPeople.BasisAsync(db, record?.BasisRunId ?? view.BasisRunId, employee, ct).ConfigureAwait(false);
        return basis is null
            ? SelfAssessmentOutcome.Refused(await db.NamedAsync(new EvaluationError(EvaluationErrorCode.NoEvaluationBasis, view.Key, employee), ct).ConfigureAwait(false))
            : new SelfAssessmentOutcome(await ViewAsync(view, basis, record, actorEmployee, ct).ConfigureAwait(false), null);
    }

    /// <summary>
    /// Saves the lines of <paramref name="actorEmployee"/>'s own self-assessment (a draft, or submits it with
    /// <paramref name="submit"/>). <paramref name="version"/> is the version read (null: not checked).
    /// </summary>
    public async Task<SelfAssessmentOutcome> SaveAsync(
        Period period, string employee, Actor actor, string? actorEmployee, IReadOnlyList<SelfAssessmentLine> lines, bool submit, long? version, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(lines);
        var (view, record, basis, error) = await ReadForChangeAsync(period, employee, actorEmployee, version, ct).ConfigureAwait(false);
        if ((error ?? SelfAssessmentRules.Lines([.. basis!.Indicators.Select(i => i.Code)], lines, complete: submit)) is { } refused)
        {
            db.ChangeTracker.Clear();
            return SelfAssessmentOutcome.Refused(await db.NamedAsync(refused, ct).ConfigureAwait(false));
        }

        var now = time.GetUtcNow().UtcDateTime;
        record ??= New(view!, employee, basis!);
        var before = record.Id == 0 ? null : Describe(record);
        foreach (var line in lines)
        {
            var stored = record.Lines.FirstOrDefault(l => l.Indicator == line.Indicator);
            if (stored is null)
            {
                stored = new SelfAssessmentLineRecord { Indicator = line.Indicator };
                record.Lines.Add(stored);
            }

            stored.Confirmed = line.Confirmed;
            stored.Comment = string.IsNullOrWhiteSpace(line.Comment) ? null : line.Comment.Trim();
        }

        foreach (var gone in record.Lines.Where(l => !lines.Any(x => x.Indicator == l.Indicator)).ToList())
        {
            record.Lines.Remove(gone);
            db.Remove(gone);
        }

        Touch(record, now, actor);
        if (submit)
        {
            record.SubmittedAt = now;
        }

        db.Audit(now, actor.UserId, submit ? "self_assessment.submit" : "self_assessment.save", view!.Key,
            string.Create(CultureInfo.InvariantCulture, $"{record.Lines.Count} of {basis!.Indicators.Count} lines"), view.Key, employee, before, Describe(record));
        return await SaveAsync(period, employee, actorEmployee, null, ct).ConfigureAwait(false);
    }

    /// <summary>Attaches a file (checked by <see cref="EvidenceRules"/> against <see cref="EvidenceOptions.MaxBytes"/>) to the employee's own self-assessment.</summary>
    public async Task<SelfAssessmentOutcome> AttachAsync(
        Period period, string employee, Actor actor, string? actorEmployee, string? fileName, long length, Func<CancellationToken, Task<byte[]>> read, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(read);
        var (view, record, basis, error) = await ReadForChangeAsync(period, employee, actorEmployee, null, ct).ConfigureAwait(false);
        if (error is not null)
        {
            db.ChangeTracker.Clear();
            return SelfAssessmentOutcome.Refused(await db.NamedAsync(error, ct).ConfigureAwait(false));
        }

        var attached = record is null ? 0 : await db.EvidenceFiles.CountAsync(f => f.SelfAssessmentId == record.Id, ct).ConfigureAwait(false);
        var max = evidence.Options.MaxBytes;
        // A file over the limit is refused without reading it (the rules before the content decide).
        byte[] content = [];
        string? contentType = null;
        EvaluationError? early;
        if (length > max)
        {
            (_, early) = EvidenceRules.Check(fileName, length, [], attached, max);
        }
        else
        {
            content = await read(ct).ConfigureAwait(false);
            (contentType, early) = EvidenceRules.Check(fileName, content, attached, max);
        }

        if (early is not null)
        {
            db.ChangeTracker.Clear();
            return SelfAssessmentOutcome.Refused(await db.NamedAsync(early, ct).ConfigureAwait(false));
        }

        var now = time.GetUtcNow().UtcDateTime;
        record ??= New(view!, employee, basis!);
        Touch(record, now, actor);
        var file = new EvidenceFileRecord
        {
            Period = view!.Key,
            EmployeeId = employee,
            FileName = fileName!.Trim(),
            ContentType = contentType!,
            Sha256 = "",
            UploadedAt = now,
            UploadedBy = actor.UserId,
        };
        await evidence.StoreAsync(file, content, ct).ConfigureAwait(false);
        if (record.Id == 0)
        {
            // The record gets its id when saved: save it first, in the same transaction as the file.
            return await InTransactionAsync(async () =>
            {
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                file.SelfAssessmentId = record.Id;
                db.EvidenceFiles.Add(file);
                AuditFile(now, actor, view.Key, employee, null, file);
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
            }, file, period, employee, actorEmployee, ct).ConfigureAwait(false);
        }

        file.SelfAssessmentId = record.Id;
        db.EvidenceFiles.Add(file);
        AuditFile(now, actor, view.Key, employee, null, file);
        return await SaveAsync(period, employee, actorEmployee, file, ct).ConfigureAwait(false);
    }

    /// <summary>Removes an evidence file from the employee's own self-assessment (while it can still change).</summary>
    public async Task<SelfAssessmentOutcome> RemoveEvidenceAsync(long id, Actor actor, string? actorEmployee, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var file = await db.EvidenceFiles.SingleOrDefaultAsync(f => f.Id == id && f.SelfAssessmentId != null, ct).ConfigureAwait(false);
        if (file is null || !Period.TryParse(file.Period, out var period))
        {
            return SelfAssessmentOutcome.Refused(await db.NamedAsync(new EvaluationError(EvaluationErrorCode.EvidenceNotFound), ct).ConfigureAwait(false));
        }

        var (view, record, _, error) = await ReadForChangeAsync(period, file.EmployeeId, actorEmployee, null, ct).ConfigureAwait(false);
        if (error is not null)
        {
            db.ChangeTracker.Clear();
            return SelfAssessmentOutcome.Refused(await db.NamedAsync(error.Code == EvaluationErrorCode.SelfAssessmentNotYours ? new EvaluationError(EvaluationErrorCode.EvidenceNotFound) : error, ct).ConfigureAwait(false));
        }

        var now = time.GetUtcNow().UtcDateTime;
        Touch(record!, now, actor);
        db.EvidenceFiles.Remove(file);
        AuditFile(now, actor, view!.Key, file.EmployeeId, file, null);
        var outcome = await SaveAsync(period, file.EmployeeId, actorEmployee, null, ct).ConfigureAwait(false);
        if (outcome.Ok)
        {
            evidence.Forget(file);
        }

        return outcome;
    }

    /// <summary>An evidence file and its bytes (null when there is no such file or its bytes are lost); who may read it is the caller's check.</summary>
    public async Task<(EvidenceFileRecord File, byte[] Content)?> OpenEvidenceAsync(long id, CancellationToken ct = default)
    {
        var file = await db.EvidenceFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, ct).ConfigureAwait(false);
        return file is not null && await evidence.ReadAsync(file, ct).ConfigureAwait(false) is { } bytes ? (file, bytes) : null;
    }

    /// <summary>The self-assessments of <paramref name="employees"/> in <paramref name="period"/>: submitted or not, by employee.</summary>
    public static async Task<Dictionary<string, SelfAssessmentRecord>> OfAsync(JixiaoDbContext db, string period, IReadOnlyCollection<string> employees, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = employees.ToList();
        return await db.SelfAssessments.AsNoTracking().Include(s => s.Lines).Where(s => s.Period == period && ids.Contains(s.EmployeeId))
            .ToDictionaryAsync(s => s.EmployeeId, StringComparer.Ordinal, ct).ConfigureAwait(false);
    }

    private async Task<(PeriodView? View, SelfAssessmentRecord? Record, BasisResult? Basis, EvaluationError? Error)> ReadForChangeAsync(
        Period period, string employee, string? actorEmployee, long? version, CancellationToken ct)
    {
        var view = await new PeriodCatalog(db, time, zone).GetAsync(period, ct).ConfigureAwait(false);
        var record = await db.SelfAssessments.Include(s => s.Lines).SingleOrDefaultAsync(s => s.Period == view.Key && s.EmployeeId == employee, ct).ConfigureAwait(false);
        if (SelfAssessmentRules.Change(view.Facts, actorEmployee, employee, record?.SubmittedAt is not null, time.GetUtcNow(), zone.Zone) is { } error)
        {
            return (view, record, null, error);
        }

        var basis = await EvaluationPeople.BasisAsync(db, record?.BasisRunId ?? view.BasisRunId, employee, ct).ConfigureAwait(false);
        if (basis is null)
        {
            return (view, record, null, new EvaluationError(EvaluationErrorCode.NoEvaluationBasis, view.Key, employee));
        }

        if (version is { } seen && seen != (record?.Version ?? 0))
        {
            return (view, record, basis, new EvaluationError(EvaluationErrorCode.EvaluationChanged, EvaluationStep.SelfAssessment, employee));
        }

        return (view, record, basis, null);
    }

    /// <summary>Every change moves the version (also one saved in the same instant as the last, with nothing else different).</summary>
    private void Touch(SelfAssessmentRecord record, DateTime now, Actor actor)
    {
        record.UpdatedAt = now;
        record.UpdatedBy = actor.UserId;
        if (record.Id != 0)
        {
            db.Entry(record).Property(r => r.Version).IsModified = true;
        }
    }

    private SelfAssessmentRecord New(PeriodView view, string employee, BasisResult basis)
    {
        var record = new SelfAssessmentRecord { Period = view.Key, EmployeeId = employee, BasisRunId = basis.RunId, Version = 1 };
        db.SelfAssessments.Add(record);
        return record;
    }

    private void AuditFile(DateTime now, Actor actor, string period, string employee, EvidenceFileRecord? before, EvidenceFileRecord? after) =>
        db.Audit(now, actor.UserId, after is null ? "self_assessment.evidence.remove" : "self_assessment.evidence.add", period,
            (after ?? before)!.FileName, period, employee, File(before), File(after));

    private static string? File(EvidenceFileRecord? f) =>
        f is null ? null : string.Create(CultureInfo.InvariantCulture, $"{f.FileName} ({f.Size} bytes, sha256 {f.Sha256[..Math.Min(12, f.Sha256.Length)]})");

    private async Task<SelfAssessmentOutcome> InTransactionAsync(Func<Task> work, EvidenceFileRecord? file, Period period, string employee, string? actorEmployee, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        var saved = await strategy.ExecuteAsync(async () =>
        {
            var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (tx.ConfigureAwait(false))
            {
                try
                {
                    await work().ConfigureAwait(false);
                }
                catch (DbUpdateException)
                {
                    return false;
                }

                await tx.CommitAsync(ct).ConfigureAwait(false);
                return true;
            }
        }).ConfigureAwait(false);
        return await AfterSaveAsync(saved, file, period, employee, actorEmployee, ct).ConfigureAwait(false);
    }

    /// <summary>Saves the tracked changes; a version conflict (or a concurrent first save) is a refusal and nothing is saved.</summary>
    private async Task<SelfAssessmentOutcome> SaveAsync(Period period, string employee, string? actorEmployee, EvidenceFileRecord? file, CancellationToken ct)
    {
        bool saved;
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            saved = true;
        }
        catch (DbUpdateException)
        {
            saved = false;
        }

        return await AfterSaveAsync(saved, file, period, employee, actorEmployee, ct).ConfigureAwait(false);
    }

    private async Task<SelfAssessmentOutcome> AfterSaveAsync(bool saved, EvidenceFileRecord? file, Period period, string employee, string? actorEmployee, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        if (!saved)
        {
            if (file is not null)
            {
                evidence.Forget(file);
            }

            return SelfAssessmentOutcome.Refused(await db.NamedAsync(new EvaluationError(EvaluationErrorCode.EvaluationChanged, EvaluationStep.SelfAssessment, employee), ct).ConfigureAwait(false));
        }

        return await GetAsync(period, employee, actorEmployee, ct).ConfigureAwait(false);
    }

    private async Task<SelfAssessmentView> ViewAsync(PeriodView view, BasisResult basis, SelfAssessmentRecord? record, string? actorEmployee, CancellationToken ct)
    {
        var files = record is null ? []
            : await db.EvidenceFiles.AsNoTracking().Where(f => f.SelfAssessmentId == record.Id).OrderBy(f => f.Id)
                .Select(f => new EvidenceInfo(f.Id, f.FileName, f.ContentType, f.Size, f.UploadedAt)).ToListAsync(ct).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var due = view.Deadlines?.SelfAssessment;
        var submitted = record?.SubmittedAt is not null;
        var items = basis.Indicators.Select(i =>
        {
            var line = record?.Lines.FirstOrDefault(l => l.Indicator == i.Code);
            return new SelfAssessmentItem(i, line?.Confirmed, line?.Comment);
        }).ToList();
        return new SelfAssessmentView(
            view.Key, basis.EmployeeId, basis.Name, view.State, due,
            !submitted && due is { } d && view.State == PeriodState.Evaluation && EvaluationDeadlines.IsPast(d, now, zone.Zone),
            submitted, record?.SubmittedAt, basis.RunId, items, files, record?.Version ?? 0,
            SelfAssessmentRules.Change(view.Facts, actorEmployee, basis.EmployeeId, submitted, now, zone.Zone));
    }

    /// <summary>The lines as the audit log keeps them: each indicator confirmed, or its comment.</summary>
    private static string Describe(SelfAssessmentRecord record) =>
        (record.SubmittedAt is null ? "draft: " : "submitted: ")
        + string.Join("; ", record.Lines.OrderBy(l => l.Indicator, StringComparer.Ordinal).Select(l => l.Indicator + (l.Confirmed ? " ✓" : "") + (l.Comment is { } c ? " “" + c + "”" : "")));
}
