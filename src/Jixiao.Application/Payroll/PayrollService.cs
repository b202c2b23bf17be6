using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Jixiao.Application.Calendar;
using Jixiao.Application.Excel;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Compensation.Payroll;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Payroll;

/// <summary>A payroll month as stored: its state, who prepared and who approved it, its version (for the approval).</summary>
public sealed record PayrollMonthSummary(string Month, PayrollMonthState State, string PreparedBy, DateTime PreparedAt, string? ApprovedBy, DateTime? ApprovedAt,
    int LineCount, decimal Total, long Version);

/// <summary>A line of a payroll month as the pages show it: stored (with its id and the line it refers to) or computed.</summary>
public sealed record PayrollMonthLine(PayrollLine Line, long? Id, long? RefersId);

/// <summary>
/// A payroll month: stored (prepared or approved: its stored lines) or not yet (the lines computed now, a preview); the
/// month that can be prepared now, the periods without a payable result, and what each person was paid the month before.
/// </summary>
public sealed record PayrollMonthView(Period Month, PayrollMonthSummary? Stored, IReadOnlyList<PayrollMonthLine> Lines, IReadOnlyList<string> MissingPeriods,
    Period? OpenMonth, Period? LastApproved, IReadOnlyDictionary<string, decimal>? PreviousPaid)
{
    /// <summary>Periods paid in this month that exceed their cost cap with no decision yet (a preview only): the month cannot be prepared.</summary>
    public IReadOnlyList<string> Undecided { get; init; } = [];
}

/// <summary>What an action did: the stored month, or the problem and its message arguments.</summary>
public sealed record PayrollOutcome(PayrollMonthSummary? Month, PayrollProblemCode? Problem, IReadOnlyList<string> Arguments)
{
    public bool Ok => Problem is null;

    internal static PayrollOutcome Refused(PayrollProblemCode code, params string[] args) => new(null, code, args);
}

/// <summary>
/// Payroll months (issue 11): a finance user prepares the open month (its ledger lines are stored), a second finance user
/// or an administrator who did not prepare it approves exactly those figures, and the month is locked; only then is it
/// exported (CSV byte-identical to <c>jixiao payouts --month</c>, and Excel). Every step is audited.
/// </summary>
public sealed class PayrollService(JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, PayableRuns? runs = null)
{
    private readonly PayrollLedger _ledger = new(db, time, zone, runs);

    /// <summary>The ledger reader this service uses.</summary>
    public PayrollLedger Ledger => _ledger;

    /// <summary>Every stored payroll month, newest first.</summary>
    public async Task<IReadOnlyList<PayrollMonthSummary>> MonthsAsync(CancellationToken ct = default)
    {
        var rows = await db.PayrollMonths.AsNoTracking().ToListAsync(ct).ConfigureAwait(false);
        return [.. rows.OrderByDescending(m => m.Month, StringComparer.Ordinal).Select(Summary)];
    }

    /// <summary>The month that can be prepared now (null: any, nothing approved yet) and the last approved month.</summary>
    public async Task<(Period? Open, Period? LastApproved)> OpenMonthAsync(CancellationToken ct = default)
    {
        var last = await LastApprovedAsync(ct).ConfigureAwait(false);
        return (PayrollApproval.OpenMonth(last), last);
    }

    /// <summary>A payroll month: its stored lines, or the lines computed now when it is not stored; null when no plan is stored.</summary>
    public async Task<PayrollMonthView?> MonthAsync(Period month, CancellationToken ct = default)
    {
        var key = month.ToString();
        var stored = await db.PayrollMonths.AsNoTracking().SingleOrDefaultAsync(m => m.Month == key, ct).ConfigureAwait(false);
        var (open, last) = await OpenMonthAsync(ct).ConfigureAwait(false);
        var previous = await PaidAsync(PayMonth.Add(month, -1), ct).ConfigureAwait(false);
        if (stored is not null)
        {
            var rows = await db.PayrollLines.AsNoTracking().Where(l => l.PayrollMonthId == stored.Id).OrderBy(l => l.Seq).ToListAsync(ct).ConfigureAwait(false);
            return new PayrollMonthView(month, Summary(stored), [.. rows.Select(Line)], [], open, last, previous);
        }

        var computed = await _ledger.MonthAsync(month, null, ct).ConfigureAwait(false);
        return computed is null ? null
            : new PayrollMonthView(month, null, [.. computed.Lines.Select(l => new PayrollMonthLine(l, null, null))], computed.MissingPeriods, open, last, previous)
            {
                Undecided = [.. computed.Undecided.Where(p => computed.Lines.Any(l => l.Line.Earned.ToString() == p))],
            };
    }

    /// <summary>Prepares the open month: computes its lines and stores them (replacing an earlier preparation of it).</summary>
    public async Task<PayrollOutcome> PrepareAsync(Period month, string userId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var approvals = await _ledger.ApprovalsAsync(ct).ConfigureAwait(false);
        if (PayrollApproval.CanPrepare(month, approvals.Last) is { } problem)
        {
            return Refused(problem, month, approvals.Last);
        }

        var computed = await _ledger.MonthAsync(month, null, ct).ConfigureAwait(false);
        if (computed is null)
        {
            return PayrollOutcome.Refused(PayrollProblemCode.NoPlan);
        }

        // A period over its cost cap is paid only as HR decided: no month paying any of it is prepared before the decision.
        var undecided = computed.Undecided.Where(p => computed.Lines.Any(l => l.Line.Earned.ToString() == p)).ToList();
        if (undecided.Count > 0)
        {
            return PayrollOutcome.Refused(PayrollProblemCode.CostUndecided, month.ToString(), string.Join(", ", undecided));
        }

        var key = month.ToString();
        var now = time.GetUtcNow().UtcDateTime;
        var refs = approvals.Lines.GroupBy(a => a.Line.Ref).ToDictionary(g => g.Key, g => g.First().Id);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            var entity = await db.PayrollMonths.SingleOrDefaultAsync(m => m.Month == key, ct).ConfigureAwait(false);
            if (entity is { State: PayrollMonthState.Approved })
            {
                return Refused(PayrollProblemCode.AlreadyApproved, month, month);
            }

            if (entity is null)
            {
                entity = new PayrollMonthEntity { Month = key, PreparedBy = userId, Fingerprint = "" };
                db.PayrollMonths.Add(entity);
            }
            else
            {
                await db.PayrollLines.Where(l => l.PayrollMonthId == entity.Id).ExecuteDeleteAsync(ct).ConfigureAwait(false);
            }

            entity.PreparedBy = userId;
            entity.PreparedAt = now;
            entity.LineCount = computed.Lines.Count;
            entity.Total = computed.Lines.Where(l => l.Line.MovesMoney).Sum(l => l.Line.Amount);
            entity.Fingerprint = Fingerprint(computed.Lines);
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            var seq = 0;
            foreach (var l in computed.Lines)
            {
                db.PayrollLines.Add(new PayrollLineEntity
                {
                    PayrollMonthId = entity.Id,
                    Month = key,
                    Seq = ++seq,
                    EmployeeId = l.Line.Employee,
                    EmployeeName = l.Name,
                    OrgUnitId = l.Unit,
                    Component = l.Line.Component,
                    ComponentName = l.ComponentName,
                    Earned = l.Line.Earned.ToString(),
                    Status = LedgerStatusCodes.Code(l.Line.Status),
                    Amount = l.Line.Amount,
                    Rule = l.Line.Rule.ToString(),
                    ArgumentsJson = JsonSerializer.Serialize(l.Line.Arguments),
                    RefersLineId = l.Line.Refers is { } r && refs.TryGetValue(r, out var id) ? id : null,
                });
            }

            db.Audit(now, userId, "payroll.prepare", key, string.Create(CultureInfo.InvariantCulture, $"{computed.Lines.Count} lines, paying {LedgerCsv.Amount(entity.Total)}, file {entity.Fingerprint[..12]}"));
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
            db.ChangeTracker.Clear();
            return new PayrollOutcome(Summary(entity), null, []);
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Approves a prepared month as prepared (by someone else; the figures computed now must be those prepared); the month
    /// is then locked, and preparations of other months (drafts) are discarded.
    /// </summary>
    public async Task<PayrollOutcome> ApproveAsync(Period month, string userId, long? version, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var key = month.ToString();
        var last = await LastApprovedAsync(ct).ConfigureAwait(false);
        var stored = await db.PayrollMonths.AsNoTracking().SingleOrDefaultAsync(m => m.Month == key, ct).ConfigureAwait(false);
        if (stored is { State: PayrollMonthState.Prepared } && version is { } v && v != stored.Version)
        {
            return PayrollOutcome.Refused(PayrollProblemCode.Stale, key);
        }

        var same = false;
        if (stored is { State: PayrollMonthState.Prepared } && PayrollApproval.CanPrepare(month, last) is null)
        {
            var computed = await _ledger.MonthAsync(month, null, ct).ConfigureAwait(false);
            same = computed is not null && Fingerprint(computed.Lines) == stored.Fingerprint;
        }

        if (PayrollApproval.CanApprove(month, last, stored?.State == PayrollMonthState.Prepared ? stored.PreparedBy : null, userId, same) is { } problem)
        {
            return Refused(problem, month, last);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var entity = await db.PayrollMonths.SingleAsync(m => m.Id == stored!.Id, ct).ConfigureAwait(false);
        if (entity.Version != stored!.Version)
        {
            return PayrollOutcome.Refused(PayrollProblemCode.Stale, key);
        }

        entity.State = PayrollMonthState.Approved;
        entity.ApprovedBy = userId;
        entity.ApprovedAt = now;
        var drafts = await db.PayrollMonths.Where(m => m.State == PayrollMonthState.Prepared && m.Id != entity.Id).ToListAsync(ct).ConfigureAwait(false);
        var discarded = drafts.Count == 0 ? "" : "; preparations discarded: " + string.Join(", ", drafts.Select(d => d.Month));
        db.Audit(now, userId, "payroll.approve", key, string.Create(CultureInfo.InvariantCulture,
            $"prepared by {entity.PreparedBy}, {entity.LineCount} lines, paying {LedgerCsv.Amount(entity.Total)}, file {entity.Fingerprint[..12]}") + discarded);
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
                foreach (var d in drafts)
                {
                    await db.PayrollLines.Where(l => l.PayrollMonthId == d.Id).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                    db.PayrollMonths.Remove(d);
                }

                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                await tx.CommitAsync(ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return PayrollOutcome.Refused(PayrollProblemCode.Stale, key);
        }

        db.ChangeTracker.Clear();
        return new PayrollOutcome(Summary(entity), null, []);
    }

    /// <summary>The payroll file of an approved month (the bytes of <see cref="LedgerCsv"/>), or the problem.</summary>
    public async Task<(string? Csv, PayrollOutcome Outcome)> CsvAsync(Period month, CancellationToken ct = default)
    {
        var (summary, rows, refused) = await ApprovedLinesAsync(month, ct).ConfigureAwait(false);
        return refused is not null ? (null, refused) : (LedgerCsv.Write(rows.Select(PayrollLedger.ToLine)), new PayrollOutcome(summary, null, []));
    }

    /// <summary>The Excel workbook of an approved month: names, units, statuses and explanations in <paramref name="culture"/>.</summary>
    public async Task<(byte[]? Xlsx, PayrollOutcome Outcome)> XlsxAsync(Period month, CultureInfo culture, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var (summary, rows, refused) = await ApprovedLinesAsync(month, ct).ConfigureAwait(false);
        if (refused is not null)
        {
            return (null, refused);
        }

        var units = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, StringComparer.Ordinal, ct).ConfigureAwait(false);
        ExportColumn[] columns =
        [
            new("员工编号", "Employee"), new("姓名", "Name"), new("组织", "Unit"), new("薪酬项", "Component"), new("计提期间", "Earned in"),
            new("发放月份", "Pay month"), new("状态", "Status"), new("金额", "Amount", ExportKind.Money), new("说明", "Explanation"),
        ];
        using var ms = new MemoryStream();
        ExcelExport.Write(ms, month.ToString(), columns, rows.Select(r =>
        {
            var line = PayrollLedger.ToLine(r);
            return (IReadOnlyList<object?>)[r.EmployeeId, r.EmployeeName, units.TryGetValue(r.OrgUnitId, out var unit) ? unit : r.OrgUnitId, r.ComponentName, r.Earned, r.Month,
                LedgerStatusCodes.Name(line.Status, culture), r.Amount, line.Explain(culture)];
        }), culture);
        return (ms.ToArray(), new PayrollOutcome(summary, null, []));
    }

    private async Task<(PayrollMonthSummary? Summary, List<PayrollLineEntity> Rows, PayrollOutcome? Refused)> ApprovedLinesAsync(Period month, CancellationToken ct)
    {
        var key = month.ToString();
        var stored = await db.PayrollMonths.AsNoTracking().SingleOrDefaultAsync(m => m.Month == key, ct).ConfigureAwait(false);
        if (stored is not { State: PayrollMonthState.Approved })
        {
            return (null, [], PayrollOutcome.Refused(PayrollProblemCode.NotApproved, key));
        }

        var rows = await db.PayrollLines.AsNoTracking().Where(l => l.PayrollMonthId == stored.Id).OrderBy(l => l.Seq).ToListAsync(ct).ConfigureAwait(false);
        return (Summary(stored), rows, null);
    }

    /// <summary>What each person was paid in a stored month (paid, paid back, clawed back, adjusted), or null when it is not stored.</summary>
    private async Task<IReadOnlyDictionary<string, decimal>?> PaidAsync(Period month, CancellationToken ct)
    {
        var key = month.ToString();
        var id = await db.PayrollMonths.AsNoTracking().Where(m => m.Month == key).Select(m => (long?)m.Id).SingleOrDefaultAsync(ct).ConfigureAwait(false);
        if (id is null)
        {
            return null;
        }

        var rows = await db.PayrollLines.AsNoTracking().Where(l => l.PayrollMonthId == id).Select(l => new { l.EmployeeId, l.Status, l.Amount }).ToListAsync(ct).ConfigureAwait(false);
        return rows.Where(r => LedgerStatusCodes.TryParse(r.Status, out var s) && new LedgerLine("", "", month, month, s, 0m, LedgerRule.Approved, []).MovesMoney)
            .GroupBy(r => r.EmployeeId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(r => r.Amount), StringComparer.Ordinal);
    }

    private async Task<Period?> LastApprovedAsync(CancellationToken ct)
    {
        var months = await db.PayrollMonths.AsNoTracking().Where(m => m.State == PayrollMonthState.Approved).Select(m => m.Month).ToListAsync(ct).ConfigureAwait(false);
        return months.Count == 0 ? null : months.Select(Period.Parse).Max();
    }

    private static PayrollOutcome Refused(PayrollProblemCode problem, Period month, Period? last) =>
        PayrollOutcome.Refused(problem, month.ToString(), (PayrollApproval.OpenMonth(last) ?? month).ToString());

    /// <summary>SHA-256 (hex) of the month's payroll file.</summary>
    public static string Fingerprint(IEnumerable<PayrollLine> lines) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(LedgerCsv.Write(lines.Select(l => l.Line)))));

    private static PayrollMonthSummary Summary(PayrollMonthEntity m) =>
        new(m.Month, m.State, m.PreparedBy, m.PreparedAt, m.ApprovedBy, m.ApprovedAt, m.LineCount, m.Total, m.Version);

    private static PayrollMonthLine Line(PayrollLineEntity r) =>
        new(new PayrollLine(PayrollLedger.ToLine(r), r.EmployeeName, r.OrgUnitId, r.ComponentName, null), r.Id, r.RefersLineId);
}
