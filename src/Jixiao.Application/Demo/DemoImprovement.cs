using Jixiao.Application.Calendar;
using Jixiao.Application.Evaluations;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Demo;

/// <summary>
/// The demo's improvement plan (改进计划, docs/decisions/0019-evaluation-cycle.md): in the latest closed month, the first person
/// below the plan's standard (by employee id) gets a plan written by HR — goals, actions, their direct manager as owner, due two
/// weeks after the day the demo is seeded (so its follow-up shows on the owner's home page a week before) — and one follow-up
/// note. Nothing when nobody is below the standard.
/// </summary>
public static class DemoImprovement
{
    /// <summary>Days from the seeding day to the plan's due date.</summary>
    public const int DueInDays = 14;

    public static async Task SeedAsync(JixiaoDbContext db, TimeProvider time, CompanyTimeZone zone, string? hrUser, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(zone);
        var closed = (await db.EvaluationPeriods.AsNoTracking().Where(p => p.State == "closed" && p.PublishedRunId != null).Select(p => p.Key).ToListAsync(ct).ConfigureAwait(false))
            .Select(k => Period.TryParse(k, out var p) ? p : (Period?)null).OfType<Period>().Where(p => p.Kind == PeriodKind.Month).OrderByDescending(p => p.End).ToList();
        if (closed.Count == 0)
        {
            return;
        }

        var period = closed[0];
        var plans = new ImprovementPlans(db, time, zone);
        var person = (await plans.ListAsync(period, null, ct).ConfigureAwait(false)).FirstOrDefault(v => v.OwnerId is not null);
        if (person is null)
        {
            return;
        }

        var hr = new Actor(hrUser, IsHr: true, IsAdmin: false);
        var saved = await plans.SaveAsync(period, person.EmployeeId, "三个月内月度销量达到目标的 90% 以上，客户回访率达到 95%。",
            "每周与主管复盘一次商机跟进；参加一次产品知识培训；主管每月陪同接待两组客户。", zone.Today(time).AddDays(DueInDays), null, hr, null, ct).ConfigureAwait(false);
        if (saved.Ok)
        {
            await plans.NoteAsync(period, person.EmployeeId, "第一周：已完成产品知识培训，商机跟进表已建立。", hr, null, ct).ConfigureAwait(false);
        }
    }
}
