using System.Globalization;
using Jixiao.Application.Access;
using Jixiao.Application.Persistence;
using Jixiao.Application.Targets;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Targets;
using Jixiao.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Api;

/// <summary>A stored target; <see cref="Version"/> is sent back with a change (409 when someone changed it since).</summary>
public sealed record TargetDto(string Subject, string Metric, string Period, decimal Value, decimal? Challenge, long Version);

/// <summary>One target to insert or update; <see cref="Version"/> as read (null for a new one).</summary>
public sealed record TargetItem(string? Subject, string? Metric, string? Period, decimal? Value, decimal? Challenge, long? Version);

/// <summary>The outcome of a batch save.</summary>
public sealed record TargetSaveResult(int Inserted, int Updated, int Unchanged, IReadOnlyList<TargetDto> Items);

/// <summary>A cell given by hand: month 0 is the year.</summary>
public sealed record TargetCellBody(string? Subject, int Month, decimal? Value, decimal? Challenge);

/// <summary>A decomposition request (docs/targets.md).</summary>
public sealed record DecomposeBody(
    int Year,
    string? Metric,
    string? Subject,
    decimal Annual,
    decimal? Challenge,
    decimal? ChallengeFactor,
    string? Method,
    Dictionary<string, decimal>? Weights,
    List<decimal>? MonthWeights,
    List<TargetCellBody>? Cells,
    string? Version,
    bool? OverwriteCalculated = null);

/// <summary>A stored target of a calculated period that the decomposition changes (old → new) and the runs that read it.</summary>
public sealed record LockedDto(string Subject, string Period, decimal OldValue, decimal? OldChallenge, decimal NewValue, decimal? NewChallenge, IReadOnlyList<string> RunPeriods, string? Metric = null);

/// <summary>
/// A decomposition: rows, checks (failed ones also in words), problems in words, and the version to apply with;
/// <see cref="Locked"/> the stored targets of calculated periods it changes (applying needs overwriteCalculated: true),
/// <see cref="RerunPeriods"/> the calculated periods to run again once applied.
/// </summary>
public sealed record DecomposeResult(
    int Year,
    string Metric,
    string? Unit,
    int Decimals,
    bool Balanced,
    string Version,
    IReadOnlyList<TargetPlanRow> Rows,
    IReadOnlyList<CheckDto> Checks,
    bool Applied,
    int Inserted,
    int Updated,
    int Unchanged,
    IReadOnlyList<LockedDto> Locked,
    IReadOnlyList<string> RerunPeriods,
    string? Notice);

/// <summary>A sum check as the API shows it.</summary>
public sealed record CheckDto(string Subject, string Kind, bool Challenge, decimal Expected, decimal Actual, decimal Difference, bool Ok, string? Message);

/// <summary>
/// /api/v1/targets: targets as the engine reads them (subject, metric, period, value, challenge). Reads are
/// scoped per record (salesperson: own; supervisor/manager: their subtree's units and people; HR, admin,
/// finance: all); HR and administrators write any, managers and supervisors only their subtree's.
/// </summary>
public static class TargetsApi
{
    /// <summary>Roles that may set targets (per record within their scope).</summary>
    public const string WriterRoles = Roles.Hr + "," + Roles.Admin + "," + Roles.Manager + "," + Roles.Supervisor;

    private const int MaxItems = 5000;

    public static IEndpointRouteBuilder MapTargetsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/targets").WithTags("Targets");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.AnyRole);
        group.MapPut("/", SaveAsync).RequireAuthorization(p => p.RequireRole(WriterRoles.Split(','))).Accepts<List<TargetItem>>("application/json")
            .Produces<TargetSaveResult>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/decompose", DecomposeAsync).RequireAuthorization(p => p.RequireRole(WriterRoles.Split(','))).Accepts<DecomposeBody>("application/json")
            .Produces<DecomposeResult>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Ok<List<TargetDto>>, ValidationProblem>> ListAsync(
        string? subject, string? metric, string? period, string? year, HttpContext http, JixiaoDbContext db, ScopeResolver scopes, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var asked = input.OptionalPeriod(period);
        var askedYear = input.Year(year);
        (subject, metric) = (input.Text(subject, "subject"), input.Text(metric, "metric"));
        if (input.Problem is { } invalid)
        {
            return invalid;
        }

        var query = db.Targets.AsNoTracking();
        if (asked is { } p)
        {
            var key = p.ToString();
            query = query.Where(t => t.Period == key);
        }

        if (askedYear is { } y)
        {
            var prefix = y.ToString(CultureInfo.InvariantCulture);
            query = query.Where(t => t.Period.StartsWith(prefix));
        }

        if (!string.IsNullOrWhiteSpace(subject))
        {
            query = query.Where(t => t.Subject == subject);
        }

        if (!string.IsNullOrWhiteSpace(metric))
        {
            query = query.Where(t => t.Metric == metric);
        }

        // Each target is scoped by the org chart of its own period (docs/transfers.md): narrowed in SQL by everyone
        // visible in any of the periods asked for, then checked per record with the scope of the record's period.
        var scopeOf = new Dictionary<string, AccessScope>(StringComparer.Ordinal);
        foreach (var key in await query.Select(t => t.Period).Distinct().ToListAsync(ct))
        {
            scopeOf[key] = await scopes.ForPeriodAsync(http.User, key, ct);
        }

        if (scopeOf.Values.Any(s => s.Kind != ScopeKind.Everyone))
        {
            var visible = scopeOf.Values.SelectMany(s => s.Employees.Concat(s.Units)).Distinct(StringComparer.Ordinal).ToList();
            query = query.Where(t => visible.Contains(t.Subject));
        }

        var rows = (await query.ToListAsync(ct))
            .Where(t => scopeOf.TryGetValue(t.Period, out var scope) && TargetStore.CanRead(scope, t.Subject))
            .OrderBy(t => t.Subject, StringComparer.Ordinal).ThenBy(t => t.Metric, StringComparer.Ordinal).ThenBy(t => t.Period, StringComparer.Ordinal)
            .Select(Dto)
            .ToList();
        return TypedResults.Ok(rows);
    }

    private static TargetDto Dto(TargetDataRow t) => new(t.Subject, t.Metric, t.Period, t.Value, t.Challenge, t.UploadId);

    private static async Task<IResult> SaveAsync(
        string? overwriteCalculated, HttpContext http, JixiaoDbContext db, ScopeResolver scopes, TimeProvider time, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var overwrite = input.Flag(overwriteCalculated, "overwriteCalculated");
        if (input.Problem is { } badQuery)
        {
            return badQuery;
        }

        var (items, unreadable) = await input.BodyAsync<List<TargetItem>>(ct);
        if (unreadable is not null)
        {
            return unreadable;
        }

        var culture = input.Culture;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Add(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field) ?? [], message];
        void Error(string field, string code, params object?[] args) => Add(field, TargetMessages.Get(culture, code, args));
        void Refuse(string field, TargetProblemCode code, params object[] args) => Add(field, TargetMessages.Of(culture, code, args));

        if (items is null || items.Count == 0 || items.Count > MaxItems)
        {
            Error("items", "Items_Required");
            return TypedResults.ValidationProblem(errors, title: ApiText.Get(http, "Invalid_Title"));
        }

        var subjects = items.Select(i => i?.Subject).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var known = (await db.Employees.AsNoTracking().Where(e => subjects.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct))
            .Concat(await db.OrgUnits.AsNoTracking().Where(u => subjects.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var writes = new List<TargetWrite>(items.Count);
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var at = $"items[{i}]";
            if (item is null)
            {
                errors[at] = [ApiText.Get(http, "Item_Empty")];
                continue;
            }

            if (string.IsNullOrWhiteSpace(item.Subject))
            {
                Error(at + ".subject", "Subject_Required");
            }
            else if (!known.Contains(item.Subject))
            {
                Error(at + ".subject", "Subject_NotFound", ApiInput.Shown(item.Subject));
            }

            if (string.IsNullOrWhiteSpace(item.Metric))
            {
                Refuse(at + ".metric", TargetProblemCode.MetricRequired);
            }
            else if (item.Metric.Length > 100)
            {
                Error(at + ".metric", "Metric_TooLong");
            }

            var period = default(Period);
            if (!Period.TryParse(item.Period, out period))
            {
                Add(at + ".period", ApiText.Get(http, "Period_Invalid", ApiInput.Shown(item.Period)));
            }

            CheckValue(at + ".value", item.Value, required: true);
            CheckValue(at + ".challenge", item.Challenge, required: false);
            if (item.Subject is not null && item.Metric is not null && item.Period is not null)
            {
                var key = TargetStore.Key(item.Subject, item.Metric, period.ToString());
                if (keys.TryGetValue(key, out var first))
                {
                    Error(at, "Key_Duplicate", first);
                }
                else
                {
                    keys[key] = i;
                }
            }

            if (item.Value is { } value)
            {
                writes.Add(new TargetWrite(item.Subject ?? "", item.Metric ?? "", period.ToString(), value, item.Challenge, item.Version));
            }
        }

        void CheckValue(string field, decimal? value, bool required)
        {
            if (value is not { } v)
            {
                if (required)
                {
                    Error(field, "Value_Required");
                }
            }
            else if (v < 0m)
            {
                Refuse(field, TargetProblemCode.ValueNegative);
            }
            else if (Money.Round(v, 4) != v)
            {
                Refuse(field, TargetProblemCode.ValueDecimals, 4);
            }
            else if (v > 9_999_999_999_999.9999m)
            {
                Refuse(field, TargetProblemCode.ValueTooLarge);
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: ApiText.Get(http, "Invalid_Title"));
        }

        // Nobody sets a target they are measured on, by today's chart or by the chart of the target's period (TargetRights).
        var today = await scopes.ForAsync(http.User, ct);
        var refused = new List<(string Subject, TargetRight Right)>();
        foreach (var w in writes)
        {
            var right = TargetRights.Of(today, await scopes.ForPeriodAsync(http.User, w.Period, ct), w.Subject);
            if (right != TargetRight.Allowed && !refused.Contains((w.Subject, right)))
            {
                refused.Add((w.Subject, right));
            }
        }

        if (refused.Count > 0)
        {
            return Refused(culture, refused);
        }

        // Targets of calculated periods: the same rule as a decomposition (docs/targets.md), confirmed by ?overwriteCalculated=true.
        var locked = await TargetLockState.ChangesOfAsync(db, writes, ct);
        var closed = await Jixiao.Application.Evaluations.ClosedPeriods.ReadAsync(db, ct);
        if (locked.FirstOrDefault(l => closed.LockingTarget(l.Period) is not null) is { } frozen)
        {
            // Closed is closed (docs/decisions/0019): no confirmation overwrites what a closed period read.
            return Closed(http, new WriteOutcome(WriteStatus.Closed,
                [.. locked.Where(l => closed.LockingTarget(l.Period) is not null).Select(l => TargetStore.Key(l.Subject, l.Metric!, l.Period))],
                ClosedPeriod: closed.LockingTarget(frozen.Period)));
        }

        if (locked.Count > 0 && !overwrite)
        {
            return Locked(http, culture, locked, LockedChange.RerunPeriodsOf(locked), "Locked_Save");
        }

        var detail = string.Create(CultureInfo.InvariantCulture, $"{writes.Count} targets") + TargetPlanner.OverwriteDetail(locked);
        var outcome = await new TargetStore(db, time).UpsertAsync(writes, null, ApiUsers.UserId(http), "targets.save", "PUT /api/v1/targets", detail, ct);
        if (outcome.Status == WriteStatus.Closed)
        {
            return Closed(http, outcome);
        }

        if (outcome.Status == WriteStatus.Conflict)
        {
            return Conflict(http, outcome.Conflicts);
        }

        var saved = keys.Keys.ToList();
        var stored = await db.Targets.AsNoTracking().Where(t => saved.Contains(t.ExternalId)).ToListAsync(ct);
        return TypedResults.Ok(new TargetSaveResult(outcome.Inserted, outcome.Updated, outcome.Unchanged,
            [.. stored.OrderBy(t => keys[t.ExternalId]).Select(Dto)]));
    }

    /// <summary>409: the save would change targets a closed period reads (docs/decisions/0019); the keys in <c>closed</c>.</summary>
    private static ProblemHttpResult Closed(HttpContext http, WriteOutcome outcome)
    {
        var problem = EvaluationProblems.Problem(http, new Jixiao.Domain.Evaluations.EvaluationError(Jixiao.Domain.Evaluations.EvaluationErrorCode.PeriodClosed, outcome.ClosedPeriod));
        problem.ProblemDetails.Extensions["closed"] = outcome.Conflicts;
        return problem;
    }

    private static ProblemHttpResult Conflict(HttpContext http, IReadOnlyList<string> keys)
    {
        var culture = ApiText.Culture(http);
        var details = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = TargetMessages.Get(culture, "Conflict_Title"),
            Detail = TargetMessages.Get(culture, "Conflict", string.Join(", ", keys.Take(20)) + (keys.Count > 20 ? " …" : "")),
        };
        details.Extensions["conflicts"] = keys;
        return TypedResults.Problem(details);
    }

    /// <summary>Parses the body into the planner's request; null and field errors when the method is unknown.</summary>
    internal static DecomposeRequest? Request(DecomposeBody body, CultureInfo culture, Dictionary<string, string[]> errors)
    {
        SplitMethod method;
        switch (body.Method?.Trim().ToLowerInvariant())
        {
            case null or "" or "ratio":
                method = SplitMethod.Ratio;
                break;
            case "lastyear" or "last_year" or "last-year":
                method = SplitMethod.LastYear;
                break;
            case "hand" or "manual":
                method = SplitMethod.Hand;
                break;
            default:
                errors["method"] = [TargetMessages.Get(culture, "Method_Unknown", ApiInput.Shown(body.Method))];
                return null;
        }

        return new DecomposeRequest
        {
            Year = body.Year,
            Metric = body.Metric ?? "",
            Subject = body.Subject ?? "",
            Annual = body.Annual,
            Challenge = body.Challenge,
            ChallengeFactor = body.ChallengeFactor,
            Method = method,
            Weights = body.Weights,
            MonthWeights = body.MonthWeights,
            Cells = body.Cells?.OfType<TargetCellBody>().Select(c => new TargetCell(c.Subject ?? "", c.Month, c.Value, c.Challenge)).ToList(),
            Version = body.Version,
            OverwriteCalculated = body.OverwriteCalculated == true,
        };
    }

    private static async Task<IResult> DecomposeAsync(
        string? apply, HttpContext http, JixiaoDbContext db, ScopeResolver scopes, TimeProvider time, CancellationToken ct)
    {
        var input = new ApiInput(http);
        var applying = input.Flag(apply, "apply");
        if (input.Problem is { } badQuery)
        {
            return badQuery;
        }

        var (body, unreadable) = await input.BodyAsync<DecomposeBody>(ct);
        if (unreadable is not null)
        {
            return unreadable;
        }

        // The year first: every other check (and the org chart of the year) needs a real one.
        input.Year(body!.Year, "year");
        if (input.Problem is { } badYear)
        {
            return badYear;
        }

        var culture = input.Culture;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var request = Request(body, culture, errors);
        if (request is null)
        {
            return TypedResults.ValidationProblem(errors, title: ApiText.Get(http, "Invalid_Title"));
        }

        var today = await scopes.ForAsync(http.User, ct);
        var ofYear = await scopes.ForPeriodAsync(http.User, new Period(PeriodKind.Year, request.Year, 1), ct);
        var right = TargetRights.Of(today, ofYear, request.Subject);
        if (right == TargetRight.OutOfScope)
        {
            // Units outside the caller's subtree are answered like unknown ones (docs/decisions/0006).
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["subject"] = [TargetMessages.Of(culture, TargetProblemCode.SubjectUnknown, ApiInput.Shown(request.Subject))] },
                title: ApiText.Get(http, "Invalid_Title"));
        }

        if (right == TargetRight.MeasuredOn)
        {
            // A head's own unit: not even a preview, the decomposition is theirs to receive, not to set.
            return Refused(culture, [(request.Subject, right)]);
        }

        var planner = new TargetPlanner(db, time);
        if (!applying)
        {
            var preview = await planner.PreviewAsync(request, ct);
            return preview.Problems.Count > 0 ? Problems(http, culture, preview) : TypedResults.Ok(Result(preview, culture, null));
        }

        if (string.IsNullOrEmpty(request.Version))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["version"] = [TargetMessages.Get(culture, "Version_Required")] }, title: ApiText.Get(http, "Invalid_Title"));
        }

        var outcome = await planner.ApplyAsync(request, s => TargetRights.Of(today, ofYear, s) == TargetRight.Allowed, ApiUsers.UserId(http), ct);
        if (outcome.Status == ApplyStatus.Applied)
        {
            return TypedResults.Ok(Result(outcome.Plan, culture, outcome.Write));
        }

        if (outcome.Status == ApplyStatus.Forbidden)
        {
            return Refused(culture, [.. (outcome.Forbidden ?? []).Select(s => (s, TargetRights.Of(today, ofYear, s)))]);
        }

        if (outcome.Status == ApplyStatus.Locked)
        {
            return Locked(http, culture, outcome.Plan);
        }

        if (outcome.Status == ApplyStatus.Closed)
        {
            return Closed(http, outcome.Write!);
        }

        return outcome.Status == ApplyStatus.Conflict ? Conflict(http, outcome.Write?.Conflicts ?? []) : Problems(http, culture, outcome.Plan);
    }

    /// <summary>
    /// 403: some subjects may not be set by the caller, nothing was saved. Targets the caller is measured on are named
    /// first with the reason (HR or their own manager sets them); then those outside their scope.
    /// </summary>
    private static ProblemHttpResult Refused(CultureInfo culture, IReadOnlyList<(string Subject, TargetRight Right)> refused)
    {
        var own = refused.Where(r => r.Right == TargetRight.MeasuredOn).Select(r => r.Subject).Distinct(StringComparer.Ordinal).ToList();
        var outside = refused.Where(r => r.Right != TargetRight.MeasuredOn).Select(r => r.Subject).Distinct(StringComparer.Ordinal).ToList();
        var detail = string.Join(" ", new[]
        {
            own.Count > 0 ? TargetMessages.Get(culture, "Forbidden_Own", string.Join(", ", own)) : null,
            outside.Count > 0 ? TargetMessages.Get(culture, "Forbidden", string.Join(", ", outside)) : null,
        }.OfType<string>());
        var details = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Title = TargetMessages.Get(culture, own.Count > 0 ? "Forbidden_Own_Title" : "Forbidden_Title"),
            Detail = detail,
        };
        details.Extensions["measuredOn"] = own;
        details.Extensions["outOfScope"] = outside;
        return TypedResults.Problem(details);
    }

    /// <summary>400 on <c>overwriteCalculated</c>: targets of calculated periods would change and the caller did not confirm it.</summary>
    private static ValidationProblem Locked(HttpContext http, CultureInfo culture, TargetPlan plan) => Locked(http, culture, plan.Locked, plan.RerunPeriods, "Locked");

    private static ValidationProblem Locked(HttpContext http, CultureInfo culture, IReadOnlyList<LockedChange> locked, IReadOnlyList<string> rerun, string code)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["overwriteCalculated"] = [TargetMessages.Get(culture, code, locked.Count, string.Join(", ", rerun))],
        };
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["locked"] = locked.Select(Dto).ToList(),
            ["rerunPeriods"] = rerun,
        };
        return TypedResults.ValidationProblem(errors, title: TargetMessages.Get(culture, "Locked_Title"), extensions: extensions);
    }

    private static LockedDto Dto(LockedChange l) => new(l.Subject, l.Period, l.OldValue, l.OldChallenge, l.NewValue, l.NewChallenge, l.RunPeriods, l.Metric);

    private static ValidationProblem Problems(HttpContext http, CultureInfo culture, TargetPlan plan)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var p in plan.Problems)
        {
            errors[p.Field] = [.. errors.GetValueOrDefault(p.Field) ?? [], TargetMessages.Of(culture, p)];
        }

        if (plan.Problems.Count == 0)
        {
            var failed = plan.Checks.Where(c => !c.Ok).Select(c => TargetMessages.Of(culture, c)).ToArray();
            errors["checks"] = failed;
            return TypedResults.ValidationProblem(errors, title: TargetMessages.Get(culture, "Unbalanced_Title"));
        }

        return TypedResults.ValidationProblem(errors, title: ApiText.Get(http, "Invalid_Title"));
    }

    private static DecomposeResult Result(TargetPlan plan, CultureInfo culture, WriteOutcome? write) => new(
        plan.Year, plan.Metric, plan.Unit, plan.Decimals, plan.Balanced, plan.Version, plan.Rows,
        [.. plan.Checks.Select(c => new CheckDto(c.Subject, c.Kind == CheckKind.Children ? "children" : "months", c.Challenge, c.Expected, c.Actual, c.Difference, c.Ok,
            c.Ok ? null : TargetMessages.Of(culture, c)))],
        write is not null, write?.Inserted ?? 0, write?.Updated ?? 0, write?.Unchanged ?? 0,
        [.. plan.Locked.Select(Dto)], plan.RerunPeriods,
        plan.Locked.Count == 0 ? null
            : TargetMessages.Get(culture, write is null ? "Locked_Preview" : "Locked_Rerun", plan.Locked.Count, string.Join(", ", plan.RerunPeriods)));
}
