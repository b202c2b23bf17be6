using System.Globalization;
using System.Resources;

namespace Jixiao.Formulas.Resources;

/// <summary>Reads the localised texts of formula errors from FormulaMessages*.resx.</summary>
/// <remarks>Written by hand rather than generated: the build embeds the .resx and satellite assemblies
/// on its own, and this class only picks the culture and fills in the arguments.</remarks>
internal static class FormulaMessages
{
    private static readonly ResourceManager Manager =
        new("Jixiao.Formulas.Resources.FormulaMessages", typeof(FormulaMessages).Assembly);

    private static readonly CultureInfo Simplified = CultureInfo.GetCultureInfo("zh-Hans");
    private static readonly CultureInfo Traditional = CultureInfo.GetCultureInfo("zh-Hant");

    /// <summary>Maps any Chinese culture to zh-Hans or zh-Hant (zh alone and zh-CN/SG to Simplified).</summary>
    public static CultureInfo Resolve(CultureInfo culture)
    {
        if (!culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase))
        {
            return culture;
        }

        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            if (c.Name.Equals("zh-Hant", StringComparison.OrdinalIgnoreCase))
            {
                return Traditional;
            }
        }

        // Without ICU the parent chain stops at "zh"; the region still says which script is meant.
        var name = culture.Name;
        return name.Contains("Hant", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("-TW", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("-HK", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("-MO", StringComparison.OrdinalIgnoreCase)
            ? Traditional
            : Simplified;
    }

    public static string Get(string key, CultureInfo culture) =>
        Manager.GetString(key, Resolve(culture)) ?? key;

    public static string Header(FormulaError error, CultureInfo culture)
    {
        var resolved = Resolve(culture);
        return string.Format(resolved, Get("Header", resolved), error.FormulaName, error.Line, error.Column, Message(error, resolved));
    }

    public static string Message(FormulaError error, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var resolved = Resolve(culture);
        string Arg(int i) => i < error.Arguments.Count ? error.Arguments[i] ?? "" : "";

        string key;
        object[] arguments;
        switch (error.Code)
        {
            case FormulaErrorCode.Syntax:
                key = "Syntax_" + Arg(0);
                if (Manager.GetString(key, resolved) is null)
                {
                    key = "Syntax_UnexpectedInput";
                }

                arguments = [Arg(1).Length == 0 ? Get("EndOfFormula", resolved) : $"'{Arg(1)}'"];
                break;
            case FormulaErrorCode.WrongArgumentCount:
                key = Arg(1) == Arg(2) ? "WrongArgumentCount_Exact" : "WrongArgumentCount_AtLeast";
                arguments = [Arg(0), Arg(1), Arg(2), Arg(3)];
                break;
            case FormulaErrorCode.TypeMismatch:
                key = Arg(0).Length == 0 ? "TypeMismatch_Result" : "TypeMismatch_Operand";
                arguments = [Arg(0), Get("Type_" + Arg(1), resolved), Get("Type_" + Arg(2), resolved)];
                break;
            default:
                key = error.Code.ToString();
                arguments = [Arg(0), Arg(1), Arg(2), Arg(3)];
                break;
        }

        return string.Format(resolved, Get(key, resolved), arguments);
    }
}
