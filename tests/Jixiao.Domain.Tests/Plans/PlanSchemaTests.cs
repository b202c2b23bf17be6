using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Plans;
using Jixiao.Domain.Scoring;
using Json.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Jixiao.Domain.Tests.Plans;

/// <summary>
/// docs/plan.schema.json and PlanLoader must agree: every bundled template and the example in
/// docs/plan-format.md pass both, and typical mistakes fail both.
/// </summary>
public partial class PlanSchemaTests
{
    private const string ExampleBegin = "<!-- example-plan:begin -->";
    private const string ExampleEnd = "<!-- example-plan:end -->";

    private static readonly Lazy<string> Root = new(PlanLoaderTests.RepoRoot);

    // Built once: JsonSchema.Net registers a built schema under its $id, and a private registry keeps
    // test runs independent of the global one.
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(SchemaPath), new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    private static string SchemaPath => Path.Combine(Root.Value, "docs", "plan.schema.json");

    /// <summary>Every templates/*.yaml, so templates added later are checked without touching this test.</summary>
    public static TheoryData<string> Templates() => [.. TemplateFiles()];

    private static List<string> TemplateFiles() =>
    [
        .. Directory.GetFiles(Path.Combine(PlanLoaderTests.RepoRoot(), "templates"), "*.yaml")
            .Select(f => Path.GetFileName(f))
            .Order(StringComparer.Ordinal),
    ];

    [Fact]
    public void Schema_WhenCheckedAgainstDraft202012_ThenValid()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SchemaPath));
        var results = MetaSchemas.Draft202012.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        Assert.True(results.IsValid, string.Join("\n", Messages(results)));
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", doc.RootElement.GetProperty("$schema").GetString());
    }

    [Fact]
    public void Templates_WhenListed_ThenAtLeastTheDealershipTemplate()
    {
        Assert.Contains("4s-dealership.yaml", TemplateFiles());
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_WhenValidatedAndLoaded_ThenNoErrors(string file)
    {
        var yaml = File.ReadAllText(Path.Combine(Root.Value, "templates", file));
        AssertValid(yaml, file);
    }

    [Fact]
    public void DocExample_WhenValidatedAndLoaded_ThenNoErrors()
    {
        AssertValid(DocExample(), "plan-format.md example");
    }

    [Fact]
    public void DocExample_WhenLoaded_ThenHasNoWarningsAndUsesEveryRuleAndKind()
    {
        var r = PlanLoader.Load(DocExample(), "example.yaml");
        Assert.True(r.Ok);
        Assert.Empty(r.Warnings);
        var rules = r.Plan!.Scorecards.SelectMany(s => s.Indicators).SelectMany(i => Flatten(i.Rule)).Select(x => x.GetType().Name).ToHashSet();
        Assert.Equal(["BandsRule", "DeductionRule", "FormulaRule", "RatingRule", "RatioRule", "SumOfPartsRule"], rules.Order(StringComparer.Ordinal));
        Assert.Equal(Enum.GetValues<PayKind>().Length, r.Plan.Pay.Select(p => p.Kind).Distinct().Count());
        Assert.Equal(Enum.GetValues<MetricSource>().Length, r.Plan.Metrics.Select(m => m.Source).Distinct().Count());
    }

    private static IEnumerable<ScoringRule> Flatten(ScoringRule rule) =>
        rule is SumOfPartsRule sum ? sum.Parts.SelectMany(p => Flatten(p.Rule)).Prepend(rule) : [rule];

    private const string Valid = """
        plan: { code: t, name: 测试 }
        metrics:
          revenue: { source: sales, field: amount }
          complaints: { source: activities, kinds: complaint, direction: lower }
        scorecards:
          s:
            periods: [month]
            indicators:
              - { code: a, points: 75, rule: ratio, metric: revenue, cap: 120% }
              - { code: b, points: "25", rule: deduction, metric: complaints, per_event: 5, category: process }
        pay:
          - { code: p, kind: over_target, periods: month, metric: revenue, threshold: 10%, rate: 2% }
        evaluation: { self_assessment_days: 2, verification: yes, publication_days: 3 }
        """;

    [Fact]
    public void SmallPlan_WhenNumbersArePercentOrQuoted_ThenBothAccept()
    {
        AssertValid(Valid, "small plan");
    }

    [Theory]
    [InlineData("rule: deduction", "rule: magic", PlanProblemCode.InvalidChoice, "/scorecards/s/indicators/1/rule")]
    [InlineData("points: 75, ", "", PlanProblemCode.MissingKey, "/scorecards/s/indicators/0")]
    [InlineData("category: process", "category: process, colour: red", PlanProblemCode.UnknownKey, "/scorecards/s/indicators/1/colour")]
    [InlineData("scorecards:", "owner: hr\nscorecards:", PlanProblemCode.UnknownKey, "/owner")]
    [InlineData("revenue: { source: sales,", "Revenue: { source: sales,", PlanProblemCode.InvalidCode, "/metrics/Revenue")]
    [InlineData("kinds: complaint,", "kinds: complaint, field: amount,", PlanProblemCode.FieldNotForSource, "/metrics/complaints/field")]
    [InlineData("cap: 120%", "cap: 0", PlanProblemCode.OutOfRange, "/scorecards/s/indicators/0/cap")]
    [InlineData("threshold: 10%, rate: 2%", "threshold: 10%", PlanProblemCode.MissingKey, "/pay/0")]
    [InlineData("periods: [month]", "periods: [week]", PlanProblemCode.InvalidChoice, "/scorecards/s/periods")]
    [InlineData("publication_days: 3", "publication_days: 0", PlanProblemCode.OutOfRange, "/evaluation/publication_days")]
    [InlineData("self_assessment_days: 2", "self_assessment_days: 61", PlanProblemCode.OutOfRange, "/evaluation/self_assessment_days")]
    [InlineData("verification: yes", "verification: sometimes", PlanProblemCode.ExpectedBoolean, "/evaluation/verification")]
    [InlineData("publication_days: 3 }", "publication_days: 3, appeal_days: 5 }", PlanProblemCode.UnknownKey, "/evaluation/appeal_days")]
    public void InvalidPlan_WhenValidatedAndLoaded_ThenBothReject(string find, string replace, PlanProblemCode loaderCode, string location)
    {
        Assert.Contains(find, Valid, StringComparison.Ordinal);
        var yaml = Valid.Replace(find, replace, StringComparison.Ordinal);

        var schemaErrors = SchemaErrors(yaml);
        Assert.NotEmpty(schemaErrors);
        Assert.Contains(schemaErrors, e => e.StartsWith(location + " ", StringComparison.Ordinal));

        var loaded = PlanLoader.Load(yaml, "invalid.yaml");
        Assert.False(loaded.Ok);
        Assert.Contains(loaderCode, loaded.Errors.Select(e => e.Code));
    }

    [Fact]
    public void YamlToJson_WhenScalarsArePlainOrQuoted_ThenPlainNumbersAndBooleansAreTyped()
    {
        var json = YamlToJson("""
            a: 12
            b: -1.50
            c: "12"
            d: 60%
            e: true
            f: yes
            g: 2026-01-01
            h: ~
            i: [1, x]
            j: 1_000
            """);
        Assert.Equal("""{"a":12,"b":-1.50,"c":"12","d":"60%","e":true,"f":"yes","g":"2026-01-01","h":null,"i":[1,"x"],"j":"1_000"}""", json.GetRawText());
    }

    private static void AssertValid(string yaml, string what)
    {
        var schemaErrors = SchemaErrors(yaml);
        Assert.True(schemaErrors.Count == 0, what + " fails the schema:\n" + string.Join("\n", schemaErrors));

        var r = PlanLoader.Load(yaml, what);
        Assert.True(r.Ok, what + " fails to load:\n" + string.Join("\n", r.Errors.Select(p => p.Format(CultureInfo.InvariantCulture))));
    }

    /// <summary>The YAML between the example markers of docs/plan-format.md, without the code fence.</summary>
    internal static string DocExample()
    {
        var md = File.ReadAllText(Path.Combine(Root.Value, "docs", "plan-format.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var begin = md.IndexOf(ExampleBegin, StringComparison.Ordinal);
        var end = md.IndexOf(ExampleEnd, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, "example markers not found in docs/plan-format.md");
        var lines = md[(begin + ExampleBegin.Length)..end].Split('\n').ToList();
        var open = lines.FindIndex(l => l.StartsWith("```", StringComparison.Ordinal));
        var close = lines.FindLastIndex(l => l.StartsWith("```", StringComparison.Ordinal));
        Assert.True(open >= 0 && close > open, "the example is not a fenced code block");
        return string.Join("\n", lines.Skip(open + 1).Take(close - open - 1)) + "\n";
    }

    private static List<string> SchemaErrors(string yaml)
    {
        var results = Schema.Value.Evaluate(YamlToJson(yaml), new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        return results.IsValid ? [] : Messages(results);
    }

    // Walks only failed nodes: a failed branch of a passing anyOf, or a failed "if", is not an error.
    private static List<string> Messages(EvaluationResults results)
    {
        var messages = new List<string>();
        Collect(results);
        return messages;

        void Collect(EvaluationResults r)
        {
            if (r.IsValid)
            {
                return;
            }

            foreach (var (keyword, message) in r.Errors ?? new Dictionary<string, string>())
            {
                messages.Add($"{r.InstanceLocation} {keyword}: {message} (schema {r.EvaluationPath})");
            }

            foreach (var d in r.Details ?? [])
            {
                Collect(d);
            }
        }
    }

    /// <summary>
    /// Converts a YAML document to JSON the way a YAML 1.2 editor sees it: a plain (unquoted) scalar is a
    /// number when it is a decimal without exponent, a boolean for true/false, null for ~/null/empty,
    /// and a string otherwise; quoted and block scalars are always strings.
    /// </summary>
    internal static JsonElement YamlToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var node = ToJson(stream.Documents[0].RootNode);
        return JsonSerializer.SerializeToElement(node);
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(Key(kv.Key), ToJson(kv.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(ToJson)]),
        YamlScalarNode s => Scalar(s),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static string Key(YamlNode key) => key is YamlScalarNode s ? s.Value ?? "" : key.ToString();

    private static JsonValue? Scalar(YamlScalarNode s)
    {
        var text = s.Value ?? "";
        if (s.Style != ScalarStyle.Plain || !s.Tag.IsEmpty)
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        return PlainNumber().IsMatch(text)
            ? JsonValue.Create(decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture))
            : JsonValue.Create(text);
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainNumber();
}
