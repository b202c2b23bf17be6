using Jixiao.Domain.Scoring;
using YamlDotNet.RepresentationModel;

namespace Jixiao.Templates.Tests;

/// <summary>
/// Every bundled template names each of its items in English too (issue 12: plan data in the reader's language): every
/// mapping of the YAML with a <c>name</c> has a non-empty <c>name_en</c>, and the loaded plan carries them (metrics,
/// scorecards, indicators, parts, pay components).
/// </summary>
public sealed class EnglishNamesTests
{
    private static string[] Names() =>
        [.. Directory.GetFiles(Path.Combine(TemplateRuns.RepoRoot(), "templates"), "*.yaml").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> Bundled() => new(Names());

    [Fact]
    public void The_three_templates_are_bundled() =>
        Assert.Equal(["4s-dealership", "incentive-toolkit", "logistics-a-to-f"], Names());

    [Theory]
    [MemberData(nameof(Bundled))]
    public void Every_named_item_of_the_yaml_has_an_english_name(string template)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(Path.Combine(TemplateRuns.RepoRoot(), "templates", template + ".yaml")))
        {
            yaml.Load(reader);
        }

        var named = new List<string>();
        var missing = new List<string>();
        Walk(yaml.Documents[0].RootNode, template, named, missing);

        Assert.True(named.Count > 20, $"{template}: only {named.Count} named items found");
        Assert.True(missing.Count == 0, $"{template}: no name_en at\n" + string.Join("\n", missing));
    }

    [Theory]
    [MemberData(nameof(Bundled))]
    public void The_loaded_plan_carries_the_english_names(string template)
    {
        var plan = TemplateRuns.Plan(template);

        Assert.NotNull(plan.NameEn);
        Assert.All(plan.Metrics.Where(m => m.Name.Length > 0), m => Assert.False(string.IsNullOrWhiteSpace(m.NameEn), $"metric {m.Code}"));
        Assert.All(plan.Scorecards, c => Assert.False(string.IsNullOrWhiteSpace(c.NameEn), $"scorecard {c.Code}"));
        Assert.All(plan.Scorecards.SelectMany(c => c.Indicators), i => Assert.False(string.IsNullOrWhiteSpace(i.NameEn), $"indicator {i.Code}"));
        Assert.All(plan.Scorecards.SelectMany(c => c.Indicators).Select(i => i.Rule).OfType<SumOfPartsRule>().SelectMany(r => r.Parts),
            p => Assert.False(string.IsNullOrWhiteSpace(p.NameEn), $"part {p.Name}"));
        Assert.All(plan.Pay, c => Assert.False(string.IsNullOrWhiteSpace(c.NameEn), $"pay component {c.Code}"));
    }

    private static void Walk(YamlNode node, string path, List<string> named, List<string> missing)
    {
        switch (node)
        {
            case YamlMappingNode map:
                if (map.Children.TryGetValue(new YamlScalarNode("name"), out var name) && name is YamlScalarNode { Value: { Length: > 0 } })
                {
                    named.Add(path);
                    if (!map.Children.TryGetValue(new YamlScalarNode("name_en"), out var en) || en is not YamlScalarNode { Value: { Length: > 0 } })
                    {
                        missing.Add($"{path} (line {map.Start.Line}): {((YamlScalarNode)name).Value}");
                    }
                }

                foreach (var (key, value) in map.Children)
                {
                    Walk(value, path + "/" + ((key as YamlScalarNode)?.Value ?? "?"), named, missing);
                }

                break;
            case YamlSequenceNode list:
                var index = 0;
                foreach (var item in list.Children)
                {
                    Walk(item, $"{path}[{index++}]", named, missing);
                }

                break;
        }
    }
}
