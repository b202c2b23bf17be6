using Jixiao.Application.Calendar;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Compensation.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Payroll;

/// <summary>
/// One line of a person's own pay (我的收入): a line of an approved payroll month as approved, or a line the ledger computes
/// now for a later month — money not yet paid is <see cref="LedgerStatus.Deferred"/> (due in its pay month).
/// </summary>
public sealed record EmployeePayLine(LedgerLine Line, string ComponentName, string? ComponentNameEn, bool Approved);

/// <summary>A person's own pay ledger (/me): what was paid, what is deferred and until when, what was withheld or forfeited and why.</summary>
public sealed class EmployeePay(JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, PayableRuns? runs = null)
{
    /// <summary>
    /// The lines of <paramref name="employee"/> earned in the year of <paramref name="today"/> and the year before: those of approved
    /// payroll months as approved, then the ones the ledger computes as of <paramref name="today"/> for the months after, newest pay month first.
    /// </summary>
    public async Task<IReadOnlyList<EmployeePayLine>> LinesAsync(string employee, DateOnly today, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(employee);
        var ledger = new PayrollLedger(db, time, zone, runs);
        var approvals = await ledger.ApprovalsAsync(ct, employee).ConfigureAwait(false);
        var years = new[] { today.Year - 1, today.Year };
        var approvedMonths = await db.PayrollMonths.AsNoTracking().Where(m => m.State == PayrollMonthState.Approved).Select(m => m.Month).ToListAsync(ct).ConfigureAwait(false);
        var stored = await db.PayrollLines.AsNoTracking().Where(l => l.EmployeeId == employee && approvedMonths.Contains(l.Month)).ToListAsync(ct).ConfigureAwait(false);
        var lines = stored.Select(r => new EmployeePayLine(PayrollLedger.ToLine(r), r.ComponentName, null, true))
            .Where(l => years.Contains(l.Line.Earned.Year)).ToList();
        var computed = await ledger.LinesAsync(today, years, employee, ct).ConfigureAwait(false);
        if (computed is not null)
        {
            foreach (var l in computed.Lines.Where(l => l.Line.Employee == employee && !(l.Line.PayMonth <= approvals.Last)))
            {
                var line = l.Line.MovesMoney || l.Line.Status == LedgerStatus.Pending ? l.Line with { Status = LedgerStatus.Deferred } : l.Line;
                lines.Add(new EmployeePayLine(line, l.ComponentName, l.ComponentNameEn, false));
            }
        }

        return [.. lines.OrderByDescending(l => l.Line.PayMonth).ThenBy(l => l.Line.Earned).ThenBy(l => l.Line.Component, StringComparer.Ordinal).ThenBy(l => l.Line.Status)];
    }
}
