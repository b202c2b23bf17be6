using Jixiao.Application.Access;
using Jixiao.Application.Calendar;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Evaluations;

/// <summary>What a step due is. The employee's steps are addressed to the employee; HR's and finance's to their accounts.</summary>
public enum DueKind
{
    /// <summary>The person's own self-assessment (自评).</summary>
    SelfAssessment,

    /// <summary>The manager scorings (上级评分) the person owes their direct reports; <see cref="DueStep.Count"/> of them.</summary>
    ManagerScoring,

    /// <summary>Direct reports whose self-assessment is overdue (shown to their manager); <see cref="DueStep.Count"/> of them.</summary>
    TeamSelfAssessmentOverdue,

    /// <summary>Finance: the people of a period in evaluation not verified yet (跨部门复核), due with the verification deadline.</summary>
    Verification,

    /// <summary>HR: a period in calibration without a publication request; <see cref="DueStep.Due"/> is the day calibration started (no deadline).</summary>
    Calibration,

    /// <summary>HR other than the requester: a publication request to approve; <see cref="DueStep.Due"/> is the day it was requested.</summary>
    PublicationApproval,

    /// <summary>HR: appeals to answer; <see cref="DueStep.Due"/> is the earliest answer deadline (5 working days after filing).</summary>
    AppealAnswers,

    /// <summary>The manager: feedback talks not recorded with their direct reports of a published period, due by the window's end.</summary>
    FeedbackTalk,

    /// <summary>The manager: improvement plans not written for their people below the standard of a published period, due by the window's end.</summary>
    ImprovementPlan,

    /// <summary>The plan's owner: plans due within <see cref="DueSteps.FollowUpDays"/> days (or past) without a follow-up note since then.</summary>
    ImprovementFollowUp,
}

/// <summary>One step a person owes (or one their people owe): its period, deadline, whether it has passed, how many.</summary>
public sealed record DueStep(string Period, DueKind Kind, DateOnly Due, bool Overdue, int Count);

/// <summary>
/// The steps each person owes now (docs/decisions/0019-evaluation-cycle.md, 0023-notifications.md). Employees' steps, by
/// employee id: their own self-assessment, the scorings of their direct reports, their reports overdue with theirs, the
/// feedback talks and improvement plans of a published period, follow-ups of plans coming due. Accounts' steps, by
/// <see cref="AccountKey"/>: finance verifies, HR finishes calibration, answers appeals (an HR account covering one unit:
/// that unit's), and approves another HR user's publication request. The home page lists one recipient's part; the
/// daily reminder job notifies from all.
/// </summary>
public static partial class DueSteps
{
    /// <summary>How many days before an improvement plan's due date its follow-up is listed.</summary>
    public const int FollowUpDays = 7;

    /// <summary>The recipient key of an account not linked to an employee (HR, finance), for steps owed by its role.</summary>
    public static string AccountKey(string userId) => "user:" + userId;

    /// <summary>
    /// The steps <paramref name="recipient"/> (an employee id or an <see cref="AccountKey"/>) owes, the earliest deadline first:
    /// their part of <see cref="AllAsync"/>, read with queries about them only (their own steps, their direct reports, their
    /// accounts' role counts), not the whole company's pass.
    /// </summary>
    public static async Task<IReadOnlyList<DueStep>> ForAsync(JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, string recipient, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var mine = await CollectAsync(db, time, zone, new HashSet<string>(StringComparer.Ordinal) { recipient }, ct).ConfigureAwait(false);
        return mine.TryGetValue(recipient, out var steps) ? steps : [];
    }

    /// <summary>The steps owed by any of <paramref name="recipients"/> (a linked account's employee id and its <see cref="AccountKey"/>): their parts of <see cref="AllAsync"/>, in the order given.</summary>
    public static async Task<IReadOnlyList<DueStep>> ForAsync(JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, IReadOnlyCollection<string> recipients, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        var mine = await CollectAsync(db, time, zone, recipients.ToHashSet(StringComparer.Ordinal), ct).ConfigureAwait(false);
        return [.. recipients.SelectMany(r => mine.TryGetValue(r, out var steps) ? steps : [])];
    }

    /// <summary>The steps every recipient owes, by employee id or <see cref="AccountKey"/>, computed with one pass over each period in the cycle (the daily reminder job).</summary>
    public static Task<Dictionary<string, List<DueStep>>> AllAsync(JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, CancellationToken ct = default) =>
        CollectAsync(db, time, zone, null, ct);

    /// <summary>The same order everywhere: the earliest deadline, then the kind, the period, the count.</summary>
    internal static int Compare(DueStep a, DueStep b) =>
        a.Due != b.Due ? a.Due.CompareTo(b.Due)
        : a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind)
        : string.CompareOrdinal(a.Period, b.Period) is var byPeriod and not 0 ? byPeriod
        : a.Count != b.Count ? a.Count.CompareTo(b.Count)
        : a.Overdue.CompareTo(b.Overdue);

    /// <summary>
    /// The steps of everyone (<paramref name="only"/> null) or of <paramref name="only"/>'s recipients: the same pass over the
    /// cycle's periods, with the people's steps and finance's count read for everyone at once or for those recipients alone.
    /// </summary>
    private static async Task<Dictionary<string, List<DueStep>>> CollectAsync(JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, IReadOnlySet<string>? only, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        var today = zone.Today(time);
        var all = new Dictionary<string, List<DueStep>>(StringComparer.Ordinal);
        void Add(string recipient, DueStep step)
        {
            if (!all.TryGetValue(recipient, out var list))
            {
                all[recipient] = list = [];
            }

            list.Add(step);
        }

        var accounts = await AccountsAsync(db, only, ct).ConfigureAwait(false);
        var scopes = new Dictionary<(string Unit, DateOnly AsOf), AccessScope>();
        async Task<AccessScope> ScopeAsync(string unit, Period period)
        {
            if (!scopes.TryGetValue((unit, period.End), out var scope))
            {
                scopes[(unit, period.End)] = scope = await AccessScope.ForCoveredUnitAsync(db, unit, null, true, period.End, ct).ConfigureAwait(false);
            }

            return scope;
        }

        async Task<bool> SeesAsync(Account account, string employee, Period period) =>
            account.CoveredUnitId is not { } unit || (await ScopeAsync(unit, period).ConfigureAwait(false)).CanSee(employee);

        var people = only is null ? null : new RecipientSteps(db, only);

        var catalog = new PeriodCatalog(db, time, zone);
        var rows = await db.EvaluationPeriods.AsNoTracking().Where(p => p.State == "evaluation" || p.State == "calibration" || p.State == "published" || p.State == "closed")
            .Select(p => new { p.Key, p.State, p.CalibrationStartedAt }).ToListAsync(ct).ConfigureAwait(false);
        foreach (var row in rows)
        {
            if (!Period.TryParse(row.Key, out var period))
            {
                continue;
            }

            // Closed periods matter only for improvement plans coming due (no view needed).
            if (row.State == "closed")
            {
                await FollowUpsAsync(db, zone, row.Key, today, only, Add, ct).ConfigureAwait(false);
                continue;
            }

            var view = await catalog.GetAsync(period, ct).ConfigureAwait(false);
            if (view.Deadlines is not { } deadlines)
            {
                continue;
            }

            switch (view.State)
            {
                case PeriodState.Evaluation when view.BasisRunId is { } basis:
                    var assessed = people is null ? await EvaluationAsync(db, view, deadlines, now, zone, Add, ct).ConfigureAwait(false) : null;
                    if (people is not null)
                    {
                        await people.EvaluationAsync(view, basis, deadlines, now, zone, Add, ct).ConfigureAwait(false);
                    }

                    if (view.Settings.Verification && deadlines.Verification is { } verificationDue && accounts.Any(a => a.Finance))
                    {
                        var unverified = assessed is null ? null : await PendingEvaluations.UnverifiedIdsAsync(db, view, assessed, ct).ConfigureAwait(false);
                        foreach (var account in accounts.Where(a => a.Finance))
                        {
                            // An account covering the whole company sees everyone: no per-person check.
                            var count = 0;
                            if (unverified is null)
                            {
                                count = await RecipientSteps.UnverifiedCountAsync(db, view, basis, account.CoveredUnitId is { } covered ? await ScopeAsync(covered, period).ConfigureAwait(false) : null, ct).ConfigureAwait(false);
                            }
                            else if (account.CoveredUnitId is null)
                            {
                                count = unverified.Count;
                            }
                            else
                            {
                                foreach (var employee in unverified)
                                {
                                    count += await SeesAsync(account, employee, period).ConfigureAwait(false) ? 1 : 0;
                                }
                            }

                            if (count > 0)
                            {
                                Add(account.Key, new DueStep(view.Key, DueKind.Verification, verificationDue, EvaluationDeadlines.IsPast(verificationDue, now, zone.Zone), count));
                            }
                        }
                    }

                    break;
                case PeriodState.Calibration when view.Request is { } request:
                    var requested = WorkingDayDeadlines.CompanyDate(new DateTimeOffset(view.RequestedAt ?? now.UtcDateTime, TimeSpan.Zero), zone.Zone);
                    foreach (var account in accounts.Where(a => a.Hr && a.Id != request.RequestedBy))
                    {
                        Add(account.Key, new DueStep(view.Key, DueKind.PublicationApproval, requested, false, 1));
                    }

                    break;
                case PeriodState.Calibration:
                    var started = WorkingDayDeadlines.CompanyDate(new DateTimeOffset(row.CalibrationStartedAt ?? now.UtcDateTime, TimeSpan.Zero), zone.Zone);
                    foreach (var account in accounts.Where(a => a.Hr))
                    {
                        Add(account.Key, new DueStep(view.Key, DueKind.Calibration, started, false, 1));
                    }

                    break;
                case PeriodState.Published:
                    if (accounts.Any(a => a.Hr))
                    {
                        await AppealsAsync(db, time, view, accounts, SeesAsync, now, zone, Add, ct).ConfigureAwait(false);
                    }

                    if (deadlines.PublicationWindowEnd is { } windowEnd)
                    {
                        if (people is null)
                        {
                            await AfterPublicationAsync(db, zone, view, windowEnd, now, Add, ct).ConfigureAwait(false);
                        }
                        else
                        {
                            await people.AfterPublicationAsync(view, windowEnd, now, zone, Add, ct).ConfigureAwait(false);
                        }
                    }

                    await FollowUpsAsync(db, zone, row.Key, today, only, Add, ct).ConfigureAwait(false);
                    break;
            }
        }

        foreach (var list in all.Values)
        {
            list.Sort(Compare);
        }

        return all;
    }

    /// <summary>An HR or finance account; <see cref="Key"/> addresses its steps: its employee when linked, else <see cref="AccountKey"/>.</summary>
    private sealed record Account(string Id, string Key, string? CoveredUnitId, bool Hr, bool Finance);

    /// <summary>The enabled HR and finance accounts (role names as in Web/Auth/Roles); with <paramref name="only"/>, those whose <see cref="Account.Key"/> is one of them.</summary>
    private static async Task<List<Account>> AccountsAsync(JixiaoDbContext db, IReadOnlySet<string>? only, CancellationToken ct)
    {
        var users = db.Users.Where(u => !u.IsDisabled);
        if (only is not null)
        {
            // A recipient is an employee id (a linked account's key) or an account key ("user:" and the account's id).
            var ids = only.Select(r => r.StartsWith(AccountKey(""), StringComparison.Ordinal) ? r[AccountKey("").Length..] : r).Distinct(StringComparer.Ordinal).ToList();
            var employees = only.ToList();
            users = users.Where(u => ids.Contains(u.Id) || (u.EmployeeId != null && employees.Contains(u.EmployeeId)));
        }

        var rows = await (from u in users
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where r.Name == "hr" || r.Name == "finance"
                          select new { u.Id, u.EmployeeId, u.CoveredUnitId, Role = r.Name }).ToListAsync(ct).ConfigureAwait(false);
        return [.. rows.GroupBy(r => r.Id, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Account(g.Key, g.First().EmployeeId ?? AccountKey(g.Key), g.First().CoveredUnitId, g.Any(r => r.Role == "hr"), g.Any(r => r.Role == "finance")))
            .Where(a => only is null || only.Contains(a.Key))];
    }

    /// <summary>Self-assessments, manager scorings and reports overdue of a period in evaluation; returns the people assessed.</summary>
    private static async Task<List<string>> EvaluationAsync(
        JixiaoDbContext db, PeriodView view, EvaluationDeadlines deadlines, DateTimeOffset now, CompanyTimeZone zone, Action<string, DueStep> add, CancellationToken ct)
    {
        var key = view.Key;
        var assessed = await EvaluationPeople.AssessedAsync(db, view.BasisRunId, ct).ConfigureAwait(false);
        var selfDone = (await db.SelfAssessments.AsNoTracking().Where(s => s.Period == key && s.SubmittedAt != null).Select(s => s.EmployeeId)
            .ToListAsync(ct).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        var scored = (await db.ManagerReviews.AsNoTracking().Where(r => r.Period == key && r.SubmittedAt != null).Select(r => r.EmployeeId)
            .ToListAsync(ct).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        var selfOverdue = EvaluationDeadlines.IsPast(deadlines.SelfAssessment, now, zone.Zone);
        var scoringOverdue = EvaluationDeadlines.IsPast(deadlines.ManagerScoring, now, zone.Zone);
        foreach (var employee in assessed.Where(e => !selfDone.Contains(e)))
        {
            add(employee, new DueStep(key, DueKind.SelfAssessment, deadlines.SelfAssessment, selfOverdue, 1));
        }

        var managers = await EvaluationPeople.DirectManagersAsync(db, view.Period, assessed, ct).ConfigureAwait(false);
        foreach (var team in managers.Where(m => m.Value is not null).GroupBy(m => m.Value!, m => m.Key, StringComparer.Ordinal))
        {
            var owed = team.Count(r => !scored.Contains(r));
            if (owed > 0)
            {
                add(team.Key, new DueStep(key, DueKind.ManagerScoring, deadlines.ManagerScoring, scoringOverdue, owed));
            }

            var late = team.Count(r => !selfDone.Contains(r));
            if (selfOverdue && late > 0)
            {
                add(team.Key, new DueStep(key, DueKind.TeamSelfAssessmentOverdue, deadlines.SelfAssessment, true, late));
            }
        }

        return assessed;
    }

    /// <summary>HR's appeals to answer in a published period: per account, the count it may answer and the earliest deadline.</summary>
    private static async Task AppealsAsync(
        JixiaoDbContext db, TimeProvider time, PeriodView view, List<Account> accounts, Func<Account, string, Period, Task<bool>> sees, DateTimeOffset now, CompanyTimeZone zone,
        Action<string, DueStep> add, CancellationToken ct)
    {
        var open = await db.Appeals.AsNoTracking().Where(a => a.Period == view.Key && a.AnsweredAt == null && a.FiledOn != null)
            .Select(a => new { a.EmployeeId, a.FiledBy, FiledOn = a.FiledOn!.Value }).ToListAsync(ct).ConfigureAwait(false);
        if (open.Count == 0)
        {
            return;
        }

        var calendar = await new CompanyCalendarService(db, time).CalendarAsync(ct).ConfigureAwait(false);
        foreach (var account in accounts.Where(a => a.Hr))
        {
            var mine = new List<DateOnly>();
            foreach (var a in open.Where(a => a.FiledBy != account.Id))
            {
                if (await sees(account, a.EmployeeId, view.Period).ConfigureAwait(false) && WorkingDayCalendar.Supports(a.FiledOn))
                {
                    mine.Add(EvaluationDeadlines.AppealAnswerDue(a.FiledOn, view.Settings, calendar));
                }
            }

            if (mine.Count > 0)
            {
                var due = mine.Min();
                add(account.Key, new DueStep(view.Key, DueKind.AppealAnswers, due, EvaluationDeadlines.IsPast(due, now, zone.Zone), mine.Count));
            }
        }
    }

    /// <summary>
    /// The direct managers' feedback talks and improvement plans not yet recorded for a published period, due by the window's
    /// end: the people of the published run as <see cref="FeedbackTalks"/> and <see cref="ImprovementPlans"/> list them, read for
    /// the whole company at once — every review and plan of the period, not a list of 100,000 ids (SQLite refuses more than
    /// 32,766 parameters in one statement), and no names.
    /// </summary>
    private static async Task AfterPublicationAsync(JixiaoDbContext db, CompanyTimeZone zone, PeriodView view, DateOnly windowEnd, DateTimeOffset now, Action<string, DueStep> add, CancellationToken ct)
    {
        if (view.PublishedRunId is not { } run || view.State is not (PeriodState.Published or PeriodState.Closed))
        {
            return;
        }

        var key = view.Key;
        var overdue = EvaluationDeadlines.IsPast(windowEnd, now, zone.Zone);
        var people = await db.Results.AsNoTracking().Where(r => r.RunId == run).Select(r => new { r.EmployeeId, r.Scorecard, r.Grade }).ToListAsync(ct).ConfigureAwait(false);
        var managers = await EvaluationPeople.DirectManagersAsync(db, view.Period, [.. people.Select(p => p.EmployeeId)], ct).ConfigureAwait(false);
        string? ManagerOf(string employee) => managers.GetValueOrDefault(employee) is { } m && m != employee ? m : null;
        var held = (await db.ManagerReviews.AsNoTracking().Where(r => r.Period == key && r.FeedbackOn != null).Select(r => r.EmployeeId).ToListAsync(ct).ConfigureAwait(false))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var team in people.Where(p => !held.Contains(p.EmployeeId) && ManagerOf(p.EmployeeId) is not null).GroupBy(p => ManagerOf(p.EmployeeId)!, StringComparer.Ordinal))
        {
            add(team.Key, new DueStep(key, DueKind.FeedbackTalk, windowEnd, overdue, team.Count()));
        }

        if ((await PlanVersions.ReadAsync(db, ct).ConfigureAwait(false)).For(view.Period) is not { } plan)
        {
            return;
        }

        var planned = (await db.ImprovementPlans.AsNoTracking().Where(p => p.Period == key).Select(p => p.EmployeeId).ToListAsync(ct).ConfigureAwait(false))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var owner in people.Where(p => !planned.Contains(p.EmployeeId) && ManagerOf(p.EmployeeId) is not null && ImprovementPlans.IsBelowStandard(plan, p.Scorecard, p.Grade))
                     .GroupBy(p => ManagerOf(p.EmployeeId)!, StringComparer.Ordinal))
        {
            add(owner.Key, new DueStep(key, DueKind.ImprovementPlan, windowEnd, overdue, owner.Count()));
        }
    }

    /// <summary>
    /// Improvement plans of <paramref name="key"/> due within <see cref="FollowUpDays"/> days or past, without a follow-up note
    /// on or after (due − <see cref="FollowUpDays"/>): for the plan's owner, the earliest due date, overdue once it passed.
    /// </summary>
    private static async Task FollowUpsAsync(
        JixiaoDbContext db, CompanyTimeZone zone, string key, DateOnly today, IReadOnlySet<string>? owners, Action<string, DueStep> add, CancellationToken ct)
    {
        var horizon = today.AddDays(FollowUpDays);
        var query = db.ImprovementPlans.AsNoTracking().Where(p => p.Period == key && p.DueOn != null && p.DueOn <= horizon && p.OwnerId != null);
        if (owners is not null)
        {
            var ids = owners.ToList();
            query = query.Where(p => ids.Contains(p.OwnerId!));
        }

        var plans = await query.Include(p => p.Notes).ToListAsync(ct).ConfigureAwait(false);
        foreach (var owner in plans.Where(p => !p.Notes.Any(n => WorkingDayDeadlines.CompanyDate(new DateTimeOffset(n.At, TimeSpan.Zero), zone.Zone) >= p.DueOn!.Value.AddDays(-FollowUpDays)))
                     .GroupBy(p => p.OwnerId!, StringComparer.Ordinal))
        {
            var due = owner.Min(p => p.DueOn!.Value);
            add(owner.Key, new DueStep(key, DueKind.ImprovementFollowUp, due, due < today, owner.Count()));
        }
    }
}
