using Microsoft.AspNetCore.Authorization;

namespace Jixiao.Web.Auth;

/// <summary>
/// Who may call which endpoint. Policies decide by role (people) or scope (tokens); what records a caller
/// then sees is decided per record by <see cref="ScopeResolver"/>.
/// </summary>
public static class Policies
{
    /// <summary>Any person with a role.</summary>
    public const string AnyRole = "any-role";

    /// <summary>Any person with a role, or a token with org:read.</summary>
    public const string OrgRead = "org-read";

    /// <summary>Any person with a role (scoped per record), or a token with results:read.</summary>
    public const string ResultsRead = "results-read";

    /// <summary>HR or finance, or a token with data:write.</summary>
    public const string DataWrite = "data-write";

    /// <summary>HR or administrator: plans and API tokens.</summary>
    public const string HrOrAdmin = "hr-admin";

    /// <summary>HR only: running calculations.</summary>
    public const string CalculationRun = "calculation-run";

    /// <summary>HR, administrator or finance: whole calculation runs with everyone's pay.</summary>
    public const string RunsRead = "runs-read";

    /// <summary>Administrator or HR: user administration (what each may change: Accounts/AccountRules).</summary>
    public const string UserAdmin = "user-admin";

    /// <summary>Finance, HR or administrator: payroll months (read and export).</summary>
    public const string PayrollRead = "payroll-read";

    /// <summary>Finance: preparing a payroll month.</summary>
    public const string PayrollPrepare = "payroll-prepare";

    /// <summary>Finance or administrator: approving a payroll month someone else prepared.</summary>
    public const string PayrollApprove = "payroll-approve";

    /// <summary>HR: pay decisions (a period's pay over its pool, career recommendations).</summary>
    public const string HrDecisions = "hr-decisions";

    /// <summary>Administrator: the settings page.</summary>
    public const string Admin = "admin";

    public static AuthorizationBuilder AddJixiaoPolicies(this AuthorizationBuilder builder)
    {
        string[] people = [.. Roles.All];
        builder.AddPolicy(AnyRole, p => p.RequireRole(people));
        builder.AddPolicy(OrgRead, p => p.RequireAssertion(c => people.Any(c.User.IsInRole) || c.User.HasScope(TokenScopes.OrgRead)));
        builder.AddPolicy(ResultsRead, p => p.RequireAssertion(c => people.Any(c.User.IsInRole) || c.User.HasScope(TokenScopes.ResultsRead)));
        builder.AddPolicy(DataWrite, p => p.RequireAssertion(c => c.User.IsInRole(Roles.Hr) || c.User.IsInRole(Roles.Finance) || c.User.HasScope(TokenScopes.DataWrite)));
        builder.AddPolicy(HrOrAdmin, p => p.RequireRole(Roles.Hr, Roles.Admin));
        builder.AddPolicy(CalculationRun, p => p.RequireRole(Roles.Hr));
        builder.AddPolicy(RunsRead, p => p.RequireRole(Roles.Hr, Roles.Admin, Roles.Finance));
        builder.AddPolicy(UserAdmin, p => p.RequireRole(Roles.Admin, Roles.Hr));
        builder.AddPolicy(PayrollRead, p => p.RequireRole(Roles.Finance, Roles.Hr, Roles.Admin));
        builder.AddPolicy(PayrollPrepare, p => p.RequireRole(Roles.Finance));
        builder.AddPolicy(PayrollApprove, p => p.RequireRole(Roles.Finance, Roles.Admin));
        builder.AddPolicy(HrDecisions, p => p.RequireRole(Roles.Hr));
        builder.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
        return builder;
    }
}
