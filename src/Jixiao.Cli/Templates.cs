using System.Reflection;

namespace Jixiao.Cli;

/// <summary>The bundled plan templates and their example data, embedded in the executable.</summary>
internal static class Templates
{
    private const string Prefix = "templates/";

    private static readonly Assembly Assembly = typeof(Templates).Assembly;

    /// <summary>Template names, e.g. "4s-dealership".</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal) && n.IndexOf('/', Prefix.Length) < 0)
        .Select(n => n[Prefix.Length..^".yaml".Length])
        .Order(StringComparer.Ordinal)];

    public static bool Exists(string name) => Names.Contains(name, StringComparer.Ordinal);

    public static string PlanText(string name)
    {
        using var stream = Assembly.GetManifestResourceStream(Prefix + name + ".yaml")
            ?? throw new ArgumentException("unknown template " + name, nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

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
