using System.Security.Claims;
using Jixiao.Application.Access;

namespace Jixiao.Web.Auth;

/// <summary>
/// Who may read one person's evaluation (self-assessment, evidence, manager scoring, appeals, improvement plans;
/// docs/decisions/0019-evaluation-cycle.md): the person, HR and administrators within their scope (an HR account covering
/// one unit sees that unit's people only, docs/decisions/0020-accounts.md), and a manager above them. Finance, who sees
/// everyone's results, does not see evaluations.
/// </summary>
public static class EvaluationAccess
{
    public static bool MayRead(ClaimsPrincipal user, AccessScope scope, string employee)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(scope);
        return employee == scope.Self
            || (scope.CanSee(employee) && (scope.Kind == ScopeKind.Subtree || user.IsInRole(Roles.Hr) || user.IsInRole(Roles.Admin)));
    }
}
