using System.Globalization;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Evaluations;

/// <summary>A line of an appeal: the indicator, its name and the points published; the corrected points once upheld.</summary>
public sealed record AppealLine(string Indicator, string Name, decimal Points, decimal MaxPoints, decimal? Corrected);

/// <summary>An appeal as the employee, their managers and HR see it; <see cref="AnswerDue"/> from the calendar, <see cref="Late"/> when answered (or still open) after it.</summary>
public sealed record AppealView(
    long Id, string Period, string EmployeeId, string Name, IReadOnlyList<AppealLine> Lines, string Text, DateTime FiledAt, DateOnly? AnswerDue, bool Late,
    string? Outcome, string? Answer, DateTime? AnsweredAt, string? AnsweredBy, long? RunId, IReadOnlyList<EvidenceFileRecord> Evidence, long Version);

/// <summary>How an appeal step ended: the appeal as it is now, or the refusal (nothing changed).</summary>
public sealed record AppealOutcome(AppealView? View, EvaluationError? Error)
{
    public bool Ok => Error is null;

    public static AppealOutcome Refused(EvaluationError error) => new(null, error);
}

/// <summary>
/// Appeals (申诉, docs/decisions/0019-evaluation-cycle.md) during publication: the employee appeals specific lines of their
/// published result with a text and evidence files, until the window's end; HR — never on their own appeal — answers within
/// the plan's working days, upheld or rejected. An upheld appeal records the corrected points of the appealed lines
/// (<see cref="ResultCorrectionRecord"/>, lifting a calibrated grade so the grade follows the corrected total), recomputes
/// the person (everyone else keeps the published numbers) and publishes that run: grade and pay follow through the engine.
/// Every step is checked by <see cref="AppealRules"/> and audited with before and after; a refusal changes nothing.
/// </summary>
public sealed class Appeals(JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, EvidenceStore evidence)
{
    /// <summary>The appeals of <paramref name="period"/> (null: every period), of <paramref name="employee"/> only when given; the newest first.</summary>
    public async Task<IReadOnlyList<AppealView>> ListAsync(Period? period, string? employee, CancellationToken ct = default)
    {
        var key = period?.ToString();
        var rows = await db.Appeals.AsNoTracking().Where(a => (key == null || a.Period == key) && (employee == null || a.EmployeeId == employee))
            .OrderByDescending(a => a.Id).ToListAsync(ct).ConfigureAwait(false);
        var views = new List<AppealView>();
        foreach (var a in rows)
        {
            views.Add(await ViewAsync(a, ct).ConfigureAwait(false));
        }

        return views;
    }

    /// <summary>One appeal, or null.</summary>
    public async Task<AppealView?> GetAsync(long id, CancellationToken ct = default)
    {
        var a = await db.Appeals.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct).ConfigureAwait(false);
        return a is null ? null : await ViewAsync(a, ct).ConfigureAwait(false);
    }

    /// <summary>Files <paramref name="employee"/>'s own appeal against lines of their published result of <paramref name="period"/>.</summary>
    public async Task<AppealOutcome> FileAsync(Period period, string employee, IReadOnlyList<string> lines, string? text, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(actor);
        var view = await new PeriodCatalog(db, time, zone).GetAsync(period, ct).ConfigureAwait(false);
        var published = view.State is PeriodState.Published ? await EvaluationPeople.BasisAsync(db, view.PublishedRunId, employee, ct).ConfigureAwait(false) : null;
        var now = time.GetUtcNow();
        var error = view.State == PeriodState.Published && published is null ? new EvaluationError(EvaluationErrorCode.AppealNoResult, view.Key)
            : AppealRules.File(view.Facts, lines, published?.Indicators.Select(i => i.Code).ToList() ?? [], text, now, zone.Zone);
        if (error is not null)
        {
            return AppealOutcome.Refused(await db.NamedAsync(error, ct).ConfigureAwait(false));
        }

        var appeal = new Appeal
        {
            Period = view.Key,
            EmployeeId = employee,
            Indicators = string.Join(',', lines.Distinct(StringComparer.Ordinal)),
            Text = text!.Trim(),
            RunId = view.PublishedRunId,
            FiledAt = now.UtcDateTime,
            FiledOn = zone.Today(time),
            FiledBy = actor.UserId,
        };
        db.Appeals.Add(appeal);
        db.Audit(now.UtcDateTime, actor.UserId, "appeal.file", view.Key, appeal.Indicators, view.Key, employee, null, appeal.Indicators);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new AppealOutcome(await GetAsync(appeal.Id, ct).ConfigureAwait(false), null);
    }

    /// <summary>Attaches an evidence file (checked by <see cref="EvidenceRules"/>) to the employee's own open appeal, before the window's end.</summary>
    public async Task<AppealOutcome> AttachAsync(long id, string employee, Actor actor, string? fileName, long length, Func<CancellationToken, Task<byte[]>> read, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(read);
        var appeal = await db.Appeals.SingleOrDefaultAsync(a => a.Id == id && a.EmployeeId == employee, ct).ConfigureAwait(false);
        if (appeal is null || !Period.TryParse(appeal.Period, out var period))
        {
            return AppealOutcome.Refused(await db.NamedAsync(new EvaluationError(EvaluationErrorCode.AppealNotFound), ct).ConfigureAwait(false));
        }

        var view = await new PeriodCatalog(db, time, zone).GetAsync(period, ct).ConfigureAwait(false);
        var attached = await db.EvidenceFiles.CountAsync(f => f.AppealId == id, ct).ConfigureAwait(false);
        var error = appeal.AnsweredAt is not null ? new EvaluationError(EvaluationErrorCode.AppealAnswered)
            : view.Deadlines?.PublicationWindowEnd is not { } end || view.State != PeriodState.Published || EvaluationDeadlines.IsPast(end, time.GetUtcNow(), zone.Zone)
                ? new EvaluationError(EvaluationErrorCode.AppealWindowClosed, view.Key, view.Deadlines?.PublicationWindowEnd) : null;
        byte[] content = [];
        string? contentType = null;
        if (error is null)
        {
            if (length > evidence.Options.MaxBytes)
            {
                (_, error) = EvidenceRules.Check(fileName, length, [], attached, evidence.Options.MaxBytes);
            }
            else
            {
                content = await read(ct).ConfigureAwait(false);
                (contentType, error) = EvidenceRules.Check(fileName, content, attached, evidence.Options.MaxBytes);
            }
        }

        if (error is not null)
        {
            return AppealOutcome.Refused(await db.NamedAsync(error, ct).ConfigureAwait(false));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var file = new EvidenceFileRecord
        {
            Period = appeal.Period,
            EmployeeId = employee,
            AppealId = id,
            FileName = fileName!.Trim(),
            ContentType = contentType!,
            Sha256 = "",
            UploadedAt = now,
            UploadedBy = actor.UserId,
        };
        await evidence.StoreAsync(file, content, ct).ConfigureAwait(false);
        db.EvidenceFiles.Add(file);
        db.Audit(now, actor.UserId, "appeal.evidence.add", appeal.Period, file.FileName, appeal.Period, employee, null, file.FileName);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return new AppealOutcome(await GetAsync(id, ct).ConfigureAwait(false), null);
    }

    /// <summary>
    /// HR answers appeal <paramref name="id"/>: rejected, or upheld with the corrected points of appealed lines (then the person is
    /// recomputed and the run published). A stale <paramref name="version"/> is refused (<see cref="EvaluationErrorCode.EvaluationChanged"/>).
    /// </summary>
    public async Task<AppealOutcome> AnswerAsync(
        long id, bool upheld, string? answer, IReadOnlyDictionary<string, decimal> corrections, long? version, Actor actor, string? actorEmployee, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(corrections);
        ArgumentNullException.ThrowIfNull(actor);
        var appeal = await db.Appeals.SingleOrDefaultAsync(a => a.Id == id, ct).ConfigureAwait(false);
        if (appeal is null || !Period.TryParse(appeal.Period, out var period))
        {
            return AppealOutcome.Refused(await db.NamedAsync(new EvaluationError(EvaluationErrorCode.AppealNotFound), ct).ConfigureAwait(false));
        }

        var view = await new PeriodCatalog(db, time, zone).GetAsync(period, ct).ConfigureAwait(false);
        var current = await ViewAsync(appeal, ct).ConfigureAwait(false);
        var error = AppealRules.Answer(view.Facts, actor, actorEmployee, appeal.EmployeeId, appeal.AnsweredAt is not null, upheld, answer, corrections,
            current.Lines.Select(l => l.Indicator).ToList(), current.Lines.ToDictionary(l => l.Indicator, l => l.MaxPoints, StringComparer.Ordinal))
            ?? (version is { } seen && seen != appeal.Version ? new EvaluationError(EvaluationErrorCode.EvaluationChanged, EvaluationStep.Publication, appeal.EmployeeId) : null);
        if (error is not null)
        {
            db.ChangeTracker.Clear();
            return AppealOutcome.Refused(await db.NamedAsync(error, ct).ConfigureAwait(false));
        }

        var now = time.GetUtcNow().UtcDateTime;
        appeal.Outcome = upheld ? "upheld" : "rejected";
        appeal.Answer = answer!.Trim();
        appeal.AnsweredAt = now;
        appeal.AnsweredBy = actor.UserId;
        var before = await db.Results.AsNoTracking().Where(r => r.RunId == view.PublishedRunId && r.EmployeeId == appeal.EmployeeId)
            .Select(r => new { r.Total, r.Grade, r.PayTotal }).SingleOrDefaultAsync(ct).ConfigureAwait(false);
        if (upheld)
        {
            foreach (var (line, points) in corrections.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                var was = current.Lines.First(l => l.Indicator == line).Points;
                db.ResultCorrections.Add(new ResultCorrectionRecord
                {
                    Period = appeal.Period,
                    EmployeeId = appeal.EmployeeId,
                    Kind = CorrectionKinds.Points,
                    Indicator = line,
                    Points = points,
                    Source = CorrectionKinds.Appeal,
                    AppealId = id,
                    Reason = appeal.Answer,
                    Before = Num(was),
                    CreatedBy = actor.UserId,
                    CreatedAt = now,
                });
                db.Audit(now, actor.UserId, "appeal.correction", appeal.Period, line, appeal.Period, appeal.EmployeeId, Num(was), Num(points));
            }

            var grade = await db.ResultCorrections.AsNoTracking().Where(c => c.Period == appeal.Period && c.EmployeeId == appeal.EmployeeId && c.Kind == CorrectionKinds.Grade)
                .OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct).ConfigureAwait(false);
            if (grade?.Grade is not null)
            {
                // The corrected total decides the grade again: the calibrated grade is lifted.
                db.ResultCorrections.Add(new ResultCorrectionRecord
                {
                    Period = appeal.Period,
                    EmployeeId = appeal.EmployeeId,
                    Kind = CorrectionKinds.Grade,
                    Grade = null,
                    Source = CorrectionKinds.Appeal,
                    AppealId = id,
                    Reason = appeal.Answer,
                    Before = grade.Grade,
                    CreatedBy = actor.UserId,
                    CreatedAt = now,
                });
            }
        }

        db.Audit(now, actor.UserId, "appeal.answer", appeal.Period, appeal.Answer, appeal.Period, appeal.EmployeeId, "open", appeal.Outcome);
        try
        {
            await db.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return AppealOutcome.Refused(await db.NamedAsync(new EvaluationError(EvaluationErrorCode.EvaluationChanged, EvaluationStep.Publication, appeal.EmployeeId), ct).ConfigureAwait(false));
        }

        if (upheld && view.PublishedRunId is { } published)
        {
            await RepublishAsync(period, appeal, published, before is null ? null : $"{Num(before.Total)} {before.Grade} {Num(before.PayTotal)}", actor, ct).ConfigureAwait(false);
        }

        return new AppealOutcome(await GetAsync(id, ct).ConfigureAwait(false), null);
    }

    /// <summary>Recomputes the appellant (everyone else keeps the published numbers) and publishes that run in place of the published one.</summary>
    private async Task RepublishAsync(Period period, Appeal appeal, long published, string? before, Actor actor, CancellationToken ct)
    {
        var outcome = await new CalculationService(db, time, zone).RunForPeopleAsync(period, actor.UserId, new HashSet<string>(StringComparer.Ordinal) { appeal.EmployeeId }, published, ct)
            .ConfigureAwait(false);
        if (outcome is null)
        {
            return;
        }

        var runId = outcome.Run.Id;
        var run = await db.Runs.SingleAsync(r => r.Id == runId, ct).ConfigureAwait(false);
        run.Visibility = RunVisibility.Published;
        var row = await db.EvaluationPeriods.SingleAsync(p => p.Key == appeal.Period, ct).ConfigureAwait(false);
        row.PublishedRunId = runId;
        var after = outcome.Run.Results.FirstOrDefault(r => r.EmployeeId == appeal.EmployeeId);
        db.Audit(time.GetUtcNow().UtcDateTime, actor.UserId, "appeal.upheld", appeal.Period,
            string.Create(CultureInfo.InvariantCulture, $"appeal {appeal.Id}: run {runId} published in place of run {published}"), appeal.Period, appeal.EmployeeId,
            before, after is null ? null : $"{Num(after.Total)} {after.Grade} {Num(after.PayTotal)}");
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    private async Task<AppealView> ViewAsync(Appeal a, CancellationToken ct)
    {
        var result = await EvaluationPeople.BasisAsync(db, a.RunId, a.EmployeeId, ct).ConfigureAwait(false);
        var codes = a.Indicators.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var corrected = await db.ResultCorrections.AsNoTracking().Where(c => c.AppealId == a.Id && c.Kind == CorrectionKinds.Points)
            .ToDictionaryAsync(c => c.Indicator!, c => c.Points, StringComparer.Ordinal, ct).ConfigureAwait(false);
        var plan = Period.TryParse(a.Period, out var period) ? (await PlanVersions.ReadAsync(db, ct).ConfigureAwait(false)).For(period) : null;
        var card = plan?.Scorecards.FirstOrDefault(c => c.Code == result?.Scorecard);
        var lines = codes.Select(code =>
        {
            var line = result?.Indicators.FirstOrDefault(i => i.Code == code);
            var max = card?.Indicators.FirstOrDefault(i => i.Code == code)?.Rule.MaxPoints ?? line?.Weight ?? 0m;
            return new AppealLine(code, line?.Name ?? code, line?.Points ?? 0m, max, corrected.GetValueOrDefault(code));
        }).ToList();
        var name = result?.Name ?? await db.Employees.AsNoTracking().Where(e => e.Id == a.EmployeeId).Select(e => e.Name).SingleOrDefaultAsync(ct).ConfigureAwait(false) ?? a.EmployeeId;
        DateOnly? due = null;
        if (a.FiledOn is { } filed)
        {
            var calendar = await new CompanyCalendarService(db, time).CalendarAsync(ct).ConfigureAwait(false);
            var settings = plan?.Evaluation ?? EvaluationSettings.Default;
            due = WorkingDayCalendar.Supports(filed) ? EvaluationDeadlines.AppealAnswerDue(filed, settings, calendar) : null;
        }

        var late = due is { } d && (a.AnsweredAt is { } answered ? WorkingDayDeadlines.CompanyDate(new DateTimeOffset(answered, TimeSpan.Zero), zone.Zone) > d : EvaluationDeadlines.IsPast(d, time.GetUtcNow(), zone.Zone));
        var files = await db.EvidenceFiles.AsNoTracking().Where(f => f.AppealId == a.Id).OrderBy(f => f.Id).ToListAsync(ct).ConfigureAwait(false);
        foreach (var f in files)
        {
            f.Content = null;
        }

        return new AppealView(a.Id, a.Period, a.EmployeeId, name, lines, a.Text, a.FiledAt, due, late, a.Outcome, a.Answer, a.AnsweredAt, a.AnsweredBy, a.RunId, files, a.Version);
    }

    private static string Num(decimal d) => d.ToString(CultureInfo.InvariantCulture);
}
