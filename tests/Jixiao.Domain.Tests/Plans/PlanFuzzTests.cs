using System.Globalization;
using System.Text;
using CsCheck;
using Jixiao.Domain.Plans;
using Jixiao.TestSupport;

namespace Jixiao.Domain.Tests.Plans;

/// <summary>
/// Malformed plan YAML, generated: the loader answers every input with a plan or with problems that have a position
/// and a message in each language, and never throws. Short by default; JIXIAO_FUZZ_SECONDS=N for a long run.
/// </summary>
public class PlanFuzzTests
{
    private static readonly CultureInfo[] Cultures = [CultureInfo.GetCultureInfo("zh-CN"), CultureInfo.GetCultureInfo("en"), CultureInfo.GetCultureInfo("zh-TW")];

    private static readonly string Template = File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "templates", "4s-dealership.yaml"));

    /// <summary>Pieces of YAML syntax and of plan vocabulary, including the nasty ones (BOM, CRLF, tabs, tags, anchors).</summary>
    private static readonly string[] Pieces =
    [
        "[", "]", "{", "}", ":", ": ", "- ", ", ", "? ", "&a ", "*a", "&b ", "*b", "|", ">-", "'", "\"", "# c", "\n", "\r\n", "  ", "\t",
        "\uFEFF", "!!str ", "!!map ", "~", "---\n", "...\n", "%YAML 1.2\n", "plan", "code", "name", "metrics", "scorecards", "pay",
        "source", "sales", "formula", "(", ")", "1e30", "-1", "2026-02-30", "9999999999999999999999999999", "中文", "\u0000", "\\",
    ];

    private static readonly Gen<string> Soup = Gen.Int[0, Pieces.Length - 1].Array[0, 200].Select(ix => string.Concat(ix.Select(i => Pieces[i])));

    /// <summary>The 4S template with a few pieces inserted or a few characters cut out.</summary>
    private static readonly Gen<string> Mutated = Gen.Select(Gen.Int[0, Template.Length].Array[1, 6], Gen.Int[0, Pieces.Length - 1].Array[6], Gen.Bool.Array[6],
        (at, piece, cut) =>
        {
            var s = new StringBuilder(Template);
            for (var k = 0; k < at.Length; k++)
            {
                var i = Math.Min(at[k], s.Length);
                if (cut[k])
                {
                    s.Remove(i, Math.Min(5, s.Length - i));
                }
                else
                {
                    s.Insert(i, Pieces[piece[k]]);
                }
            }

            return s.ToString();
        });

    private static void AssertAnswered(string yaml)
    {
        var result = PlanLoader.Load(yaml, "fuzz.yaml");
        Assert.True(result.Ok || result.Errors.Any(), "no plan and no error");
        foreach (var p in result.Problems)
        {
            Assert.True(p.Line >= 1 && p.Column >= 1, $"{p.Code} at {p.Line}:{p.Column}");
            foreach (var culture in Cultures)
            {
                var message = p.Message(culture);
                Assert.False(message.StartsWith("Plan_", StringComparison.Ordinal), $"no text for {p.Code}");
                Assert.DoesNotContain("{0}", message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Load_WhenSyntaxSoup_ThenPlanOrLocatedProblemsNeverAThrow() =>
        Soup.Sample(AssertAnswered, seed: Fuzz.Seed, iter: Fuzz.Iter(2_000), time: Fuzz.Time);

    [Fact]
    public void Load_WhenTemplateMutated_ThenPlanOrLocatedProblemsNeverAThrow() =>
        Mutated.Sample(AssertAnswered, seed: Fuzz.Seed, iter: Fuzz.Iter(300), time: Fuzz.Time);

    public static TheoryData<string> Corpus() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "corpus", "plans")).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Load_WhenCorpusFile_ThenTheProblemItsNameSays(string name)
    {
        // tests/corpus/plans: each file's name starts with the code of its first problem.
        var result = PlanLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "corpus", "plans", name));

        Assert.Null(result.Plan);
        Assert.Equal(Enum.Parse<PlanProblemCode>(name.Split('.')[0]), result.Problems[0].Code);
        AssertAnswered(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "corpus", "plans", name)));
    }

    [Fact]
    public void Load_WhenNestedAtRandom_ThenTooDeepExactlyWhenDeeperThanTheLimit()
    {
        // Each level opens a flow list, a flow mapping or a block list on its own line.
        var opens = Gen.Int[0, 2].Array[1, 200];
        opens.Sample(levels =>
        {
            var yaml = new StringBuilder();
            var closes = new Stack<string>();
            var block = 0;
            foreach (var kind in levels)
            {
                if (kind != 2 && closes.Count == 0)
                {
                    // The first flow collection sits in the innermost block list item.
                    yaml.Append(' ', block * 2);
                }

                switch (kind)
                {
                    case 0:
                        yaml.Append('[');
                        closes.Push("]");
                        break;
                    case 1:
                        yaml.Append("{k: ");
                        closes.Push("}");
                        break;
                    default:
                        if (closes.Count > 0)
                        {
                            // Block lists cannot appear inside flow collections: keep flow from here on.
                            yaml.Append('[');
                            closes.Push("]");
                        }
                        else
                        {
                            yaml.Append(' ', block * 2).Append("-\n");
                            block++;
                        }

                        break;
                }
            }

            yaml.Append(' ', closes.Count == 0 ? block * 2 : 0).Append('x');
            yaml.Append(string.Concat(closes)).Append('\n');
            var tooDeep = PlanLoader.Load(yaml.ToString(), "n.yaml").Problems.Any(p => p.Code == PlanProblemCode.YamlTooDeep);
            Assert.Equal(levels.Length > YamlLimits.Default.MaxDepth, tooDeep);
        }, seed: Fuzz.Seed, iter: Fuzz.Iter(500), time: Fuzz.Time);
    }
}
