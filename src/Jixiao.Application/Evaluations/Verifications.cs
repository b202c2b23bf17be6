using Jixiao.Application.Calendar;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Evaluations;

/// <summary>One assessed person as finance verifies them: the lines of the evaluation basis and the verification so far (null: none).</summary>
public sealed record VerificationView(string Period, string EmployeeId, string Name, IReadOnlyList<string> Lines, VerificationRecord? Record);

/// <summary>How a verification ended: the person as now, or the refusal (nothing changed).</summary>
public sealed record VerificationOutcome(VerificationView? View, EvaluationError? Error)
{
    public bool Ok => Error is null;

    public static VerificationOutcome Refused(EvaluationError error) => new(null, error);
}

/// <summary>
/// Cross-department verification (跨部门复核, <see cref="VerificationRules"/>): the assessed people of a period in evaluation with
/// their basis lines, and finance's confirmation or a line sent back with a reason, one record per person (changed while the
/// step is open, with an optimistic-concurrency check), audited with before and after.
/// </summary>
public sealed class Verifications(JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone)
{
    /// <summary>The assessed people of <paramref name="period"/>'s evaluation basis, by employee id.</summary>
    public async Task<IReadOnlyList<VerificationView>> ListAsync(Period period, CancellationToken ct = default)
    {
        var view = await new PeriodCatalog(db, time, zone).GetAsync(period, ct).ConfigureAwait(false);
        var basis = await EvaluationPeople.BasisAsync(db, view.BasisRunId, (IReadOnlyCollection<string>?)null, ct).ConfigureAwait(false);
        var records = await db.Verifications.AsNoTracking().Where(v => v.Period == view.Key).ToDictionaryAsync(v => v.EmployeeId, StringComparer.Ordinal, ct).ConfigureAwait(false);
        return [.. basis.Values.OrderBy(b => b.EmployeeId, StringComparer.Ordinal)
            .Select(b => new VerificationView(view.Key, b.EmployeeId, b.Name, [.. b.Indicators.Select(i => i.Code)], records.GetValueOrDefault(b.EmployeeId)))];
    }

    /// <summary>Confirms <paramref name="employee"/>'s result, or sends <paramref name="indicator"/> back with <paramref name="reason"/>.</summary>
    public async Task<VerificationOutcome> SaveAsync(
        Period period, string employee, bool returned, string? indicator, string? reason, long? version, Actor actor, bool isFinance, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var view = await new PeriodCatalog(db, time, zone).GetAsync(period, ct).ConfigureAwait(false);
        var basis = await EvaluationPeople.BasisAsync(db, view.BasisRunId, employee, ct).ConfigureAwait(false);
        var record = await db.Verifications.SingleOrDefaultAsync(v => v.Period == view.Key && v.EmployeeId == employee, ct).ConfigureAwait(false);
        var error = VerificationRules.Verify(view.Facts, isFinance, actor.IsHr, view.Settings.Verification, employee, returned, indicator, reason,
                basis?.Indicators.Select(i => i.Code).ToList() ?? [], time.GetUtcNow(), zone.Zone)
            ?? (basis is null ? new EvaluationError(EvaluationErrorCode.NoEvaluationBasis, view.Key, employee) : null)
            ?? (version is { } seen && seen != (record?.Version ?? 0) ? new EvaluationError(EvaluationErrorCode.EvaluationChanged, EvaluationStep.Verification, employee) : null);
        if (error is not null)
        {
            db.ChangeTracker.Clear();
            return VerificationOutcome.Refused(await db.NamedAsync(error, ct).ConfigureAwait(false));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var before = record is null ? null : record.Outcome + (record.Indicator is null ? "" : " " + record.Indicator);
        if (record is null)
        {
            record = new VerificationRecord { Period = view.Key, EmployeeId = employee, Outcome = "", Version = 1 };
            db.Verifications.Add(record);
        }

        record.Outcome = returned ? "returned" : "confirmed";
        record.Indicator = returned ? indicator : null;
        record.Reason = returned ? reason!.Trim() : null;
        record.VerifiedBy = actor.UserId;
        record.VerifiedAt = now;
        db.Audit(now, actor.UserId, "verification." + record.Outcome, view.Key, record.Reason, view.Key, employee, before,
            record.Outcome + (record.Indicator is null ? "" : " " + record.Indicator));
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return VerificationOutcome.Refused(await db.NamedAsync(new EvaluationError(EvaluationErrorCode.EvaluationChanged, EvaluationStep.Verification, employee), ct).ConfigureAwait(false));
        }

        return new VerificationOutcome(new VerificationView(view.Key, employee, basis!.Name, [.. basis.Indicators.Select(i => i.Code)], record), null);
    }
}
