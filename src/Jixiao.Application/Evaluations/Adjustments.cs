using System.Globalization;
using System.Text.Json;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Evaluations;

/// <summary>How recording an adjustment ended: the stored adjustment, or the refusal (nothing stored).</summary>
public sealed record AdjustmentOutcome(Adjustment? Adjustment, EvaluationError? Error);

/// <summary>
/// Late corrections (docs/decisions/0019-evaluation-cycle.md): a closed period never changes, so HR records an amount in
/// an open period, linked to the published result of the closed period it corrects (the person, the run, optionally an
/// indicator or pay line). It is shown in both periods and paid with the open one; it never changes a stored result.
/// </summary>
public sealed class Adjustments(JixiaoDbContext db, TimeProvider time)
{
    /// <summary>
    /// Records <paramref name="amount"/> (CNY, to the cent, not zero) for <paramref name="employee"/> in the open
    /// <paramref name="period"/>, correcting their published result of the closed <paramref name="corrects"/>, which ends
    /// before it; <paramref name="item"/> is an indicator or pay component code of that result, or null; a reason is required.
    /// </summary>
    public async Task<AdjustmentOutcome> AddAsync(
        Period period, string employee, Period corrects, string? item, decimal amount, string? reason, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(employee);
        ArgumentNullException.ThrowIfNull(actor);
        var key = period.ToString();
        var correctsKey = corrects.ToString();
        var state = await PeriodCatalog.StateOfAsync(db, key, ct).ConfigureAwait(false);
        var correctsState = await PeriodCatalog.StateOfAsync(db, correctsKey, ct).ConfigureAwait(false);
        var error = PeriodRules.HrOnly(actor)
            ?? (state == PeriodState.Open ? null : new EvaluationError(EvaluationErrorCode.AdjustmentPeriodNotOpen, key, state))
            ?? (correctsState == PeriodState.Closed ? null : new EvaluationError(EvaluationErrorCode.AdjustmentTargetNotClosed, correctsKey, correctsState))
            ?? (period.End > corrects.End ? null : new EvaluationError(EvaluationErrorCode.AdjustmentNotLater, correctsKey, key))
            ?? (amount != 0m && Money.Round(amount, 2) == amount && Math.Abs(amount) <= 9_999_999_999_999.99m ? null
                : new EvaluationError(EvaluationErrorCode.AdjustmentAmountInvalid, amount))
            ?? (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > PeriodRules.MaxReason ? new EvaluationError(EvaluationErrorCode.AdjustmentReasonRequired) : null);
        if (error is not null)
        {
            return new AdjustmentOutcome(null, error);
        }

        var runId = await db.EvaluationPeriods.AsNoTracking().Where(p => p.Key == correctsKey).Select(p => p.PublishedRunId).SingleOrDefaultAsync(ct).ConfigureAwait(false);
        var result = runId is null ? null
            : await db.Results.AsNoTracking().SingleOrDefaultAsync(r => r.RunId == runId && r.EmployeeId == employee, ct).ConfigureAwait(false);
        if (result is null)
        {
            return new AdjustmentOutcome(null, await db.NamedAsync(new EvaluationError(EvaluationErrorCode.AdjustmentNoResult, employee, correctsKey), ct).ConfigureAwait(false));
        }

        var code = string.IsNullOrWhiteSpace(item) ? null : item.Trim();
        if (code is not null)
        {
            var details = JsonSerializer.Deserialize<ResultDetails>(result.DetailsJson);
            var known = (details?.Indicators.Select(i => i.Code) ?? []).Concat(details?.Pay.Select(p => p.Component) ?? []);
            if (!known.Contains(code, StringComparer.Ordinal))
            {
                return new AdjustmentOutcome(null, await db.NamedAsync(new EvaluationError(EvaluationErrorCode.AdjustmentItemUnknown, code, employee, correctsKey), ct).ConfigureAwait(false));
            }
        }

        var at = time.GetUtcNow().UtcDateTime;
        var adjustment = new Adjustment
        {
            Period = key,
            EmployeeId = employee,
            CorrectsPeriod = correctsKey,
            CorrectsRunId = runId!.Value,
            Item = code,
            Amount = amount,
            Reason = reason!.Trim(),
            CreatedBy = actor.UserId,
            CreatedAt = at,
        };
        db.Adjustments.Add(adjustment);
        db.Audit(at, actor.UserId, "adjustment.add", correctsKey,
            string.Create(CultureInfo.InvariantCulture, $"corrects {correctsKey} run {runId} {code ?? "(result)"}: {adjustment.Reason}"),
            key, employee, null, amount.ToString("0.00", CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        return new AdjustmentOutcome(adjustment, null);
    }

    /// <summary>
    /// The adjustments recorded in <paramref name="period"/> or correcting it (both when given), of <paramref name="employee"/>
    /// when given, oldest first.
    /// </summary>
    public async Task<List<Adjustment>> ListAsync(string? period, string? employee, CancellationToken ct = default)
    {
        var query = db.Adjustments.AsNoTracking();
        if (period is not null)
        {
            query = query.Where(a => a.Period == period || a.CorrectsPeriod == period);
        }

        if (employee is not null)
        {
            query = query.Where(a => a.EmployeeId == employee);
        }

        return await query.OrderBy(a => a.Id).ToListAsync(ct).ConfigureAwait(false);
    }
}
