using System.Globalization;
using System.Resources;

namespace Jixiao.Application.Import;

/// <summary>Localised texts of data errors, read from Resources/DataMessages*.resx without designer code.</summary>
internal static class DataMessages
{
    private static readonly ResourceManager Manager =
        new("Jixiao.Application.Resources.DataMessages", typeof(DataMessages).Assembly);

    private static readonly CultureInfo Hans = CultureInfo.GetCultureInfo("zh-Hans");
    private static readonly CultureInfo Hant = CultureInfo.GetCultureInfo("zh-Hant");

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

    /// <summary>
    /// Maps region cultures to the script cultures we ship. ICU already gives zh-CN the parent zh-Hans,
    /// but NLS and invariant-globalization hosts do not, so the mapping is explicit.
    /// </summary>
    internal static CultureInfo Resolve(CultureInfo culture)
    {
        var name = culture.Name;
        if (!name.StartsWith("zh", StringComparison.OrdinalIgnoreCase))
        {
            return culture;
        }

        if (name.Contains("Hant", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("-TW", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("-HK", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("-MO", StringComparison.OrdinalIgnoreCase))
        {
            return Hant;
        }

        return Hans;
    }
}
