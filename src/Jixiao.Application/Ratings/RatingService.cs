using Jixiao.Application.Access;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.DataImports;
using Jixiao.Application.Datasets;
using Jixiao.Application.Evaluations;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Scoring;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Ratings;

/// <summary>One rating-rule indicator of a scorecard: its code, names, the most points and the rubric levels of the plan.</summary>
public sealed record RatingIndicator(string Code, string Name, string? NameEn, decimal MaxPoints, IReadOnlyList<RubricLevel> Rubric)
{
    /// <summary>The plan's Traditional Chinese name (<c>name_zh_tw</c>); null: pages convert <see cref="Name"/>.</summary>
    public string? NameZhTw { get; init; }
}

/// <summary>The rating the engine uses for one person and indicator (null points: not rated yet) and its version token.</summary>
public sealed record RatingEntry(string Indicator, decimal? Points, string? Rater, string? Comment, long? Version);

/// <summary>A person who may be rated, with their scorecard's rating indicators and the current ratings.</summary>
public sealed record RatedPerson(string EmployeeId, string Name, string OrgUnitId, string Scorecard, string ScorecardName,
    IReadOnlyList<RatingIndicator> Indicators, IReadOnlyList<RatingEntry> Entries)
{
    /// <summary>The plan's English name of the scorecard (<c>name_en</c>), if any.</summary>
    public string? ScorecardNameEn { get; init; }

    /// <summary>The plan's Traditional Chinese name of the scorecard (<c>name_zh_tw</c>); null: converted from <see cref="ScorecardName"/>.</summary>
    public string? ScorecardNameZhTw { get; init; }
}

/// <summary>One rating to save; <see cref="Version"/> is the token read with the rating (null when there was none).</summary>
public sealed record RatingInput(string EmployeeId, string Indicator, decimal Points, string? Comment, long? Version);

/// <summary>What went wrong with one input: its index, the field, a message key of RatingsText and its arguments.</summary>
public sealed record RatingFieldError(int Index, string Field, string Code, IReadOnlyList<object> Args);

/// <summary>How a save ended.</summary>
public enum RatingSaveStatus
{
    Saved,

    /// <summary>A value is invalid (see the field errors); nothing was saved.</summary>
    Invalid,

    /// <summary>A person is unknown or outside the caller's scope; nothing was saved.</summary>
    NotFound,

    /// <summary>Someone else saved one of the ratings since it was read; nothing was saved.</summary>
    Conflict,

    /// <summary>No plan is in force for the period.</summary>
    NoPlan,

    /// <summary>The period is closed: its ratings cannot change (docs/decisions/0019); nothing was saved.</summary>
    Closed,

    /// <summary>A person's manager scoring of the period is submitted: their ratings no longer change (the first in <see cref="RatingSaveOutcome.Errors"/>); nothing was saved.</summary>
    Submitted,

    /// <summary>
    /// The period is past open (in evaluation or later) and the rater is not a person's direct manager on its last day: only the
    /// direct manager scores (the first in <see cref="RatingSaveOutcome.Errors"/>); nothing was saved.
    /// </summary>
    NotDirectManager,
}

/// <summary>The outcome of <see cref="RatingService.SaveAsync"/>.</summary>
public sealed record RatingSaveOutcome(RatingSaveStatus Status, IReadOnlyList<RatingFieldError> Errors, IReadOnlyList<RatingEntry> Saved)
{
    public bool Ok => Status == RatingSaveStatus.Saved;
}

/// <summary>
/// The 评分 sheet: who a principal may rate in a period (people in their <see cref="AccessScope"/> other than
/// themselves, assessed in the period by a scorecard with rating-rule indicators, taken from the plan version in
/// force), and saving ratings all or nothing with an optimistic-concurrency check.
/// </summary>
/// <remarks>
/// The engine uses one rating per person, period and indicator: of several rows (different raters) the one with
/// the greatest external id (the last in the order <see cref="DatasetBuilder"/> reads them). The sheet shows and
/// edits exactly that row; a new rating gets the external id "employee|period|indicator|rater".
/// </remarks>
public sealed class RatingService(JixiaoDbContext db, TimeProvider time)
{
    /// <summary>Points have at most this many decimals.</summary>
    public const int Decimals = 2;

    /// <summary>A comment has at most this many characters (the column's size).</summary>
    public const int CommentMax = 4000;

    /// <summary>What is wrong with <paramref name="points"/> for an indicator worth <paramref name="max"/>: out of [0, max], or more than 2 decimals; null when fine.</summary>
    public static RatingFieldError? PointsError(decimal points, decimal max) =>
        points < 0m || points > max ? new RatingFieldError(0, "points", "Error_PointsRange", [points, max])
        : points * 100m % 1m != 0m ? new RatingFieldError(0, "points", "Error_PointsDecimals", [points, Decimals])
        : null;

    /// <summary>The people <paramref name="scope"/> may rate in <paramref name="period"/>, by employee id; null when no plan is stored.</summary>
    public async Task<IReadOnlyList<RatedPerson>?> LoadAsync(AccessScope scope, Period period, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var cards = await CardsAsync(scope, period, ct).ConfigureAwait(false);
        if (cards is null)
        {
            return null;
        }

        var ids = cards.Keys.ToList();
        var key = period.ToString();
        var rows = await RowsAsync(ids, key, ct).ConfigureAwait(false);
        return [.. cards.Values.OrderBy(c => c.Employee.Id, StringComparer.Ordinal).Select(c => new RatedPerson(
            c.Employee.Id, c.Employee.Name, c.Employee.OrgUnitId, c.Card.Code, c.Card.Name, c.Indicators,
            [.. c.Indicators.Select(i => Entry(i.Code, Effective(rows, c.Employee.Id, i.Code), scope.SeesRatingComments))])
        { ScorecardNameEn = c.Card.NameEn, ScorecardNameZhTw = c.Card.NameZhTw })];
    }

    /// <summary>
    /// Saves <paramref name="items"/> for <paramref name="period"/>, all or nothing: every person must be in
    /// <paramref name="scope"/> (and not the rater), every indicator a rating indicator of their scorecard, points in
    /// [0, max] with at most 2 decimals, and every version equal to the stored one.
    /// </summary>
    public async Task<RatingSaveOutcome> SaveAsync(
        AccessScope scope, Period period, string rater, string? userId, IReadOnlyList<RatingInput> items, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(items);
        var cards = await CardsAsync(scope, period, ct).ConfigureAwait(false);
        if (cards is null)
        {
            return new RatingSaveOutcome(RatingSaveStatus.NoPlan, [], []);
        }

        // Out-of-scope people first: their existence is not revealed by field errors (docs/decisions/0006).
        var notFound = items.Select((item, i) => (item, i)).Where(x => x.item.EmployeeId is null || !cards.ContainsKey(x.item.EmployeeId)).ToList();
        if (notFound.Count > 0)
        {
            return new RatingSaveOutcome(RatingSaveStatus.NotFound,
                [.. notFound.Select(x => new RatingFieldError(x.i, "employeeId", "Error_NotRateable", [x.item.EmployeeId ?? string.Empty]))], []);
        }

        var errors = new List<RatingFieldError>();
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var card = cards[item.EmployeeId];
            var indicator = card.Indicators.FirstOrDefault(x => x.Code == item.Indicator);
            if (indicator is null)
            {
                errors.Add(new RatingFieldError(i, "indicator", "Error_Indicator", [item.Indicator ?? string.Empty, item.EmployeeId]));
                continue;
            }

            if (!seen.Add((item.EmployeeId, item.Indicator)))
            {
                errors.Add(new RatingFieldError(i, "indicator", "Error_Duplicate", [item.Indicator, item.EmployeeId]));
            }

            if (PointsError(item.Points, indicator.MaxPoints) is { } points)
            {
                errors.Add(points with { Index = i });
            }

            if (item.Comment is { Length: > CommentMax })
            {
                errors.Add(new RatingFieldError(i, "comment", "Error_CommentLength", [CommentMax]));
            }
        }

        if (errors.Count > 0)
        {
            return new RatingSaveOutcome(RatingSaveStatus.Invalid, errors, []);
        }

        // Closed is closed (docs/decisions/0019): checked after the request itself, before anything is read for writing.
        var state = await PeriodCatalog.StateOfAsync(db, period.ToString(), ct).ConfigureAwait(false);
        if (state == Domain.Evaluations.PeriodState.Closed)
        {
            return new RatingSaveOutcome(RatingSaveStatus.Closed, [], []);
        }

        // Once the period is in evaluation, the ratings are the manager scoring (上级评分): only each person's direct manager on
        // the period's last day changes them — not HR, not a manager further up (and nobody themself, as the sheet shows).
        if (state != Domain.Evaluations.PeriodState.Open)
        {
            var direct = await EvaluationPeople.DirectManagersAsync(db, period, [.. items.Select(i => i.EmployeeId).Distinct(StringComparer.Ordinal)], ct).ConfigureAwait(false);
            var others = items.Select((item, i) => (item, i))
                .Where(x => scope.Self is null || !string.Equals(direct.GetValueOrDefault(x.item.EmployeeId), scope.Self, StringComparison.Ordinal))
                .Select(x => new RatingFieldError(x.i, "employeeId", "Error_NotDirectManager", [x.item.EmployeeId, period.ToString()])).ToList();
            if (others.Count > 0)
            {
                return new RatingSaveOutcome(RatingSaveStatus.NotDirectManager, others, []);
            }
        }

        // A submitted manager scoring (上级评分) is final, with the ratings it was submitted with.
        var submitted = await SubmittedScoringsAsync(period.ToString(), items, ct).ConfigureAwait(false);
        if (submitted.Count > 0)
        {
            return new RatingSaveOutcome(RatingSaveStatus.Submitted, submitted, []);
        }

        var key = period.ToString();
        var now = time.GetUtcNow().UtcDateTime;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (tx.ConfigureAwait(false))
            {
                var employees = items.Select(i => i.EmployeeId).Distinct(StringComparer.Ordinal).ToList();
                var tracked = await db.Ratings.Where(r => r.Period == key && employees.Contains(r.EmployeeId)).ToListAsync(ct).ConfigureAwait(false);
                var conflicts = new List<RatingFieldError>();
                var saved = new List<(RatingInput Input, RatingDataRow Row)>();
                for (var i = 0; i < items.Count; i++)
                {
                    var item = items[i];
                    var row = Effective(tracked, item.EmployeeId, item.Indicator);
                    if (row?.Version != item.Version)
                    {
                        conflicts.Add(new RatingFieldError(i, "version", "Error_Conflict", [item.EmployeeId, item.Indicator]));
                        continue;
                    }

                    if (row is null)
                    {
                        row = new RatingDataRow
                        {
                            ExternalId = DataImporter.Key(item.EmployeeId, key, item.Indicator, rater),
                            EmployeeId = item.EmployeeId,
                            Period = key,
                            Indicator = item.Indicator,
                        };
                        db.Ratings.Add(row);
                    }

                    var before = row.Id == 0 ? null : Describe(row.Points, row.Comment);
                    row.Points = item.Points;
                    // A rater who may not read comments (a manager who is also in finance) sees none on the sheet, so sending
                    // none does not erase the stored one.
                    if (scope.SeesRatingComments || !string.IsNullOrWhiteSpace(item.Comment))
                    {
                        row.Comment = string.IsNullOrWhiteSpace(item.Comment) ? null : item.Comment.Trim();
                    }

                    row.Rater = rater;
                    saved.Add((item, row));
                    var after = Describe(row.Points, row.Comment);
                    if (before != after)
                    {
                        db.Audit(now, userId, "rating.change", key, item.Indicator, key, item.EmployeeId, before, after);
                    }
                }

                if (conflicts.Count > 0)
                {
                    return new RatingSaveOutcome(RatingSaveStatus.Conflict, conflicts, []);
                }

                db.Audit(now, userId, "ratings.save", key,
                    string.Join("; ", saved.Select(s => $"{s.Input.EmployeeId} {s.Input.Indicator} = {s.Input.Points}")));
                try
                {
                    await db.SaveChangesAsync(ct).ConfigureAwait(false);
                }
                catch (DbUpdateException)
                {
                    // A concurrent save changed a version, or inserted the same new rating, between the read and the write.
                    db.ChangeTracker.Clear();
                    return new RatingSaveOutcome(RatingSaveStatus.Conflict,
                        [.. items.Select((item, i) => new RatingFieldError(i, "version", "Error_Conflict", [item.EmployeeId, item.Indicator]))], []);
                }

                await tx.CommitAsync(ct).ConfigureAwait(false);
                return new RatingSaveOutcome(RatingSaveStatus.Saved, [], [.. saved.Select(s => Entry(s.Input.Indicator, s.Row, scope.SeesRatingComments))]);
            }
        }).ConfigureAwait(false);
    }

    private async Task<List<RatingFieldError>> SubmittedScoringsAsync(string period, IReadOnlyList<RatingInput> items, CancellationToken ct)
    {
        var employees = items.Select(i => i.EmployeeId).Distinct(StringComparer.Ordinal).ToList();
        var done = await db.ManagerReviews.AsNoTracking().Where(r => r.Period == period && r.SubmittedAt != null && employees.Contains(r.EmployeeId))
            .Select(r => r.EmployeeId).ToListAsync(ct).ConfigureAwait(false);
        return [.. items.Select((item, i) => (item, i)).Where(x => done.Contains(x.item.EmployeeId, StringComparer.Ordinal))
            .Select(x => new RatingFieldError(x.i, "employeeId", "Error_Submitted", [x.item.EmployeeId, period]))];
    }

    private static string Describe(decimal points, string? comment) =>
        points.ToString(System.Globalization.CultureInfo.InvariantCulture) + (comment is null ? "" : " · " + comment);

    /// <summary>A stored rating as the sheet shows it; without its comment for readers who may not see comments (finance).</summary>
    private static RatingEntry Entry(string indicator, RatingDataRow? row, bool comments) =>
        new(indicator, row?.Points, row?.Rater, comments ? row?.Comment : null, row?.Version);

    /// <summary>The row the engine uses: of several for the same person and indicator, the greatest external id.</summary>
    private static RatingDataRow? Effective(IEnumerable<RatingDataRow> rows, string employee, string indicator) =>
        rows.Where(r => r.EmployeeId == employee && r.Indicator == indicator).MaxBy(r => r.ExternalId, StringComparer.Ordinal);

    private async Task<List<RatingDataRow>> RowsAsync(List<string> employees, string period, CancellationToken ct)
    {
        var rows = new List<RatingDataRow>();
        foreach (var chunk in employees.Chunk(500))
        {
            rows.AddRange(await db.Ratings.AsNoTracking().Where(r => r.Period == period && chunk.Contains(r.EmployeeId)).ToListAsync(ct).ConfigureAwait(false));
        }

        return rows;
    }

    private sealed record Rateable(Employee Employee, Scorecard Card, IReadOnlyList<RatingIndicator> Indicators);

    /// <summary>Everyone the scope may rate in the period, with their scorecard (as the engine picks it); null without a plan.</summary>
    private async Task<Dictionary<string, Rateable>?> CardsAsync(AccessScope scope, Period period, CancellationToken ct)
    {
        var version = await CalculationService.PlanVersionForAsync(db, period, ct).ConfigureAwait(false);
        if (version is null)
        {
            return null;
        }

        var plan = Plans.StoredPlans.Required(version);
        var query = db.Employees.AsNoTracking().Include(e => e.Assignments).AsQueryable();
        if (scope.Kind != ScopeKind.Everyone)
        {
            var visible = scope.Employees.ToList();
            query = query.Where(e => visible.Contains(e.Id));
        }

        var cards = new Dictionary<string, Rateable>(StringComparer.Ordinal);
        foreach (var e in scope.Filter(await query.ToListAsync(ct).ConfigureAwait(false), e => e.Id))
        {
            // Nobody rates themselves; people not employed during the period are not assessed in it.
            if (e.Id == scope.Self || e.HireDate > period.End || (e.LeaveDate is { } left && left < period.Start))
            {
                continue;
            }

            var a = DatasetBuilder.Current(e.Assignments, period.End);
            if (a is null)
            {
                continue;
            }

            var employee = new Employee(e.Id, e.Name, a.OrgUnitId, a.ManagerId, a.Position, a.Category, a.Level, a.Tier, e.HireDate, e.LeaveDate);
            if (plan.ScorecardFor(employee) is not { } card || !card.Periods.Contains(period.Kind))
            {
                continue;
            }

            var indicators = card.Indicators.Where(i => i.Rule is RatingRule)
                .Select(i => new RatingIndicator(i.Code, i.Name, i.NameEn, i.Points, ((RatingRule)i.Rule).Rubric) { NameZhTw = i.NameZhTw }).ToList();
            if (indicators.Count > 0)
            {
                cards[e.Id] = new Rateable(employee, card, indicators);
            }
        }

        return cards;
    }
}
