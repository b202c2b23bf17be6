using Jixiao.Domain.Periods;

namespace Jixiao.Application.Calendar;

/// <summary>
/// The company's time zone (configuration <c>Company:TimeZone</c>, an IANA id; default Asia/Shanghai): the zone in
/// which the company's dates and working-day deadlines are computed.
/// </summary>
public sealed class CompanyTimeZone
{
    /// <summary>The default: China Standard Time.</summary>
    public const string DefaultId = "Asia/Shanghai";

    private CompanyTimeZone(string id, TimeZoneInfo zone)
    {
        Id = id;
        Zone = zone;
    }

    /// <summary>Asia/Shanghai, the zone when none is configured (tools and tests that have no configuration).</summary>
    public static CompanyTimeZone Default { get; } = FromId(null);

    /// <summary>The configured id, e.g. Asia/Shanghai.</summary>
    public string Id { get; }

    public TimeZoneInfo Zone { get; }

    /// <summary>The zone of <paramref name="id"/> (null or blank: Asia/Shanghai). Throws with the reason when the system does not know it.</summary>
    public static CompanyTimeZone FromId(string? id)
    {
        var name = string.IsNullOrWhiteSpace(id) ? DefaultId : id.Trim();
        try
        {
            return new CompanyTimeZone(name, TimeZoneInfo.FindSystemTimeZoneById(name));
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            if (name == DefaultId)
            {
                // A system without time zone data still knows China's rule: UTC+8 all year.
                return new CompanyTimeZone(name, TimeZoneInfo.CreateCustomTimeZone(DefaultId, TimeSpan.FromHours(8), DefaultId, DefaultId));
            }

            throw new InvalidOperationException($"Company:TimeZone '{name}' is not a time zone known to this system; use an IANA id such as {DefaultId}.", ex);
        }
    }

    /// <summary>A stored UTC instant as the company's local date and time, "2026-11-26 09:30" (every date and time shown uses this zone).</summary>
    public string Text(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A stored UTC instant as the company's local date and time with the zone, "2026-11-26 09:30 (Asia/Shanghai)" (where no column header names the zone).</summary>
    public string Labelled(DateTime utc) => Text(utc) + " (" + Id + ")";

    /// <summary>The company date of a UTC instant (e.g. a run's as-of date from its <c>StartedAt</c>).</summary>
    public DateOnly Date(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone));

    /// <summary>The current calendar month (company date).</summary>
    public Period CurrentMonth(TimeProvider time)
    {
        var today = Today(time);
        return new Period(PeriodKind.Month, today.Year, today.Month);
    }

    /// <summary>The company's date now.</summary>
    public DateOnly Today(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return WorkingDayDeadlines.CompanyDate(time.GetUtcNow(), Zone);
    }
}
