using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Jixiao.Formulas.Localization;

namespace Jixiao.Web.Tests;

/// <summary>
/// One way to localise (docs/localization.md): every message family in the solution is a TSV and its three generated
/// .resx files named by one culture scheme — NAME.resx (zh-CN), NAME.en.resx, NAME.zh-TW.resx — with every key present
/// and non-empty in all three, no stray brace, the same placeholders in zh-CN and zh-TW, and the .resx in step with the
/// TSV; and at run time every key of every family the web host loads reads non-empty in zh-CN, en and zh-TW.
/// </summary>
public sealed partial class LocalizationResourcesTests
{
    private static readonly string[] Suffixes = ["", ".en", ".zh-TW"];

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Jixiao.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Jixiao.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Every .resx under src (bin and obj excluded), by family: the path without culture and extension.</summary>
    private static Dictionary<string, List<string>> Families()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var files = Directory.EnumerateFiles(src, "*.resx", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"));
        return files.GroupBy(f => Path.Combine(Path.GetDirectoryName(f)!, Path.GetFileName(f).Split('.')[0]))
            .ToDictionary(g => g.Key, g => g.Order(StringComparer.Ordinal).ToList());
    }

    private static Dictionary<string, string> Read(string resx) =>
        XDocument.Load(resx).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => d.Element("value")?.Value ?? "");

    /// <summary>A composite-format placeholder ({0}, {1:N2}) or a named token of a component ({first_item}).</summary>
    [GeneratedRegex(@"\{(\d+(?:,-?\d+)?(?::[^{}]*)?|[A-Za-z_]\w*)\}")]
    private static partial Regex Placeholder();

    /// <summary>The indices and names a text fills in, e.g. "0,1" or "all_items,first_item".</summary>
    private static string Placeholders(string text) =>
        string.Join(",", Placeholder().Matches(Escaped(text)).Select(m => m.Groups[1].Value.Split(',', ':')[0]).Distinct().Order(StringComparer.Ordinal));

    private static string Escaped(string text) => text.Replace("{{", "", StringComparison.Ordinal).Replace("}}", "", StringComparison.Ordinal);

    /// <summary>A brace that is neither a placeholder nor escaped: string.Format would throw on it.</summary>
    private static bool BadBraces(string text) => Placeholder().Replace(Escaped(text), "").IndexOfAny(['{', '}']) >= 0;

    [Fact]
    public void EveryResxFamily_WhenRead_ThenThreeFilesOneSchemeEveryKeyNonEmptyWellFormedAndInStepWithItsTsv()
    {
        var families = Families();
        var problems = new List<string>();
        foreach (var (family, files) in families)
        {
            var name = Path.GetFileName(family);
            var expected = Suffixes.Select(s => family + s + ".resx").ToList();
            if (!files.SequenceEqual(expected.Order(StringComparer.Ordinal)))
            {
                problems.Add($"{name}: files {string.Join(", ", files.Select(Path.GetFileName))}, expected {string.Join(", ", expected.Select(Path.GetFileName))}");
                continue;
            }

            var languages = Suffixes.ToDictionary(s => s, s => Read(family + s + ".resx"));
            var keys = languages[""].Keys.ToHashSet(StringComparer.Ordinal);
            foreach (var (suffix, texts) in languages)
            {
                var language = suffix.Length == 0 ? "zh-CN" : suffix[1..];
                problems.AddRange(keys.Except(texts.Keys).Select(k => $"{name}.{k}: missing in {language}"));
                problems.AddRange(texts.Keys.Except(keys).Select(k => $"{name}.{k}: only in {language}"));
                problems.AddRange(texts.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => $"{name}.{t.Key}: empty in {language}"));
                problems.AddRange(texts.Where(t => BadBraces(t.Value)).Select(t => $"{name}.{t.Key}: a stray brace in {language}"));
            }

            // Traditional is the Simplified text converted: the same placeholders. (English may fill in others: "{0}月" / "{1}".)
            foreach (var (key, text) in languages[".zh-TW"].Where(t => keys.Contains(t.Key) && Placeholders(t.Value) != Placeholders(languages[""][t.Key])))
            {
                problems.Add($"{name}.{key}: placeholders {{{Placeholders(text)}}} in zh-TW, {{{Placeholders(languages[""][key])}}} in zh-CN");
            }

            var tsv = family + ".tsv";
            if (!File.Exists(tsv))
            {
                problems.Add($"{name}: no {Path.GetFileName(tsv)} (the .resx are generated from it by scripts/gen-resx.py)");
                continue;
            }

            var rows = File.ReadAllLines(tsv).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')).ToList();
            if (!rows.Select(r => r[0]).SequenceEqual(languages[""].Keys))
            {
                problems.Add($"{name}: the .resx keys are not the TSV's (regenerate with scripts/gen-resx.py)");
            }

            problems.AddRange(rows.Where(r => r.Length < 3 || languages[""].GetValueOrDefault(r[0]) != r[1] || languages[".en"].GetValueOrDefault(r[0]) != r[2]
                || (r.Length > 3 && languages[".zh-TW"].GetValueOrDefault(r[0]) != r[3])).Select(r => $"{name}.{r[0]}: the .resx differs from the TSV"));
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        // Formulas, Domain, Application, CLI and the web's pages, API and exports: a glob that found nothing cannot pass.
        string[] required = ["FormulaMessages", "DomainMessages", "CalendarMessages", "DataMessages", "OrgMessages", "CliMessages", "UiText", "ApiText", "TargetMessages", "ExportText", "OrgText"];
        Assert.Empty(required.Except(families.Keys.Select(Path.GetFileName)!));
    }

    [Fact]
    public void OrgAndTargetMessages_WhenRead_ThenEachMessageLivesInOneFamily()
    {
        // Org problems (OrgProblemCode) live in Application's OrgMessages, target problems (TargetProblemCode) in the
        // domain's DomainMessages (Target_*): the web's org and target families show them through the codes and hold none
        // of their texts; the targets API's messages (TargetMessages) are not repeated by the /targets page (TargetsText).
        var families = Families().ToDictionary(f => Path.GetFileName(f.Key), f => f.Key);
        Dictionary<string, string> Texts(string family, Func<string, bool>? keys = null) =>
            Read(families[family] + ".resx").Where(t => keys?.Invoke(t.Key) ?? true).ToDictionary(t => family + "." + t.Key, t => t.Value);
        var codes = Texts("OrgMessages").Concat(Texts("DomainMessages", k => k.StartsWith("Target_", StringComparison.Ordinal))).ToList();
        Assert.True(codes.Count > 40, $"only {codes.Count} org and target messages found");

        var problems = new List<string>();
        void Compare(IEnumerable<KeyValuePair<string, string>> owned, Dictionary<string, string> other) =>
            problems.AddRange(other.SelectMany(o => owned.Where(c => c.Value == o.Value).Select(c => $"{o.Key} repeats {c.Key}: {o.Value}")));
        foreach (var family in (string[])["OrgText", "TargetMessages", "TargetsText"])
        {
            Compare(codes, Texts(family));
        }

        Compare(Texts("TargetMessages"), Texts("TargetsText"));
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void EveryFamilyTheWebHostLoads_WhenReadAtRunTime_ThenEveryKeyNonEmptyInZhCnEnAndZhTw()
    {
        Assembly[] assemblies = [typeof(Program).Assembly, typeof(Jixiao.Application.Persistence.JixiaoDbContext).Assembly,
            typeof(Jixiao.Domain.Localization.Text).Assembly, typeof(Languages).Assembly];
        var problems = new List<string>();
        var checkedKeys = 0;
        foreach (var assembly in assemblies)
        {
            Assert.Equal("zh-CN", assembly.GetCustomAttribute<NeutralResourcesLanguageAttribute>()?.CultureName);
            foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".resources", StringComparison.Ordinal)))
            {
                var baseName = resource[..^".resources".Length];
                var manager = new ResourceManager(baseName, assembly);
                var neutral = manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
                var keys = neutral.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).ToList();
                foreach (var culture in Languages.Names.Select(CultureInfo.GetCultureInfo))
                {
                    // en and zh-TW from their own satellite assembly, not by falling back to the Chinese neutral text.
                    var own = culture.Name == "zh-CN" ? neutral : manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
                    foreach (var key in keys)
                    {
                        checkedKeys++;
                        if (string.IsNullOrWhiteSpace(own?.GetString(key)) || string.IsNullOrWhiteSpace(manager.GetString(key, culture)))
                        {
                            problems.Add($"{baseName}.{key}: missing or empty in {culture.Name}");
                        }
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        // Every key of every family of these four projects' source files was checked, in three languages.
        string[] projects = ["Jixiao.Web", "Jixiao.Application", "Jixiao.Domain", "Jixiao.Formulas"];
        var inSource = Families().Where(f => projects.Contains(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(f.Key)))))
            .Sum(f => Read(f.Key + ".resx").Count);
        Assert.Equal(inSource * 3, checkedKeys);
    }

    [Theory]
    [InlineData("zh-CN", "zh-CN")]
    [InlineData("zh", "zh-CN")]
    [InlineData("zh-Hans", "zh-CN")]
    [InlineData("zh-SG", "zh-CN")]
    [InlineData("zh-TW", "zh-TW")]
    [InlineData("zh-HK", "zh-TW")]
    [InlineData("zh-Hant-HK", "zh-TW")]
    [InlineData("zh_TW.UTF-8", "zh-TW")]
    [InlineData("en", "en")]
    [InlineData("en-US", "en")]
    [InlineData("fr-FR", null)]
    [InlineData("", null)]
    public void Match_WhenLanguageTag_ThenOneOfTheThreeOrNone(string tag, string? expected)
    {
        Assert.Equal(expected, Languages.Match(tag)?.Name);
        Assert.Equal(expected ?? "zh-CN", Languages.ForTag(tag).Name);
    }
}
