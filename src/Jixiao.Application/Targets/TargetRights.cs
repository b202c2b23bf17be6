using Jixiao.Application.Access;

namespace Jixiao.Application.Targets;

/// <summary>Whether a principal may set the targets of one subject, and if not, why.</summary>
public enum TargetRight
{
    /// <summary>May set them.</summary>
    Allowed,

    /// <summary>The subject is outside the principal's scope (or the principal sets no targets at all).</summary>
    OutOfScope,

    /// <summary>
    /// The principal is measured on these targets: their own, or those of a unit they head (a supervisor's team, a
    /// manager's store). HR or the head's own manager sets them.
    /// </summary>
    MeasuredOn,
}

/// <summary>
/// Who may set (and, by applying a decomposition, approve) which targets (docs/targets.md): nobody sets a target they
/// are measured on. An all-seeing scope (HR, administrator) sets every other target; a manager or supervisor those of
/// the units below the ones they head and of the people in their subtree, never their own or their own unit's.
/// </summary>
public static class TargetRights
{
    /// <summary>The principal's right on <paramref name="subject"/> (an employee or org unit id) by <paramref name="scope"/>.</summary>
    public static TargetRight Of(AccessScope scope, string subject)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (IsMeasuredOn(scope, subject))
        {
            return TargetRight.MeasuredOn;
        }

        return scope.Kind == ScopeKind.Everyone
            || (scope.Kind == ScopeKind.Subtree && (scope.Units.Contains(subject) || scope.Employees.Contains(subject)))
            ? TargetRight.Allowed
            : TargetRight.OutOfScope;
    }

    /// <summary>
    /// The right on <paramref name="subject"/> for a target of a period: as <see cref="Of(AccessScope, string)"/> by
    /// today's <paramref name="today"/>, and measured on also when the principal headed the subject's unit (or was the
    /// subject) by the org chart of the target's period, <paramref name="ofPeriod"/>.
    /// </summary>
    public static TargetRight Of(AccessScope today, AccessScope ofPeriod, string subject)
    {
        ArgumentNullException.ThrowIfNull(ofPeriod);
        var right = Of(today, subject);
        return right == TargetRight.Allowed && IsMeasuredOn(ofPeriod, subject) ? TargetRight.MeasuredOn : right;
    }

    private static bool IsMeasuredOn(AccessScope scope, string subject) =>
        string.Equals(subject, scope.Self, StringComparison.Ordinal) || scope.Headed.Contains(subject);
}
