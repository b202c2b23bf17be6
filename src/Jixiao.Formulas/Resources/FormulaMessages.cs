using System.Globalization;
using System.Resources;
using Jixiao.Formulas.Localization;

namespace Jixiao.Formulas.Resources;

/// <summary>Reads the localised texts of formula errors from FormulaMessages*.resx (generated from FormulaMessages.tsv).</summary>
/// <remarks>Written by hand rather than generated: the build embeds the .resx and satellite assemblies
/// on its own, and this class only picks the culture and fills in the arguments.</remarks>
internal static class FormulaMessages
{
    private static readonly ResourceManager Manager =
        new("Jixiao.Formulas.Resources.FormulaMessages", typeof(FormulaMessages).Assembly);

    /// <summary>The language <paramref name="culture"/> reads (<see cref="Languages.Of"/>): zh-CN, zh-TW or en.</summary>
    public static CultureInfo Resolve(CultureInfo culture) => Languages.Of(culture);

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
