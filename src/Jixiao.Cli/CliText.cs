using System.Globalization;
using System.Resources;
using Jixiao.Formulas.Localization;

namespace Jixiao.Cli;

/// <summary>User-facing text of the command line, by key and culture (Resources/CliMessages*.resx, generated from CliMessages.tsv).</summary>
internal static class CliText
{
    private static readonly ResourceManager Resources = new("Jixiao.Cli.Resources.CliMessages", typeof(CliText).Assembly);

    public static string Get(string key, CultureInfo culture, params object?[] args) => Languages.Text(Resources, key, culture, args);
}
