using System.Globalization;
using System.Resources;
using Jixiao.Domain.Localization;
using Jixiao.Domain.Targets;
using Jixiao.Formulas.Localization;

namespace Jixiao.Web.Api;

/// <summary>
/// Messages about targets (the API's problems and the /targets page's errors): the API's own checks and titles in
/// Resources/TargetMessages*.resx, generated from TargetMessages.tsv (zh-CN, en, zh-TW); a <see cref="TargetProblemCode"/>
/// (a value, weight, cell, metric or subject the planner or the API refuses) has its one message in the domain's resources
/// (<see cref="TargetProblem.Message"/>).
/// </summary>
public static class TargetMessages
{
    private static readonly ResourceManager Resources = new("Jixiao.Web.Resources.TargetMessages", typeof(TargetMessages).Assembly);

    /// <summary>The message for <paramref name="code"/> in <paramref name="culture"/>'s language (the code itself when unknown).</summary>
    public static string Get(CultureInfo culture, string code, params object?[] args) => Languages.Text(Resources, code, culture, args);

    /// <summary>A problem of the planner in <paramref name="culture"/>'s language.</summary>
    public static string Of(CultureInfo culture, TargetProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Message(culture);
    }

    /// <summary>The message of <paramref name="code"/> (the API's own check of what the planner also refuses) in <paramref name="culture"/>'s language.</summary>
    public static string Of(CultureInfo culture, TargetProblemCode code, params object[] args) =>
        Text.Format(TargetProblem.MessageKey(code), culture, args);

    /// <summary>A failed sum check in words.</summary>
    public static string Of(CultureInfo culture, SumCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var text = Get(culture, check.Kind == CheckKind.Children ? "Check_Children" : "Check_Months", check.Subject, check.Expected, check.Actual, check.Difference);
        return check.Challenge ? Get(culture, "Check_Challenge") + text : text;
    }
}
