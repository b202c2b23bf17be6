using System.Globalization;
using Jixiao.Application.Access;
using Jixiao.Application.Excel;
using Jixiao.Application.Persistence;
using Jixiao.Application.Targets;
using Jixiao.Domain.Targets;
using Jixiao.Web.Api;
using Jixiao.Web.Auth;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Jixiao.Web.Components.Pages;

/// <summary>An edit of one cell of the /targets grid: <see cref="Month"/> 0 the annual value, 1–12 the months.</summary>
public readonly record struct TargetEdit(string Subject, int Month, string Text);

/// <summary>
/// The /targets page (docs/targets.md): opens with the stored targets of the chosen unit, metric and year (by hand, so
/// the sum checks speak of what is on screen), re-splits them by ratio or last year's share, marks months of closed
/// periods read-only and refuses up front a plan that would change them; applies through <see cref="TargetPlanner"/>.
/// </summary>
public sealed partial class Targets
{
    // Phones offer a keypad with a decimal point for the figures.
    private const InputMode DecimalInput = InputMode.@decimal;

    private static readonly (SplitMethod Method, string Key)[] Methods = [(SplitMethod.Ratio, "Ratio"), (SplitMethod.LastYear, "LastYear"), (SplitMethod.Hand, "Hand")];

    private bool _loaded;

    /// <summary>A load of the stored figures is in flight (the annual fields are disabled until it is in).</summary>
    private bool _loading;
    private bool _busy;
    private AccessScope _scope = AccessScope.Nobody;
    private System.Security.Claims.ClaimsPrincipal _user = new();
    private string? _userId;
    private List<int> _years = [];
    private int _year;
    private List<(string Code, string Name)> _metrics = [];
    private string? _metric;
    private List<(string Id, string Name)> _subjects = [];
    private string? _subject;
    private string _annualText = "";
    private string _challengeText = "";
    private string _factorText = "";

    // The numbers the fields show (the last text each could read); the texts above are what the page checks and uses.
    private decimal? _annual;
    private decimal? _challenge;
    private decimal? _factor;
    private readonly decimal?[] _monthWeights = [.. Enumerable.Repeat<decimal?>(1m, 12)];

    // Counts the times stored figures were put into the fields: their @key, so a field showing an unreadable text is re-created.
    private int _shown;
    private SplitMethod _method = SplitMethod.Ratio;
    private readonly Dictionary<string, string> _weightTexts = new(StringComparer.Ordinal);
    private readonly string[] _monthWeightTexts = [.. Enumerable.Repeat("1", 12)];
    private readonly Dictionary<(string Subject, int Month), string> _cellTexts = [];
    private PlanningContext? _context;
    private string _version = "";
    private TargetPlan? _plan;
    private List<string> _errors = [];
    private string? _message;
    private Severity _messageSeverity = Severity.Info;
    private bool _conflict;
    private string? _exportHref;
    private bool _confirmOverwrite;
    private HashSet<(string Subject, int Month)> _lockedCells = [];

    // The stored challenges of the cells loaded from storage: kept as they are unless the cell is edited.
    private readonly Dictionary<(string Subject, int Month), decimal?> _cellChallenges = [];
    private bool _storedShown;
    private int _loads;

    private IReadOnlyDictionary<int, string> Closed => _context?.Closed ?? new Dictionary<int, string>();

    private IReadOnlyDictionary<string, GridValue?[]> Stored => _context?.Stored ?? new Dictionary<string, GridValue?[]>(StringComparer.Ordinal);

    private string ExportName => $"targets-{_subject}-{_metric}-{_year}.xlsx";

    protected override async Task OnInitializedAsync()
    {
        var user = _user = (await Auth.GetAuthenticationStateAsync()).User;
        _userId = user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        await using var scope = ScopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JixiaoDbContext>();
        var resolver = scope.ServiceProvider.GetRequiredService<ScopeResolver>();
        _scope = await resolver.ForAsync(user);
        var today = resolver.Today();
        _years = [today.Year - 1, today.Year, today.Year + 1, today.Year + 2];
        _year = today.Year;
        var units = await db.OrgUnits.AsNoTracking().OrderBy(u => u.Id).Select(u => new { u.Id, u.Name }).ToListAsync();
        _subjects = [.. units.Where(u => TargetStore.CanWrite(_scope, u.Id)).Select(u => (u.Id, u.Name))];
        _subject = _subjects.Count > 0 ? _subjects[0].Id : null;
        await LoadMetricsAsync(scope.ServiceProvider);
        await LoadContextAsync();
        _loaded = true;
    }

    private async Task LoadMetricsAsync(IServiceProvider services)
    {
        var planner = new TargetPlanner(services.GetRequiredService<JixiaoDbContext>(), services.GetRequiredService<TimeProvider>());
        _metrics = [.. (await planner.AdditiveMetricsAsync(_year)).Select(m => (m.Code, Jixiao.Web.Plans.PlanNames.In(m.Name, m.NameEn, m.NameZhTw, CultureInfo.CurrentUICulture)))];
        if (_metric is null || !_metrics.Any(m => m.Code == _metric))
        {
            _metric = _metrics.Count > 0 ? _metrics[0].Code : null;
        }

        if (_metrics.Count == 0)
        {
            _errors = [T["NoMetrics", _year]];
        }
    }

    /// <summary>Reads what the grid needs; <paramref name="showStored"/>: the grid shows the stored targets (a fresh start, not a change of method).</summary>
    private async Task LoadContextAsync(bool showStored = true)
    {
        _confirmOverwrite = false;
        _context = null;
        _plan = null;
        if (_subject is null || _metric is null)
        {
            return;
        }

        // Choices made quickly one after another: only the last one's load may fill the grid. While a load is in flight the
        // annual fields are disabled, so nothing typed meanwhile is overwritten by the stored figures arriving after it.
        var load = ++_loads;
        _loading = true;
        try
        {
            await using var scope = ScopeFactory.CreateAsyncScope();
            var planner = new TargetPlanner(scope.ServiceProvider.GetRequiredService<JixiaoDbContext>(), scope.ServiceProvider.GetRequiredService<TimeProvider>());
            var context = await planner.ContextAsync(_year, _metric, _subject, showStored ? false : _method == SplitMethod.LastYear);
            if (load != _loads)
            {
                return;
            }

            _context = context;
            if (showStored)
            {
                ShowStored();
            }

            Recompute();
            _version = _plan is null ? "" : await planner.TokenAsync(_plan);
        }
        finally
        {
            if (load == _loads)
            {
                _loading = false;
            }
        }
    }

    private async Task ChangeYear(int year)
    {
        _year = year;
        _cellTexts.Clear();
        _message = null;
        await using var scope = ScopeFactory.CreateAsyncScope();
        await LoadMetricsAsync(scope.ServiceProvider);
        await LoadContextAsync();
    }

    private string MetricText(string? code) => _metrics.FirstOrDefault(m => m.Code == code) is { Code: not null } m ? $"{m.Name} ({m.Code})" : code ?? "";

    private string SubjectText(string? id) => _subjects.FirstOrDefault(s => s.Id == id) is { Id: not null } s ? $"{s.Name} ({s.Id})" : id ?? "";

    private async Task ChangeMetric(string? value)
    {
        _metric = value;
        _cellTexts.Clear();
        _message = null;
        await LoadContextAsync();
    }

    private async Task ChangeSubject(string? value)
    {
        _subject = value;
        _cellTexts.Clear();
        _weightTexts.Clear();
        _message = null;
        await LoadContextAsync();
    }

    private async Task ChangeMethod(SplitMethod method)
    {
        if (method == SplitMethod.Hand && _plan is not null)
        {
            // Start from the numbers on screen: they become the hand values.
            foreach (var r in _plan.Rows.Where(r => r.Parent is not null))
            {
                _cellTexts.TryAdd((r.Subject, 0), Plain(r.Annual));
            }

            foreach (var r in _plan.Rows)
            {
                for (var m = 0; m < 12; m++)
                {
                    if (r.Months[m] is { } v)
                    {
                        _cellTexts.TryAdd((r.Subject, m + 1), Plain(v));
                    }
                }
            }
        }

        if (method != SplitMethod.Hand && _storedShown)
        {
            // Re-splitting the stored targets: the stored cells are no hand edits.
            _cellTexts.Clear();
            _cellChallenges.Clear();
            _storedShown = false;
        }

        var reload = method == SplitMethod.LastYear && _context?.LastYear is null;
        _method = method;
        _message = null;
        if (reload)
        {
            await LoadContextAsync(showStored: false);
        }
        else
        {
            Recompute();
        }
    }

    private void EditAnnual(string? text)
    {
        _annualText = text ?? string.Empty;
        Recompute();
    }

    private void EditChallenge(string? text)
    {
        _challengeText = text ?? string.Empty;
        Recompute();
    }

    private void EditMonthWeight(int month, string? text)
    {
        _monthWeightTexts[month] = text ?? string.Empty;
        Recompute();
    }

    private void EditFactor(string? text)
    {
        _factorText = text ?? string.Empty;
        if (_factorText.Trim().Length > 0)
        {
            _cellChallenges.Clear();
        }

        Recompute();
    }

    private void EditWeight(TargetEdit edit)
    {
        _weightTexts[edit.Subject] = edit.Text;
        Recompute();
    }

    private static string NameOf(TargetPlan plan, string subject) => plan.Rows.FirstOrDefault(r => r.Subject == subject)?.Name ?? subject;

    /// <summary>The closed columns in words: "5–9 月（2026-05 … 已关闭）" as a list of months and the periods that closed them.</summary>
    private string ClosedColumnsText(IReadOnlyDictionary<int, string> closed) =>
        string.Join(T["ListSeparator"], closed.OrderBy(c => c.Key).Select(c => (c.Key == 0 ? T["Col_Annual"].Value : T["Col_Month", c.Key].Value) + T["ClosedBy", c.Value]));

    private void ClearHand()
    {
        _cellTexts.Clear();
        Recompute();
    }

    private async Task Reload()
    {
        _message = null;
        _conflict = false;
        await LoadContextAsync();
    }

    /// <summary>
    /// Puts the stored targets on screen, by hand (nothing recomputed): the root's annual value and challenge in the form,
    /// every other stored value in its cell, empty cells where nothing is stored. Without stored targets the form is empty.
    /// </summary>
    private void ShowStored()
    {
        _cellTexts.Clear();
        _cellChallenges.Clear();
        _weightTexts.Clear();
        _storedShown = false;
        _shown++;
        if (_context is not { Problem: null } context || context.Stored.Count == 0)
        {
            (_annualText, _annual) = ("", null);
            (_challengeText, _challenge) = ("", null);
            _factorText = _factor is { } f ? Plain(f) : ""; // the factor field is re-created too: it shows what it could read
            _method = _method == SplitMethod.Hand ? SplitMethod.Ratio : _method;
            return;
        }

        _storedShown = true;
        _method = SplitMethod.Hand;
        (_factorText, _factor) = ("", null);
        foreach (var node in context.Nodes)
        {
            var cells = context.Stored[node.Id];
            for (var m = node.Parent is null ? 1 : 0; m <= 12; m++)
            {
                if (m > 0 && node.IsPerson && !TargetDecomposer.ActiveIn(node.Hired, node.Left, _year, m))
                {
                    continue;
                }

                _cellTexts[(node.Id, m)] = cells[m] is { } v ? Plain(v.Value) : "";
                _cellChallenges[(node.Id, m)] = cells[m]?.Challenge;
            }
        }

        var root = context.Stored[context.Nodes[0].Id][0];
        _annualText = root is { } r ? Plain(r.Value) : "";
        _annual = root?.Value;
        _challengeText = root?.Challenge is { } c ? Plain(c) : "";
        _challenge = root?.Challenge;
    }

    private void Edit(TargetEdit edit)
    {
        // A stored challenge stays with its cell (the challenge column is not edited by hand; a factor replaces them all).
        var (subject, month, text) = edit;
        _cellTexts[(subject, month)] = text ?? string.Empty;
        _message = null;
        Recompute();
    }

    private string WeightText(string subject) => _weightTexts.TryGetValue(subject, out var t) ? t : "1";

    private string CellText(string subject, int month, decimal computed) => _cellTexts.TryGetValue((subject, month), out var t) ? t : Plain(computed);

    private static string Plain(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Format(decimal? value) => LocaleFormat.Quantity(value);

    private static string Signed(decimal value) => LocaleFormat.SignedQuantity(value);

    private bool TryNumber(string text, string field, List<string> errors, out decimal? value)
    {
        value = null;
        var s = text.Trim().Replace(",", "", StringComparison.Ordinal);
        if (s.Length == 0)
        {
            return true;
        }

        if (decimal.TryParse(s, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
        {
            value = v;
            return true;
        }

        errors.Add(field + T["NotANumber", text]);
        return false;
    }

    private DecomposeRequest? BuildRequest(List<string> errors)
    {
        TryNumber(_annualText, T["Field_Annual"], errors, out var annual);
        TryNumber(_challengeText, T["Field_Challenge"], errors, out var challenge);
        TryNumber(_factorText, T["Field_Factor"], errors, out var factor);
        var monthWeights = new decimal[12];
        for (var m = 0; m < 12; m++)
        {
            TryNumber(_monthWeightTexts[m], T["Field_MonthWeight", m + 1], errors, out var w);
            monthWeights[m] = w ?? 0m;
        }

        var weights = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var (subject, text) in _weightTexts)
        {
            if (TryNumber(text, T["Field_Weight", subject], errors, out var w))
            {
                weights[subject] = w ?? 0m;
            }
        }

        var cells = new List<TargetCell>();
        foreach (var ((subject, month), text) in _cellTexts.OrderBy(c => c.Key.Subject, StringComparer.Ordinal).ThenBy(c => c.Key.Month))
        {
            if (TryNumber(text, T["Field_Month", subject, month], errors, out var v))
            {
                // By hand an empty cell is no target (nothing written where nothing is stored); otherwise it counts 0.
                cells.Add(new TargetCell(subject, month, _method == SplitMethod.Hand ? v : v ?? 0m, _cellChallenges.GetValueOrDefault((subject, month))));
            }
        }

        return errors.Count > 0 || _subject is null || _metric is null ? null : new DecomposeRequest
        {
            Year = _year,
            Metric = _metric,
            Subject = _subject,
            Annual = annual ?? 0m,
            Challenge = challenge,
            ChallengeFactor = factor,
            Method = _method,
            Weights = weights,
            MonthWeights = monthWeights,
            Cells = cells,
            Version = _version,
            OverwriteCalculated = _confirmOverwrite,
        };
    }

    private void Recompute()
    {
        var errors = new List<string>();
        var request = BuildRequest(errors);
        if (request is null || _context is null || _context.Problem is not null)
        {
            _errors = errors;
            if (errors.Count == 0)
            {
                _plan = null;
            }

            return;
        }

        var plan = StoredTargetGrid.KeepUnset(
            ClosedTargets.Apply(TargetDecomposer.Compute(request, _context.Nodes, _context.Decimals, _context.Unit, _context.LastYear, _version), _context.Closed, _context.Stored),
            request, _context.Stored);
        if (plan.Problems.Count == 0 && _context.Locks is { } locks)
        {
            plan = plan with { Locked = locks.Changes(plan) };
        }

        _lockedCells = [.. plan.Locked.Select(l => (l.Subject, Jixiao.Domain.Periods.Period.Parse(l.Period) is { Kind: Jixiao.Domain.Periods.PeriodKind.Month } p ? p.Index : 0))];
        errors.AddRange(plan.Problems.Select(p => TargetMessages.Of(CultureInfo.CurrentUICulture, p)));
        _errors = errors;
        if (plan.Rows.Count > 0)
        {
            _plan = plan;
            _exportHref = Export(plan);
        }
    }

    private string Export(TargetPlan plan)
    {
        string H(string key) => T[key];
        List<ExportColumn> columns =
        [
            new(H("Col_Id"), H("Col_Id")),
            new(H("Col_Subject"), H("Col_Subject")),
            new(H("Col_Kind"), H("Col_Kind")),
            new(H("Col_Annual"), H("Col_Annual"), ExportKind.Number),
            new(H("Col_Challenge"), H("Col_Challenge"), ExportKind.Number),
            .. Enumerable.Range(1, 12).Select(m => new ExportColumn(T["Col_Month", m], T["Col_Month", m], ExportKind.Number)),
            new(H("Col_SumMonths"), H("Col_SumMonths"), ExportKind.Number),
        ];
        var rows = plan.Rows.Select(r => (IReadOnlyList<object?>)[
            r.Subject, new string(' ', r.Depth * 2) + r.Name, r.IsPerson ? H("Kind_Person") : H("Kind_Unit"), r.Annual, r.Challenge,
            .. r.Months.Select(v => (object?)v), r.Months.Sum(v => v ?? 0m)]);
        using var stream = new MemoryStream();
        ExcelExport.Write(stream, H("Sheet"), columns, rows);
        return "data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64," + Convert.ToBase64String(stream.ToArray());
    }

    private async Task ApplyAsync()
    {
        var errors = new List<string>();
        var request = BuildRequest(errors);
        if (request is null)
        {
            _errors = errors;
            return;
        }

        _busy = true;
        try
        {
            await using var scope = ScopeFactory.CreateAsyncScope();
            var planner = new TargetPlanner(scope.ServiceProvider.GetRequiredService<JixiaoDbContext>(), scope.ServiceProvider.GetRequiredService<TimeProvider>());
            // The same rule as PUT /api/v1/targets: never a target one is measured on, by today's chart or the year's.
            var ofYear = await scope.ServiceProvider.GetRequiredService<ScopeResolver>().ForPeriodAsync(_user, new Jixiao.Domain.Periods.Period(Jixiao.Domain.Periods.PeriodKind.Year, _year, 1));
            var outcome = await planner.ApplyAsync(request, s => TargetRights.Of(_scope, ofYear, s) == TargetRight.Allowed, _userId);
            _conflict = false;
            switch (outcome.Status)
            {
                case ApplyStatus.Applied:
                    _messageSeverity = Severity.Success;
                    _message = T["Applied", outcome.Write!.Inserted, outcome.Write.Updated, outcome.Write.Unchanged];
                    if (outcome.Plan.Locked.Count > 0)
                    {
                        _messageSeverity = Severity.Warning;
                        _message += " " + T["Locked_Rerun", string.Join(", ", outcome.Plan.RerunPeriods)];
                    }

                    _version = await planner.TokenAsync(outcome.Plan);
                    _confirmOverwrite = false;
                    if (_context is not null)
                    {
                        // The stored rows changed: what is locked is what is stored now.
                        _context = _context with
                        {
                            Locks = await planner.LocksAsync(_year, outcome.Plan.Metric, _context.Nodes),
                            Stored = await planner.StoredAsync(_year, outcome.Plan.Metric, _context.Nodes),
                        };
                        Recompute();
                    }

                    break;
                case ApplyStatus.Locked:
                    _messageSeverity = Severity.Error;
                    _message = T["Locked_Refused"];
                    break;
                case ApplyStatus.Closed:
                    _messageSeverity = Severity.Error;
                    var cited = outcome.Plan.ClosedChanges.Count > 0
                        ? outcome.Plan.ClosedChanges.Select(c => NameOf(outcome.Plan, c.Subject) + " " + c.Period).ToList()
                        : outcome.Write!.Conflicts.ToList();
                    _message = new Jixiao.Domain.Evaluations.EvaluationError(Jixiao.Domain.Evaluations.EvaluationErrorCode.PeriodClosed, outcome.Write!.ClosedPeriod)
                        .Message(CultureInfo.CurrentUICulture) + " (" + string.Join(T["ListSeparator"], cited.Take(10)) + (cited.Count > 10 ? " …" : "") + ")";
                    break;
                case ApplyStatus.Conflict:
                    _messageSeverity = Severity.Error;
                    _message = T["Conflict"];
                    _conflict = true;
                    break;
                case ApplyStatus.Forbidden:
                    _messageSeverity = Severity.Error;
                    var own = (outcome.Forbidden ?? []).Where(s => TargetRights.Of(_scope, ofYear, s) == TargetRight.MeasuredOn).ToList();
                    _message = own.Count > 0 ? TargetMessages.Get(CultureInfo.CurrentUICulture, "Forbidden_Own", string.Join(", ", own))
                        : TargetMessages.Get(CultureInfo.CurrentUICulture, "Forbidden", string.Join(", ", outcome.Forbidden ?? []));
                    break;
                default:
                    _messageSeverity = Severity.Error;
                    _message = string.Join(" ", outcome.Plan.Problems.Select(p => TargetMessages.Of(CultureInfo.CurrentUICulture, p))
                        .Concat(outcome.Plan.Checks.Where(c => !c.Ok).Select(c => TargetMessages.Of(CultureInfo.CurrentUICulture, c))));
                    break;
            }
        }
        finally
        {
            _busy = false;
        }
    }
}
