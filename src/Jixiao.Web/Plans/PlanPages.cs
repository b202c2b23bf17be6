using System.Security.Claims;
using Jixiao.Web.Auth;

namespace Jixiao.Web.Plans;

/// <summary>Who sees and who changes plans on the pages: the same rule as /api/v1/plans (every role reads; HR and administrators upload).</summary>
public static class PlanPages
{
    /// <summary>Roles that open /plans (read-only unless <see cref="CanEdit"/>).</summary>
    public const string ViewRoles = Roles.Admin + "," + Roles.Hr + "," + Roles.Finance + "," + Roles.Manager + "," + Roles.Supervisor + "," + Roles.Salesperson;

    /// <summary>Roles that open /calculation (HR runs; administrators read).</summary>
    public const string CalculationRoles = Roles.Hr + "," + Roles.Admin;

    /// <summary>Whether the user may upload plan versions (Policies.HrOrAdmin).</summary>
    public static bool CanEdit(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.Hr) || user.IsInRole(Roles.Admin);
    }

    /// <summary>Whether the user may run a calculation (Policies.CalculationRun).</summary>
    public static bool CanRun(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.Hr);
    }
}
