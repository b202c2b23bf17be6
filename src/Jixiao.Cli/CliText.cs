using System.Globalization;
using System.Resources;

namespace Jixiao.Cli;

/// <summary>User-facing text of the command line, by key and culture.</summary>
internal static class CliText
{
    private static readonly ResourceManager Resources = new("Jixiao.Cli.Resources.CliMessages", typeof(CliText).Assembly);

    public static string Get(string key, CultureInfo culture, params object?[] args)
    {
        var pattern = Resources.GetString(key, culture) ?? key;
        return args.Length == 0 ? pattern : string.Format(culture, pattern, args);
    }
}
