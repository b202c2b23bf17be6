using System.Globalization;

namespace Jixiao.Web.Audit;

/// <summary>
/// The name users see for an audit action (never its code): the action's own name when it has one (AuditText
/// <c>Action_{code}</c>), else the name of its family — the code up to its first dot (<c>Family_{family}</c>) — else
/// "other action".
/// </summary>
public static class AuditNames
{
    /// <summary>The name of <paramref name="action"/> in <paramref name="culture"/>'s language.</summary>
    public static string Of(string action, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (AuditText.Has("Action_" + action))
        {
            return AuditText.Get(culture, "Action_" + action);
        }

        return AuditText.Get(culture, AuditText.Has("Family_" + FamilyOf(action)) ? "Family_" + FamilyOf(action) : "Family_other");
    }

    /// <summary>The family of an action: its code up to the first dot (<c>period</c> for <c>period.published</c>).</summary>
    public static string FamilyOf(string action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var dot = action.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? action : action[..dot];
    }

    /// <summary>Whether <paramref name="action"/> has its own name or its family's (not "other action").</summary>
    public static bool IsNamed(string action) => AuditText.Has("Action_" + action) || AuditText.Has("Family_" + FamilyOf(action));
}
