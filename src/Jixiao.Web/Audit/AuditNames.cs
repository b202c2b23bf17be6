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

    /// <summary>
    /// The search form's list: each family by its name, followed by its actions, all from the texts (no query of the
    /// log, which grows with every sign-in).
    /// </summary>
    public static IReadOnlyList<(string Code, string Name, bool Family)> Choices(CultureInfo culture)
    {
        var actions = AuditText.Keys().Where(k => k.StartsWith("Action_", StringComparison.Ordinal)).Select(k => k["Action_".Length..]).ToList();
        var families = AuditText.Keys().Where(k => k.StartsWith("Family_", StringComparison.Ordinal) && k != "Family_other").Select(k => k["Family_".Length..]);
        var list = new List<(string, string, bool)>();
        foreach (var family in families.Order(StringComparer.Ordinal))
        {
            list.Add((family, Of(family, culture), true));
            list.AddRange(actions.Where(a => FamilyOf(a) == family).Order(StringComparer.Ordinal).Select(a => (a, Of(a, culture), false)));
        }

        return list;
    }
}
