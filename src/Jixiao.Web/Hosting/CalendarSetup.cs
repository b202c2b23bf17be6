using Jixiao.Application.Calendar;

namespace Jixiao.Web.Hosting;

/// <summary>Registers the company's time zone (<c>Company:TimeZone</c>, default Asia/Shanghai) for the working-day calendar.</summary>
public static class CalendarSetup
{
    /// <summary>Fails at start, with the reason, when the configured zone is unknown.</summary>
    public static IServiceCollection AddCompanyCalendar(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddSingleton(CompanyTimeZone.FromId(configuration["Company:TimeZone"]));
    }
}
