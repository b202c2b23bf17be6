using System.Reflection;

namespace Jixiao.Application.Plans;

/// <summary>
/// The bundled plan templates (templates/*.yaml), embedded in this assembly: the `jixiao` command and the web
/// application's plans page read them from here.
/// </summary>
public static class PlanTemplates
{
    private const string Prefix = "templates/";

    private static readonly Assembly Assembly = typeof(PlanTemplates).Assembly;

    /// <summary>Template names, e.g. "4s-dealership".</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal) && n.IndexOf('/', Prefix.Length) < 0)
        .Select(n => n[Prefix.Length..^".yaml".Length])
        .Order(StringComparer.Ordinal)];

    public static bool Exists(string name) => Names.Contains(name, StringComparer.Ordinal);

    /// <summary>The YAML of a template; <see cref="ArgumentException"/> for an unknown name.</summary>
    public static string Text(string name)
    {
        using var stream = Assembly.GetManifestResourceStream(Prefix + name + ".yaml")
            ?? throw new ArgumentException("unknown template " + name, nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
