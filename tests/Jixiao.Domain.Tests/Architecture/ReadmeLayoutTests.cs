using System.Text.RegularExpressions;
using Jixiao.Domain.Tests.Plans;

namespace Jixiao.Domain.Tests.Architecture;

/// <summary>
/// README.md's "Layout" section stays true (issue 9, "Done when"): every folder and file pattern it names exists, every
/// top-level folder of src/ is named, and in the projects whose folders it lists (Domain, Application, Web) every folder is named.
/// </summary>
public sealed partial class ReadmeLayoutTests
{
    /// <summary>Folders a project may have without the layout naming them (build output, launch settings).</summary>
    private static readonly string[] Unlisted = ["bin", "obj", "Properties"];

    /// <summary>The layout's entries: a top-level path ("src/Jixiao.Web", "templates/") and the names listed under it.</summary>
    private static List<(string Top, List<string> Names)> Layout()
    {
        var text = File.ReadAllText(Path.Combine(PlanLoaderTests.RepoRoot(), "README.md"));
        var start = text.IndexOf("## Layout\n```", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no \"Layout\" section with a code block");
        var body = text[(text.IndexOf('\n', start + 10) + 1)..];
        body = body[..body.IndexOf("```", StringComparison.Ordinal)];
        var entries = new List<(string Top, List<string> Names)>();
        foreach (var line in body.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (!char.IsWhiteSpace(line[0]))
            {
                entries.Add((line.Split(' ')[0].TrimEnd('/'), []));
            }
            else if (NamesLine().Match(line) is { Success: true } names)
            {
                // "  Data/, Explanations/    the columnar data set": the names before the description.
                Assert.NotEmpty(entries);
                entries[^1].Names.AddRange(names.Groups[1].Value.Split(", ").Select(n => n.Trim()));
            }
            else if (!line.StartsWith("   ", StringComparison.Ordinal))
            {
                Assert.Fail($"README's layout line \"{line.Trim()}\" is neither a top-level entry nor names then two spaces and a description");
            }
        }

        return entries;
    }

    [Fact]
    public void Layout_WhenRead_ThenEveryNamedFolderAndFileExists()
    {
        var root = PlanLoaderTests.RepoRoot();
        var layout = Layout();
        Assert.True(layout.Count >= 10, $"only {layout.Count} entries in README's layout");
        foreach (var (top, names) in layout)
        {
            var tops = top.Contains('*', StringComparison.Ordinal)
                ? Directory.GetDirectories(Path.Combine(root, Path.GetDirectoryName(top)!), Path.GetFileName(top))
                : [Path.Combine(root, top)];
            Assert.True(tops.Length > 0 && tops.All(Directory.Exists), $"README's layout names {top}, which does not exist");
            foreach (var name in names)
            {
                var path = Path.Combine(root, top, name.TrimEnd('/'));
                var exists = name.EndsWith('/') ? Directory.Exists(path)
                    : Directory.GetFiles(Path.Combine(root, top), name, SearchOption.TopDirectoryOnly).Length > 0;
                Assert.True(exists, $"README's layout names {top}/{name}, which does not exist");
            }
        }
    }

    [Fact]
    public void Layout_WhenSrcHasAFolder_ThenTheLayoutNamesIt()
    {
        var root = PlanLoaderTests.RepoRoot();
        var layout = Layout();
        var tops = layout.Select(e => e.Top).ToList();
        foreach (var dir in Directory.GetDirectories(Path.Combine(root, "src")))
        {
            var name = "src/" + Path.GetFileName(dir);
            Assert.True(tops.Any(t => t == name || (t.EndsWith('*') && name.StartsWith(t.TrimEnd('*'), StringComparison.Ordinal))),
                $"{name} is not named in README's layout");
        }

        // A project whose folders are listed has all of them listed.
        foreach (var (top, names) in layout.Where(e => e.Top.StartsWith("src/", StringComparison.Ordinal) && e.Names.Any(n => n.EndsWith('/'))))
        {
            foreach (var dir in Directory.GetDirectories(Path.Combine(root, top)).Select(Path.GetFileName).Except(Unlisted, StringComparer.Ordinal))
            {
                Assert.True(names.Contains(dir + "/", StringComparer.Ordinal), $"{top}/{dir}/ is not named in README's layout");
            }
        }
    }

    /// <summary>An indented line of names (folders ending in "/", file patterns) before a description two spaces or more away.</summary>
    [GeneratedRegex(@"^  (?! )((?:[\w.*]+/?)(?:, [\w.*]+/?)*)(?:\s{2,}|$)")]
    private static partial Regex NamesLine();
}
