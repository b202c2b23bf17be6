using System.Globalization;
using System.Text;
using Jixiao.Domain.Plans;

namespace Jixiao.Domain.Tests.Plans;

public class YamlLimitsTests
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Tw = CultureInfo.GetCultureInfo("zh-TW");

    private static string Flow(int depth) => new string('[', depth) + new string(']', depth) + "\n";

    [Theory]
    [InlineData(30_000)]
    [InlineData(65)]
    public void Load_WhenFlowListsNestedBeyondMaxDepth_ThenTooDeepAtTheFirstLevelBeyond(int depth)
    {
        // 30,000 levels overflowed the stack and ended the process (issue 13); now the load stops at level 65.
        var result = PlanLoader.Load(Flow(depth), "deep.yaml");

        Assert.Null(result.Plan);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((PlanProblemCode.YamlTooDeep, 1, 65), (problem.Code, problem.Line, problem.Column));
        Assert.Equal("deep.yaml:1:65: 错误: 此处列表和映射嵌套过深：最多 64 层（文件未继续读取）", problem.Format(Zh));
        Assert.Equal("deep.yaml:1:65: error: lists and mappings are nested too deeply here: at most 64 levels (the file was not read further)", problem.Format(En));
        Assert.Equal("deep.yaml:1:65: 錯誤: 此處列表和對映巢狀過深：最多 64 層（檔案未繼續讀取）", problem.Format(Tw));
    }

    [Fact]
    public void Load_WhenNestedExactlyMaxDepth_ThenNoLimitProblemButTheUsualOnes()
    {
        var result = PlanLoader.Load(Flow(64), "deep.yaml");

        Assert.DoesNotContain(result.Problems, p => p.Code is PlanProblemCode.YamlTooLarge or PlanProblemCode.YamlTooDeep or PlanProblemCode.YamlTooManyNodes);
        Assert.Equal(PlanProblemCode.ExpectedMapping, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Load_WhenNestedAMillionLevels_ThenTooLargeBeforeReading()
    {
        // 2,000,001 characters: refused by size at the first character beyond the limit.
        var result = PlanLoader.Load(Flow(1_000_000), "deep.yaml");

        var problem = Assert.Single(result.Problems);
        Assert.Equal((PlanProblemCode.YamlTooLarge, 1, 1_000_001), (problem.Code, problem.Line, problem.Column));
        Assert.Equal("文件太大：方案最多 1,000,000 个字符（其余部分未读取）", problem.Message(Zh));
    }

    [Fact]
    public void Find_WhenAMillionLevelsWithinALargerSizeLimit_ThenTooDeep()
    {
        var problem = new YamlLimits(MaxChars: 3_000_000).Find(Flow(1_000_000), "deep.yaml");

        Assert.Equal((PlanProblemCode.YamlTooDeep, 1, 65), (problem?.Code, problem?.Line, problem?.Column));
    }

    [Fact]
    public void Load_WhenBlockListsNestedOnOneLine_ThenTooDeep()
    {
        // "- - - x": two characters per level, the block-style twin of [[[x]]].
        var result = PlanLoader.Load(string.Concat(Enumerable.Repeat("- ", 30_000)) + "x\n", "deep.yaml");

        Assert.Equal((PlanProblemCode.YamlTooDeep, 1, 129), (result.Problems[0].Code, result.Problems[0].Line, result.Problems[0].Column));
    }

    [Fact]
    public void Load_WhenMappingsIndentedBeyondMaxDepth_ThenTooDeepOnTheLineOfTheLevelBeyond()
    {
        var yaml = new StringBuilder();
        for (var i = 0; i < 70; i++)
        {
            yaml.Append(' ', i).Append('k').Append(i).Append(":\n");
        }

        yaml.Append(' ', 70).Append("v: 1\n");
        var problem = Assert.Single(PlanLoader.Load(yaml.ToString(), "deep.yaml").Problems);

        // The 65th mapping starts at the key of line 65, indented 64.
        Assert.Equal((PlanProblemCode.YamlTooDeep, 65, 65), (problem.Code, problem.Line, problem.Column));
    }

    [Fact]
    public void Load_WhenAliasBomb_ThenTooManyNodesAtTheAliasThatPassesTheLimit()
    {
        var yaml = new StringBuilder("plan:\n  code: bomb\n  name: bomb\n  description:\n");
        yaml.Append("    l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 10; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"    l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 9))}]\n");
        }

        // Today's loader shares aliased nodes and walks only the shapes it expects, so this costs it nothing yet; any
        // code that walks the whole tree (a JSON conversion, a schema check) would visit 9⁹ values.
        yaml.Append("metrics:\n  ? *l9\n  : { source: sales }\n");

        var result = PlanLoader.Load(yaml.ToString(), "bomb.yaml");

        Assert.Null(result.Plan);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(PlanProblemCode.YamlTooManyNodes, problem.Code);
        Assert.Equal(11, problem.Line);
        Assert.Equal("bomb.yaml:11:14: error: too many values once aliases (*name) are expanded: at most 1,000,000 (the file was not read further)",
            problem.Format(En));
    }

    [Fact]
    public void Load_WhenAliasesReuseATableModestly_ThenLoadsAsWithout()
    {
        const string Card = """
            plan: { code: p, name: 方案 }
            metrics:
              revenue: { source: sales, aggregate: sum, field: amount }
            grade_scales:
              g: &scale
                - { grade: A, from: 80, coefficient: 1 }
                - { grade: B, from: 0, coefficient: 0.5 }
              h: *scale
            scorecards:
              s:
                periods: month
                grade_scale: g
                indicators:
                  - { code: a, points: 100, rule: ratio, metric: revenue }
            """;

        var result = PlanLoader.Load(Card, "p.yaml");

        Assert.True(result.Ok, string.Join("; ", result.Problems.Select(p => p.Format(En))));
        Assert.Equal(2, result.Plan!.GradeScales.Count);
    }

    [Fact]
    public void Load_WhenTooLargeOnALaterLine_ThenPointsAtTheFirstCharacterBeyond()
    {
        var limits = new YamlLimits(MaxChars: 10);

        var problem = limits.Find("a: 1\nb: 22\nc: 3\n", "p.yaml");

        Assert.Equal((PlanProblemCode.YamlTooLarge, 2, 6), (problem?.Code, problem?.Line, problem?.Column));
        Assert.Null(limits.Find("a: 1\nb: 22", "p.yaml"));
    }

    [Fact]
    public void LoadFile_WhenFileIsLarge_ThenTooLargeWithoutReadingItAll()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "plan:\n  description: \"" + new string('x', 5_000_000) + "\"\n");

            var problem = Assert.Single(PlanLoader.LoadFile(path).Problems);

            Assert.Equal((PlanProblemCode.YamlTooLarge, 2, 999_995), (problem.Code, problem.Line, problem.Column));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("? : ]", 1, 3)]
    [InlineData("- : ,", 1, 3)]
    [InlineData("plan:\n  ? : !!str ", 2, 5)]
    public void Load_WhenParserGivesAKeyWithoutValue_ThenSyntaxProblemNotAThrow(string yaml, int line, int column)
    {
        // Found by PlanFuzzTests: YamlDotNet's parser accepts these, its node tree then threw ArgumentException (a 500).
        var problem = Assert.Single(PlanLoader.Load(yaml, "k.yaml").Problems);

        Assert.Equal((PlanProblemCode.YamlKeyWithoutValue, line, column), (problem.Code, problem.Line, problem.Column));
        Assert.Equal($"k.yaml:{line}:{column}: 错误: YAML 语法错误：此映射中有键没有值", problem.Format(Zh));
    }

    [Fact]
    public void Load_WhenBracketNeverClosed_ThenReportedWhereItOpens()
    {
        // Issue 12: an unclosed "[" is reported on the line where it begins, the end of the file as context (the
        // parser itself gives up only at line 3, the end).
        var problem = Assert.Single(PlanLoader.Load("plan:\n  code: [x\n", "bad.yaml").Problems);

        Assert.Equal((PlanProblemCode.YamlUnclosed, 2, 9), (problem.Code, problem.Line, problem.Column));
        Assert.Equal("bad.yaml:2:9: 错误: YAML 语法错误：此处开始的“[”没有对应的“]”（到第 3 行第 1 列仍未闭合）", problem.Format(Zh));
        Assert.Equal("bad.yaml:2:9: error: YAML syntax error: the “[” that starts here has no matching “]” (still open at line 3, column 1)", problem.Format(CultureInfo.InvariantCulture));
    }

    [Theory]
    // The scanner gives up while looking ahead, before the "[" is an event of its own: found by matching brackets.
    [InlineData("plan:\n  code: p\nscorecards:\n  a:\n    parts:\n      - [ name: x, rule: ratio\n      - { name: y }\nother: 1\n", 6, 9, "[")]
    [InlineData("plan:\n  code: p\nscorecards:\n  a:\n    parts:\n      - { name: x } [unclosed\n      - { name: y }\n", 6, 21, "[")]
    [InlineData("plan:\n  code: p\nscorecards:\n  a:\n    parts:\n      - { name: \"a [quoted\" } # a [comment\n      - { name: y\n", 7, 9, "{")]
    public void Load_WhenScannerGivesUpBeforeTheBracket_ThenReportedWhereItOpensNeverInEnglishOfDotNet(string yaml, int line, int column, string bracket)
    {
        var problem = Assert.Single(PlanLoader.Load(yaml, "bad.yaml").Problems);

        Assert.Equal((PlanProblemCode.YamlUnclosed, line, column), (problem.Code, problem.Line, problem.Column));
        Assert.Contains($"此处开始的“{bracket}”没有对应的", problem.Format(Zh), StringComparison.Ordinal);
        Assert.DoesNotContain("Operation is not valid", problem.Format(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhenBracketUnclosedBeforeMoreKeys_ThenReportedWhereItOpens()
    {
        var yaml = "plan:\n  code: p\nmetrics:\n  sales: { source: sales, periods: [month, quarter\nscorecards:\n  a:\n    name: b\n";
        var problem = Assert.Single(PlanLoader.Load(yaml, "bad.yaml").Problems);

        Assert.Equal((PlanProblemCode.YamlUnclosed, 4, 36), (problem.Code, problem.Line, problem.Column));
    }

    [Fact]
    public void Load_WhenSyntaxErrorOnTheBracketsLine_ThenTheParsersOwnPlace()
    {
        var problem = Assert.Single(PlanLoader.Load("plan:\n  code: [x, y: z: w]\n", "bad.yaml").Problems);

        Assert.Equal(PlanProblemCode.YamlSyntax, problem.Code);
        Assert.Equal(2, problem.Line);
    }

    [Fact]
    public void Templates_WhenChecked_ThenWellWithinTheLimits()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "templates");
        var files = Directory.GetFiles(folder, "*.yaml");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var yaml = File.ReadAllText(file);
            Assert.Null(new YamlLimits(MaxDepth: 7).Find(yaml, file));
            Assert.Equal(PlanProblemCode.YamlTooDeep, new YamlLimits(MaxDepth: 6).Find(yaml, file)?.Code);
        }
    }
}
