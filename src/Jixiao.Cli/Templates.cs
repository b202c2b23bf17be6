using System.Reflection;
using Jixiao.Application.Plans;

namespace Jixiao.Cli;

/// <summary>The bundled plan templates (Jixiao.Application) and their example data (embedded in the executable).</summary>
internal static class Templates
{
    private const string Prefix = "templates/";

    private static readonly Assembly Assembly = typeof(Templates).Assembly;

    /// <summary>Template names, e.g. "4s-dealership".</summary>
    public static IReadOnlyList<string> Names => PlanTemplates.Names;

    public static bool Exists(string name) => PlanTemplates.Exists(name);

    public static string PlanText(string name) => PlanTemplates.Text(name);

    /// <summary>Writes the plan as &lt;dir&gt;/&lt;name&gt;.yaml and the example data files into &lt;dir&gt;/data.</summary>
    public static void WriteTo(string name, string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, name + ".yaml"), PlanText(name));
        var dataPrefix = Prefix + name + "/data/";
        var dataDir = Path.Combine(directory, "data");
        Directory.CreateDirectory(dataDir);
        foreach (var resource in Assembly.GetManifestResourceNames().Where(n => n.StartsWith(dataPrefix, StringComparison.Ordinal)))
        {
            using var stream = Assembly.GetManifestResourceStream(resource)!;
            using var file = File.Create(Path.Combine(dataDir, resource[dataPrefix.Length..]));
            stream.CopyTo(file);
        }
    }
}
