using System.Text.Json;
using Jixiao.Application.CalculationRuns;
using Jixiao.Application.Calendar;
using Jixiao.Application.Evaluations;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Demo;

/// <summary>
/// The demo's evaluation of last month (docs/decisions/0019-evaluation-cycle.md), so every demo login has something to
/// do: most people submitted their self-assessment the day after evaluation started (one line commented on by every
/// tenth), and the supervisors and store managers who are not demo logins scored their direct reports and recorded the
/// talk. The demo logins' own steps stay open — the salesperson P01's self-assessment, the supervisor S11's own and the
/// scorings of S11's team, the store manager M01's scorings of S11 and S12 — and one more person (P05) has not
/// self-assessed, so once the deadline passes their step shows as overdue for them and their supervisor.
/// </summary>
public static class DemoEvaluations
{
    /// <summary>The employees the demo logins are linked to.</summary>
    public static IReadOnlySet<string> Logins { get; } = new HashSet<string>(["P01", "S11", "M01"], StringComparer.Ordinal);

    /// <summary>The people whose steps stay open: the demo logins and P05.</summary>
    private static readonly HashSet<string> Open = new(["P01", "P05", "S11"], StringComparer.Ordinal);

    /// <summary>The managers who leave their scorings to the demo logins.</summary>
    private static readonly HashSet<string> Waiting = new(["S11", "M01"], StringComparer.Ordinal);

    /// <summary>Seeds the steps of <paramref name="period"/> (in evaluation since <paramref name="started"/>, its basis <paramref name="basisRunId"/>) as of <paramref name="now"/>.</summary>
    public static async Task SeedAsync(JixiaoDbContext db, CompanyTimeZone zone, Period period, long basisRunId, DateTimeOffset started, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(zone);
        var key = period.ToString();
        // The day after evaluation started, in the morning, or now if that is still ahead.
        var done = started.AddDays(1) < now ? started.AddDays(1) : now;
        var at = done.UtcDateTime;
        var day = WorkingDayDeadlines.CompanyDate(done, zone.Zone);
        if (day <= period.End)
        {
            return;
        }

        var results = await db.Results.AsNoTracking().Where(r => r.RunId == basisRunId).Select(r => new { r.EmployeeId, r.DetailsJson }).ToListAsync(ct).ConfigureAwait(false);
        var managers = await EvaluationPeople.DirectManagersAsync(db, period, [.. results.Select(r => r.EmployeeId)], ct).ConfigureAwait(false);
        var n = 0;
        foreach (var r in results.OrderBy(r => r.EmployeeId, StringComparer.Ordinal))
        {
            if (Open.Contains(r.EmployeeId))
            {
                continue;
            }

            var indicators = JsonSerializer.Deserialize<ResultDetails>(r.DetailsJson)?.Indicators ?? [];
            var record = new SelfAssessmentRecord { Period = key, EmployeeId = r.EmployeeId, BasisRunId = basisRunId, SubmittedAt = at, UpdatedAt = at, UpdatedBy = "demo", Version = 1 };
            var commented = ++n % 10 == 0;
            foreach (var (i, index) in indicators.Select((i, index) => (i, index)))
            {
                record.Lines.Add(new SelfAssessmentLineRecord
                {
                    Indicator = i.Code,
                    Confirmed = !(commented && index == 0),
                    Comment = commented && index == 0 ? "月底一台车的交付日期记录有误，请核实" : null,
                });
            }

            db.SelfAssessments.Add(record);
            db.Audit(at, null, "self_assessment.submit", key, "demo", key, r.EmployeeId, null, "submitted");
            if (managers.GetValueOrDefault(r.EmployeeId) is { } manager && !Waiting.Contains(manager))
            {
                db.ManagerReviews.Add(new ManagerReviewRecord
                {
                    Period = key,
                    EmployeeId = r.EmployeeId,
                    ManagerId = manager,
                    Comment = commented ? "已核实交付记录，校准时由人力资源部处理" : "结果已确认",
                    TalkOn = day,
                    TalkNote = "面谈确认本月结果",
                    SubmittedAt = at,
                    UpdatedAt = at,
                    UpdatedBy = "demo",
                    Version = 1,
                });
                db.Audit(at, null, "manager_scoring.submit", key, "demo by " + manager, key, r.EmployeeId, null, "submitted");
            }
        }

        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }
}
