using Jixiao.Application.Calendar;
using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Testing;

/// <summary>
/// Company calendar days through <see cref="CompanyCalendarService"/> on a migrated database (table calendar_days):
/// stored and read back as the calendar, a stale write refused by the database's version check, removal, a 100-character
/// Chinese name, and the audit log. The same scenario for each provider.
/// </summary>
public static class CalendarRoundTrip
{
    public static async Task RunAsync(Func<JixiaoDbContext> newContext)
    {
        ArgumentNullException.ThrowIfNull(newContext);
        var at = new DateTimeOffset(2026, 9, 1, 2, 30, 0, TimeSpan.Zero);
        var time = TestClock.At(at);
        var party = new DateOnly(2026, 10, 9);

        await using (var db = newContext())
        {
            var set = await new CompanyCalendarService(db, time).SetDayAsync(party, "holiday", "公司年会", null, "hr-1");
            Assert.True(set.Ok, string.Join("; ", set.Problems));
            Assert.Equal(0, set.Day!.Version);
        }

        await using (var db = newContext())
        {
            var service = new CompanyCalendarService(db, time);
            var row = Assert.Single(await service.DaysAsync(2026));
            Assert.Equal((party, "holiday", "公司年会", "hr-1", at.UtcDateTime), (row.Date, row.Kind, row.Name, row.ChangedBy, row.ChangedAt));
            Assert.Empty(await service.DaysAsync(2025));
            var calendar = await service.CalendarAsync();
            // Oct 8 is 1, Oct 9 off, Oct 10 (调休) 2, Oct 11 (Sunday) off, Oct 12 3.
            Assert.Equal(new DateOnly(2026, 10, 12), calendar.AddWorkingDays(new DateOnly(2026, 9, 30), 3));
        }

        // Two editors read version 0; the first saves, the second's UPDATE … WHERE version = 0 finds no row: a conflict.
        await using (var first = newContext())
        await using (var second = newContext())
        {
            _ = await second.CalendarDays.SingleAsync(d => d.Date == party);
            var saved = await new CompanyCalendarService(first, time).SetDayAsync(party, "working", new string('年', 100), 0, "hr-2");
            Assert.True(saved.Ok);
            var stale = await new CompanyCalendarService(second, time).SetDayAsync(party, "holiday", "改回", 0, "hr-3");
            Assert.Equal(CalendarOutcome.Conflict, stale.Outcome);
            Assert.Equal(1, stale.Day!.Version);
        }

        await using (var db = newContext())
        {
            var row = await db.CalendarDays.AsNoTracking().SingleAsync();
            Assert.Equal(("working", new string('年', 100), 1L), (row.Kind, row.Name, row.Version));
            Assert.Equal(CalendarOutcome.Conflict, (await new CompanyCalendarService(db, time).RemoveDayAsync(party, 0, "hr-1")).Outcome);
            var removed = await new CompanyCalendarService(db, time).RemoveDayAsync(party, 1, "hr-1");
            Assert.True(removed.Ok);
        }

        await using (var db = newContext())
        {
            Assert.Equal(0, await db.CalendarDays.CountAsync());
            var calendar = await new CompanyCalendarService(db, time).CalendarAsync();
            Assert.Equal(new DateOnly(2026, 10, 10), calendar.AddWorkingDays(new DateOnly(2026, 9, 30), 3));
            var audit = await db.AuditLog.AsNoTracking().Where(a => a.Subject == "2026-10-09").OrderBy(a => a.Id).Select(a => new { a.Action, a.UserId, a.At }).ToListAsync();
            Assert.Equal(["calendar.day.set", "calendar.day.set", "calendar.day.remove"], audit.Select(a => a.Action));
            Assert.Equal(["hr-1", "hr-2", "hr-1"], audit.Select(a => a.UserId));
            Assert.All(audit, a => Assert.Equal(at.UtcDateTime, a.At));
        }
    }
}
