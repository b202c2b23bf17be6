using System.Globalization;
using Jixiao.Application.Access;
using Jixiao.Application.Calendar;
using Jixiao.Application.Payroll;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Payroll;

/// <summary>One ledger line as the API and the page show it: codes for programs, names and the explanation for people.</summary>
public sealed record PayrollLineDto(long? Id, string Employee, string Name, string Unit, string UnitName, string Component, string ComponentName, string EarnedPeriod,
    string PayMonth, string Status, string StatusName, decimal Amount, string Rule, string Explanation, long? RefersId);

/// <summary>A payroll month's state: none (a preview), prepared or approved; who prepared and approved it (user names) and its version.</summary>
public sealed record PayrollMonthDto(string Month, string State, string? PreparedBy, DateTime? PreparedAt, string? ApprovedBy, DateTime? ApprovedAt, int LineCount,
    decimal Total, long? Version);

/// <summary>What a component, unit or status adds up to in the month: paid (moves money) and not paid (forfeited, withheld).</summary>
public sealed record PayrollTotalDto(string Key, string Name, decimal Paid, decimal NotPaid);

/// <summary>What a person is paid this month and last month (when that month is stored).</summary>
public sealed record PayrollPersonDto(string Employee, string Name, string UnitName, decimal Paid, decimal? Previous, decimal? Change);

/// <summary>A payroll month with its lines, totals and differences against the previous month.</summary>
public sealed record PayrollViewDto(PayrollMonthDto Month, string? OpenMonth, string? LastApproved, IReadOnlyList<string> MissingPeriods, IReadOnlyList<PayrollLineDto> Lines,
    IReadOnlyList<PayrollTotalDto> ByComponent, IReadOnlyList<PayrollTotalDto> ByUnit, IReadOnlyList<PayrollTotalDto> ByStatus, IReadOnlyList<PayrollPersonDto> People)
{
    /// <summary>Periods paid in the month whose pay exceeds the cost cap without HR's decision: the month cannot be prepared until HR decides.</summary>
    public IReadOnlyList<string> CostUndecided { get; init; } = [];
}

/// <summary>Reads payroll months for the API and the 工资发放 page (the same people, lines and totals for both).</summary>
public static class PayrollViews
{
    /// <summary>The roles that open the 工资发放 page.</summary>
    public const string Roles = Auth.Roles.Finance + "," + Auth.Roles.Hr + "," + Auth.Roles.Admin;

    /// <summary>The runs pay is drawn from: the published run of each published or closed period (never a draft).</summary>
    public static PayableRuns Runs => PayrollLedger.PublishedRunsAsync;

    /// <summary>A payroll month as <paramref name="scope"/> may see it (someone covering a unit: that subtree's lines), or null when no plan is stored.</summary>
    public static async Task<PayrollViewDto?> MonthAsync(JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, Period month, AccessScope scope, CultureInfo culture, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var view = await new PayrollService(db, time, zone, Runs).MonthAsync(month, ct);
        if (view is null)
        {
            return null;
        }

        var units = await UnitNamesAsync(db, ct);
        var lines = view.Lines.Where(l => scope.Kind == ScopeKind.Everyone || scope.CanSeeResult(l.Line.Line.Employee, l.Line.Unit))
            .Select(l => Line(l.Line, l.Id, l.RefersId, units, culture)).ToList();
        List<PayrollTotalDto> Totals(Func<PayrollLineDto, (string Key, string Name)> by) =>
            [.. lines.GroupBy(by).Select(g => new PayrollTotalDto(g.Key.Key, g.Key.Name, g.Where(Moves).Sum(l => l.Amount), g.Where(l => !Moves(l)).Sum(l => l.Amount)))];
        var people = lines.GroupBy(l => (l.Employee, l.Name, l.UnitName)).Select(g =>
        {
            var paid = g.Where(Moves).Sum(l => l.Amount);
            decimal? previous = view.PreviousPaid is null ? null : view.PreviousPaid.GetValueOrDefault(g.Key.Employee);
            return new PayrollPersonDto(g.Key.Employee, g.Key.Name, g.Key.UnitName, paid, previous, previous is null ? null : paid - previous);
        }).ToList();
        var names = await UserNamesAsync(db, [view.Stored?.PreparedBy, view.Stored?.ApprovedBy], ct);
        var s = view.Stored;
        var dto = new PayrollMonthDto(month.ToString(), s is null ? "none" : s.State == PayrollMonthState.Approved ? "approved" : "prepared",
            s is null ? null : names.GetValueOrDefault(s.PreparedBy, s.PreparedBy), s?.PreparedAt,
            s?.ApprovedBy is { } a ? names.GetValueOrDefault(a, a) : null, s?.ApprovedAt, lines.Count, lines.Where(Moves).Sum(l => l.Amount), s?.Version);
        return new PayrollViewDto(dto, view.OpenMonth?.ToString(), view.LastApproved?.ToString(), view.MissingPeriods, lines,
            Totals(l => (l.Component, l.ComponentName)), Totals(l => (l.Unit, l.UnitName)), Totals(l => (l.Status, l.StatusName)), people)
        { CostUndecided = view.Undecided };
    }

    /// <summary>Whether a line moves money in its month (paid, paid back, clawed back, adjusted).</summary>
    public static bool Moves(PayrollLineDto line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Status is "paid" or "paid_back" or "clawed_back" or "adjusted";
    }

    /// <summary>One line with its names in <paramref name="culture"/>.</summary>
    public static PayrollLineDto Line(PayrollLine l, long? id, long? refers, IReadOnlyDictionary<string, string> units, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(units);
        // The plan's component name in the reader's language (zh-TW: converted by OpenCC), the salary line in ours.
        var component = l.Line.Component == LedgerBuilder.SalaryComponent ? Domain.Localization.Text.Format("Ledger_SalaryName", culture)
            : Plans.PlanNames.In(l.ComponentName, l.ComponentNameEn, l.ComponentNameZhTw, culture);
        // The sentence names the component as the ledger stored it (the plan's Simplified name): in the reader's language too.
        var args = l.Line.Arguments;
        var sentence = args.Count > 0 && args[0] == l.ComponentName && component != args[0]
            ? l.Line with { Arguments = [component, .. args.Skip(1)] }
            : l.Line;
        return new PayrollLineDto(id, l.Line.Employee, l.Name, l.Unit, units.TryGetValue(l.Unit, out var u) ? u : l.Unit, l.Line.Component, component,
            l.Line.Earned.ToString(), l.Line.PayMonth.ToString(), LedgerStatusCodes.Code(l.Line.Status), LedgerStatusCodes.Name(l.Line.Status, culture), l.Line.Amount,
            l.Line.Rule.ToString(), sentence.Explain(culture), refers);
    }

    /// <summary>Each unit's name as the payroll shows it: with its parent's name below the top level (two stores each have a 销售一组).</summary>
    public static async Task<Dictionary<string, string>> UnitNamesAsync(JixiaoDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.Name, u.ParentId }).ToListAsync(ct);
        var byId = rows.ToDictionary(u => u.Id, StringComparer.Ordinal);
        return rows.ToDictionary(u => u.Id, u => u.ParentId is { } p && byId.TryGetValue(p, out var parent) && parent.ParentId is not null ? parent.Name + " · " + u.Name : u.Name,
            StringComparer.Ordinal);
    }

    /// <summary>User names of user ids (an id without an account stays as it is).</summary>
    public static async Task<Dictionary<string, string>> UserNamesAsync(JixiaoDbContext db, IEnumerable<string?> ids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var wanted = ids.OfType<string>().Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).Select(u => new { u.Id, u.UserName, u.DisplayName }).ToListAsync(ct);
        return users.ToDictionary(u => u.Id, u => u.DisplayName ?? u.UserName ?? u.Id, StringComparer.Ordinal);
    }

    /// <summary>The payroll months of the picker: the stored ones, the open month and the twelve months up to next month.</summary>
    public static async Task<IReadOnlyList<string>> PickableAsync(JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, DateOnly today, CancellationToken ct)
    {
        var service = new PayrollService(db, time, zone, Runs);
        var stored = (await service.MonthsAsync(ct)).Select(m => m.Month);
        var (open, _) = await service.OpenMonthAsync(ct);
        var recent = Enumerable.Range(-11, 13).Select(i => PayMonth.Add(PayMonth.Month(today.Year, today.Month), i).ToString());
        return [.. stored.Concat(recent).Concat(open is { } o ? [o.ToString()] : []).Distinct().OrderDescending(StringComparer.Ordinal)];
    }
}
