using System.Globalization;
using System.Resources;
using Jixiao.Formulas.Localization;

namespace Jixiao.Application.Import;

/// <summary>Localised texts of data errors, read from Resources/DataMessages*.resx (generated from DataMessages.tsv) without designer code.</summary>
internal static class DataMessages
{
    private static readonly ResourceManager Manager =
        new("Jixiao.Application.Resources.DataMessages", typeof(DataMessages).Assembly);

    /// <summary>The message of <paramref name="code"/> with its arguments filled in.</summary>
    public static string Message(DataErrorCode code, IReadOnlyList<string> arguments, CultureInfo culture)
    {
        var args = new object[arguments.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = arguments[i];
        }

        // The kind of number is a word to translate, not user data.
        if (code == DataErrorCode.InvalidNumber && args.Length > 1)
        {
            args[1] = Text("Kind_" + arguments[1], culture);
        }

        return Pattern(code.ToString(), culture, args);
    }

    /// <summary>Formats the resource <paramref name="name"/> with <paramref name="args"/>.</summary>
    public static string Pattern(string name, CultureInfo culture, params object[] args)
    {
        var resolved = Resolve(culture);
        return string.Format(resolved, Text(name, culture), args);
    }

    /// <summary>The resource text <paramref name="name"/>, or the name itself when missing.</summary>
    public static string Text(string name, CultureInfo culture) => Manager.GetString(name, Resolve(culture)) ?? name;

    /// <summary>The language <paramref name="culture"/> reads: zh-CN, zh-TW or en (<see cref="Languages.Of"/>).</summary>
    internal static CultureInfo Resolve(CultureInfo culture) => Languages.Of(culture);
}
