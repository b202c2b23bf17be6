using System.Text.RegularExpressions;
using Jixiao.Domain.Tests.Plans;

namespace Jixiao.Domain.Tests.Architecture;

/// <summary>docs/architecture.md's "Rule → file" map stays true: the files it names exist, and every rule file is named.</summary>
public sealed partial class RuleMapTests
{
    private static readonly string[] RuleFolders = ["Scoring", "Grades", "Compensation", "Targets", "Organisation", "Periods", "Careers"];

    private static List<string> MappedFiles()
    {
        var text = File.ReadAllText(Path.Combine(PlanLoaderTests.RepoRoot(), "docs", "architecture.md"));
        var start = text.IndexOf("## Rule → file", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/architecture.md has no \"Rule → file\" section");
        var end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? text[start..] : text[start..end];
        return [.. CodePath().Matches(section).Select(m => m.Groups[1].Value)];
    }

    [Fact]
    public void RuleMap_WhenRead_ThenEveryFileItNamesExists()
    {
        var root = PlanLoaderTests.RepoRoot();
        var files = MappedFiles();
        Assert.True(files.Count >= 40, $"only {files.Count} files found in the map");
        foreach (var f in files)
        {
            var path = f.StartsWith("src/", StringComparison.Ordinal) ? f : "src/Jixiao.Domain/" + f;
            Assert.True(File.Exists(Path.Combine(root, path)), $"docs/architecture.md names {path}, which does not exist");
        }
    }

    [Fact]
    public void RuleMap_WhenRuleFolderHasAFile_ThenTheMapNamesIt()
    {
        var mapped = MappedFiles().ToHashSet(StringComparer.Ordinal);
        var domain = Path.Combine(PlanLoaderTests.RepoRoot(), "src", "Jixiao.Domain");
        foreach (var folder in RuleFolders)
        {
            // Subfolders too (Compensation/Ledger/).
            foreach (var file in Directory.GetFiles(Path.Combine(domain, folder), "*.cs", SearchOption.AllDirectories))
            {
                var name = Path.GetRelativePath(domain, file).Replace('\\', '/');
                Assert.True(mapped.Contains(name), $"{name} is not in docs/architecture.md's rule map");
            }
        }
    }

    /// <summary>The folder tables of Jixiao.Domain and Jixiao.Application name folders that exist (e.g. `Compensation/Ledger/`).</summary>
    [Theory]
    [InlineData("Jixiao.Domain")]
    [InlineData("Jixiao.Application")]
    public void FolderTable_WhenRead_ThenEveryFolderItNamesExists(string project)
    {
        var root = PlanLoaderTests.RepoRoot();
        var text = File.ReadAllText(Path.Combine(root, "docs", "architecture.md"));
        var start = text.IndexOf("## " + project + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/architecture.md has no \"{project}\" section");
        var end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? text[start..] : text[start..end];
        var folders = FolderPath().Matches(section).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.True(folders.Count >= 8, $"only {folders.Count} folders found in the {project} table");
        foreach (var folder in folders)
        {
            Assert.True(Directory.Exists(Path.Combine(root, "src", project, folder)), $"docs/architecture.md names src/{project}/{folder}, which does not exist");
        }
    }

    [GeneratedRegex(@"`([A-Za-z0-9_./]+\.cs)`")]
    private static partial Regex CodePath();

    [GeneratedRegex(@"`((?:[A-Z][A-Za-z]+/)+)`")]
    private static partial Regex FolderPath();
}
