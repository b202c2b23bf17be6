using System.Globalization;
using System.Text.Json;

namespace Jixiao.Cli.Tests;

public class CliTests
{
    public static TheoryData<string> TemplateNames => ["4s-dealership", "incentive-toolkit", "logistics-a-to-f"];

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void Validate_WhenTemplate_ThenExitZeroAndSaysValid(string name)
    {
        var run = CliRunner.Run("validate", "--plan", CliRunner.Template(name), "--lang", "en");
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains("is valid", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenTemplateNameGiven_ThenBundledCopyIsUsed()
    {
        var run = CliRunner.Run("validate", "--plan", "4s-dealership");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("校验通过", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenPlanBroken_ThenExit2AndEveryProblemWithPosition()
    {
        using var dir = new TempDir();
        var path = dir.File("bad.yaml");
        File.WriteAllText(path, """
            plan: { code: bad, name: 坏方案 }
            metrics:
              revenue: { source: sales, aggregate: sum, field: amount }
            scorecards:
              s:
                periods: month
                indicators:
                  - { code: a, points: 60, rule: ratio, metric: revenu }
                  - { code: b, points: 30, rule: formula, formula: "revenue * (" }
            """);
        var run = CliRunner.Run("validate", "--plan", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("bad.yaml:8:53: 错误: scorecards.s.a：未定义指标数据“revenu”", run.Err, StringComparison.Ordinal);
        Assert.Contains("bad.yaml:9:68: 错误: scorecards.s.b：公式", run.Err, StringComparison.Ordinal);
        Assert.Contains("指标权重合计为 90", run.Err, StringComparison.Ordinal);
        Assert.Contains("发现 3 个错误，未进行任何计算", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WhenFileMissing_ThenExit2WithReason()
    {
        var run = CliRunner.Run("validate", "--plan", "/nonexistent/plan.yaml", "--lang", "en");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot read the plan file", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Calc_When4sMonth_ThenTablesForSalespeopleAndSupervisors()
    {
        var run = CliRunner.Run("calc", "--plan", CliRunner.Template("4s-dealership"), "--data", CliRunner.TemplateData("4s-dealership"), "--period", "2026-10");
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains("销售人员考核表", run.Out, StringComparison.Ordinal);
        Assert.Contains("销售主管考核表", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("销售经理考核表", run.Out, StringComparison.Ordinal);   // quarterly
        // A table's title is the scorecard's name, never its code (as the web shows it).
        Assert.Contains("销售人员考核表 — 2026-10", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("salesperson", run.Out, StringComparison.Ordinal);
        Assert.Contains("已计算", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Calc_WhenAGeneralManagerIsNotAssessed_ThenListedAsSuchAndNotAsAnError()
    {
        var dir = Directory.CreateTempSubdirectory("jixiao-g01-");
        try
        {
            foreach (var file in Directory.GetFiles(CliRunner.TemplateData("4s-dealership")))
            {
                File.Copy(file, Path.Combine(dir.FullName, Path.GetFileName(file)));
            }

            File.AppendAllText(Path.Combine(dir.FullName, "employees.csv"), "G01,王总,STORE,,general_manager,,manager,,2015-01-01,\n");
            var run = CliRunner.Run("calc", "--plan", CliRunner.Template("4s-dealership"), "--data", dir.FullName, "--period", "2026-10");
            Assert.True(run.ExitCode == 0, run.Err);
            Assert.Contains("以下 1 人的岗位在方案中设为不考核（不是错误）：\n  G01 王总（总经理）", run.Err.ReplaceLineEndings("\n"), StringComparison.Ordinal);
            Assert.DoesNotContain("以下人员无法计算", run.Err, StringComparison.Ordinal);

            var json = CliRunner.Run("calc", "--plan", CliRunner.Template("4s-dealership"), "--data", dir.FullName, "--period", "2026-10", "--format", "json", "--lang", "en");
            Assert.True(json.ExitCode == 0, json.Err);
            var root = JsonDocument.Parse(json.Out).RootElement;
            Assert.Equal(["G01"], root.GetProperty("not_assessed").EnumerateArray().Select(e => e.GetString()));
            Assert.Empty(root.GetProperty("errors").EnumerateArray());
            Assert.Contains("1 people are not assessed: the plan marks their position so (not an error):", json.Err, StringComparison.Ordinal);
            Assert.Contains("G01 王总 (General manager)", json.Err, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Calc_WhenPlanHasACostControlPool_ThenTheCheckIsPrintedToTheCent()
    {
        // The variable pay of the period, from the JSON of the same plan without a pool: every pay line not forfeited and above zero.
        var json = CliRunner.Run("calc", "--plan", CliRunner.Template("4s-dealership"), "--data", CliRunner.TemplateData("4s-dealership"), "--period", "2026-10", "--format", "json");
        Assert.True(json.ExitCode == 0, json.Err);
        var total = JsonDocument.Parse(json.Out).RootElement.GetProperty("results").EnumerateArray()
            .SelectMany(r => r.GetProperty("pay").EnumerateArray())
            .Where(p => !(p.TryGetProperty("forfeited", out var f) && f.GetBoolean()))
            .Select(p => p.GetProperty("amount").GetDecimal()).Where(a => a > 0m).Sum();
        Assert.True(total > 1000m, $"variable pay {total}");
        static string Yuan(decimal d) => d.ToString("#,0.00", System.Globalization.CultureInfo.InvariantCulture);

        var dir = Directory.CreateTempSubdirectory("jixiao-cost-");
        try
        {
            var yaml = File.ReadAllText(CliRunner.Template("4s-dealership"));
            var over = Path.Combine(dir.FullName, "over.yaml");
            File.WriteAllText(over, yaml + "\ncost_control:\n  pool: { budget: 1000 }\n");
            var run = CliRunner.Run("calc", "--plan", over, "--data", CliRunner.TemplateData("4s-dealership"), "--period", "2026-10", "--lang", "en");
            Assert.True(run.ExitCode == 0, run.Err);
            Assert.Contains($"2026-10 cost control: variable pay totals {Yuan(total)} yuan, {Yuan(total - 1000m)} yuan over the pool of 1,000.00 yuan", run.Err, StringComparison.Ordinal);

            var within = Path.Combine(dir.FullName, "within.yaml");
            File.WriteAllText(within, yaml + "\ncost_control:\n  pool: { budget: 99999999 }\n");
            run = CliRunner.Run("calc", "--plan", within, "--data", CliRunner.TemplateData("4s-dealership"), "--period", "2026-10");
            Assert.True(run.ExitCode == 0, run.Err);
            Assert.Contains($"2026-10 成本控制：浮动薪酬合计 {Yuan(total)} 元，未超出奖金池 99,999,999.00 元。", run.Err, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void Calc_WhenJson_ThenShapeAndNumbersAsNumbers(string name)
    {
        var run = CliRunner.Run("calc", "--plan", CliRunner.Template(name), "--data", CliRunner.TemplateData(name), "--period", "2026-10", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Err);
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        Assert.Equal("2026-10", root.GetProperty("period").GetString());
        Assert.Equal(name, root.GetProperty("plan").GetString());
        var results = root.GetProperty("results");
        Assert.True(results.GetArrayLength() > 0);
        foreach (var r in results.EnumerateArray())
        {
            Assert.Equal(JsonValueKind.String, r.GetProperty("employee").ValueKind);
            Assert.Equal(JsonValueKind.Number, r.GetProperty("total").ValueKind);
            decimal sum = 0;
            foreach (var i in r.GetProperty("indicators").EnumerateArray())
            {
                Assert.Equal(JsonValueKind.String, i.GetProperty("code").ValueKind);
                sum += i.GetProperty("points").GetDecimal();
            }

            Assert.Equal(sum, r.GetProperty("total").GetDecimal());
            foreach (var p in r.GetProperty("pay").EnumerateArray())
            {
                var amount = p.GetProperty("amount").GetDecimal();
                Assert.Equal(decimal.Truncate(amount * 100m), amount * 100m);
            }
        }

        Assert.Equal(0, root.GetProperty("errors").GetArrayLength());
    }

    [Fact]
    public void Calc_WhenCsvToFile_ThenOneRowPerPersonAndNothingOnStdout()
    {
        using var dir = new TempDir();
        var path = dir.File("out.csv");
        var run = CliRunner.Run("calc", "--plan", CliRunner.Template("4s-dealership"), "--data", CliRunner.TemplateData("4s-dealership"), "--period", "2026-10", "--format", "csv", "--out", path);
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Equal("", run.Out);
        var lines = File.ReadAllLines(path);
        Assert.StartsWith("period,employee,name,org_unit,scorecard,", lines[0], StringComparison.Ordinal);
        Assert.Contains("total", lines[0].Split(','));
        Assert.True(lines.Length > 2);
        Assert.All(lines.Skip(1), l => Assert.StartsWith("2026-10,", l, StringComparison.Ordinal));
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void Calc_WhenExplain_ThenTreeWithSourceRows()
    {
        var json = CliRunner.Run("calc", "--plan", CliRunner.Template("4s-dealership"), "--data", CliRunner.TemplateData("4s-dealership"), "--period", "2026-10", "--format", "json");
        using var doc = JsonDocument.Parse(json.Out);
        var first = doc.RootElement.GetProperty("results").EnumerateArray().First(r => r.GetProperty("scorecard").GetString() == "salesperson");
        var id = first.GetProperty("employee").GetString()!;

        // Each actual and target says its unit (the plan's metric unit): 台 for vehicles, 元 for revenue and margin.
        var indicators = first.GetProperty("indicators").EnumerateArray().ToList();
        var sales = indicators.Single(i => i.GetProperty("code").GetString() == "sales");
        Assert.False(sales.TryGetProperty("unit", out _));
        Assert.Equal(["台", "元"], sales.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("unit").GetString()));
        Assert.Equal("元", indicators.Single(i => i.GetProperty("code").GetString() == "gross_margin").GetProperty("unit").GetString());

        var run = CliRunner.Run("calc", "--plan", CliRunner.Template("4s-dealership"), "--data", CliRunner.TemplateData("4s-dealership"), "--period", "2026-10", "--explain", id);
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains(id + " 的计算过程", run.Out, StringComparison.Ordinal);
        Assert.Contains("来源记录", run.Out, StringComparison.Ordinal);
        Assert.Contains("sales:", run.Out, StringComparison.Ordinal);
        // The formula's own trace only with --formula (the web's 公式 toggle).
        Assert.DoesNotContain("四舍五入", run.Out, StringComparison.Ordinal);
        var formula = CliRunner.Run("calc", "--plan", CliRunner.Template("4s-dealership"), "--data", CliRunner.TemplateData("4s-dealership"), "--period", "2026-10", "--explain", id, "--formula");
        Assert.True(formula.ExitCode == 0, formula.Err);
        Assert.Contains("公式：", formula.Out, StringComparison.Ordinal);
        Assert.Contains("四舍五入", formula.Out, StringComparison.Ordinal);

        var withJson = CliRunner.Run("calc", "--plan", CliRunner.Template("4s-dealership"), "--data", CliRunner.TemplateData("4s-dealership"), "--period", "2026-10", "--explain", id, "--format", "json", "--lang", "en");
        using var doc2 = JsonDocument.Parse(withJson.Out);
        var explained = doc2.RootElement.GetProperty("results").EnumerateArray().Single(r => r.TryGetProperty("explanation", out _));
        Assert.Equal(id, explained.GetProperty("employee").GetString());
        Assert.Equal("employee", explained.GetProperty("explanation").GetProperty("kind").GetString());
    }

    [Fact]
    public void Calc_WhenExplain_ThenEachSourceRowIsNamedByItsId()
    {
        // P02 sold XS-1001, -1005, -1007, -1011, -1015, -1019 in October and holds half of XS-1020 (credits.csv).
        var run = CliRunner.Run("calc", "--plan", CliRunner.Template("4s-dealership"), "--data", CliRunner.TemplateData("4s-dealership"), "--period", "2026-10", "--explain", "P02");
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains("来源记录（7 条）：sales:XS-1001, sales:XS-1005, sales:XS-1007, sales:XS-1011, sales:XS-1015, sales:XS-1019, sales:XS-1020 ×0.5", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("sales:,", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Calc_WhenExplain_ThenEachIndicatorIsASentenceWithItsSourceRows()
    {
        var json = CliRunner.Run("calc", "--plan", CliRunner.Template("4s-dealership"), "--data", CliRunner.TemplateData("4s-dealership"), "--period", "2026-10", "--format", "json");
        using var doc = JsonDocument.Parse(json.Out);
        var p01 = doc.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("employee").GetString() == "P01");
        var margin = p01.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "gross_margin");
        var (actual, target, achievement, points) = (margin.GetProperty("actual").GetDecimal(), margin.GetProperty("target").GetDecimal(),
            margin.GetProperty("achievement").GetDecimal(), margin.GetProperty("points").GetDecimal());
        // Below its target, so the points are the weight (20) times the achievement.
        Assert.True(achievement < 1m);
        Assert.Equal(Math.Round(20m * achievement, 2, MidpointRounding.AwayFromZero), points);
        static string N(decimal v, string f) => v.ToString(f, System.Globalization.CultureInfo.InvariantCulture);

        var zh = CliRunner.Run("calc", "--plan", CliRunner.Template("4s-dealership"), "--data", CliRunner.TemplateData("4s-dealership"), "--period", "2026-10", "--explain", "P01");
        var en = CliRunner.Run("calc", "--plan", CliRunner.Template("4s-dealership"), "--data", CliRunner.TemplateData("4s-dealership"), "--period", "2026-10", "--explain", "P01", "--lang", "en");

        Assert.True(zh.ExitCode == 0, zh.Err);
        Assert.Contains($"  销售毛利 {N(actual, "#,##0.####")} 元 ÷ 目标 {N(target, "#,##0.####")} 元 = {N(achievement * 100m, "#,##0.##")}%，× 20 分 = {N(points, "#,##0.##")} 分\n", zh.Out, StringComparison.Ordinal);
        Assert.Contains("    · 销售车辆数得分 ", zh.Out, StringComparison.Ordinal);
        Assert.Contains("    来源记录（", zh.Out, StringComparison.Ordinal);
        Assert.Contains("：sales:XS-", zh.Out, StringComparison.Ordinal);
        Assert.Contains("（加 --formula 可查看公式的计算过程）", zh.Out, StringComparison.Ordinal);
        // No code trace: neither "sales = 40.13 — 销售业绩" nor "ratio = … min(r …".
        Assert.DoesNotContain("min(r", zh.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("sales = ", zh.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("gross_margin", zh.Out, StringComparison.Ordinal);

        Assert.True(en.ExitCode == 0, en.Err);
        Assert.Contains($"  Gross margin {N(actual, "#,##0.####")} 元 ÷ target {N(target, "#,##0.####")} 元 = {N(achievement * 100m, "#,##0.##")}%, × 20 points = {N(points, "#,##0.##")} points\n", en.Out, StringComparison.Ordinal);
        Assert.Contains("    · Vehicles sold ", en.Out, StringComparison.Ordinal);
        Assert.Contains("source rows (", en.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("销售毛利", en.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Calc_WhenExplainUnknownEmployee_ThenExit2()
    {
        var run = CliRunner.Run("calc", "--plan", CliRunner.Template("4s-dealership"), "--data", CliRunner.TemplateData("4s-dealership"), "--period", "2026-10", "--explain", "nobody", "--lang", "en");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("employee 'nobody' is not in the data", run.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("Q4")]
    [InlineData("2026/10")]
    public void Calc_WhenBadPeriod_ThenExit2AndSaysWhichFormats(string period)
    {
        var run = CliRunner.Run("calc", "--plan", CliRunner.Template("4s-dealership"), "--data", CliRunner.TemplateData("4s-dealership"), "--period", period);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("不是有效的考核周期", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Calc_WhenBadFormat_ThenExit2()
    {
        var run = CliRunner.Run("calc", "--plan", CliRunner.Template("4s-dealership"), "--data", CliRunner.TemplateData("4s-dealership"), "--period", "2026-10", "--format", "xml", "--lang", "en");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'xml' is not a format", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Calc_WhenDataRowBroken_ThenExit2WithFileLineColumnAndNothingComputed()
    {
        using var dir = new TempDir();
        foreach (var f in Directory.GetFiles(CliRunner.TemplateData("4s-dealership")))
        {
            File.Copy(f, dir.File(Path.GetFileName(f)));
        }

        var sales = File.ReadAllLines(dir.File("sales.csv"));
        var header = sales[0].Split(',');
        var amount = Array.IndexOf(header, "amount");
        var cells = sales[2].Split(',');
        cells[amount] = "12,34.5x";
        sales[2] = string.Join(',', cells.Take(amount)) + ",\"12,34.5x\"," + string.Join(',', cells.Skip(amount + 1));
        File.WriteAllLines(dir.File("sales.csv"), sales);

        var run = CliRunner.Run("calc", "--plan", CliRunner.Template("4s-dealership"), "--data", dir.Path, "--period", "2026-10", "--format", "json");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Contains("sales.csv:3:" + (amount + 1).ToString(CultureInfo.InvariantCulture), run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Calc_WhenTargetMissing_ThenExit1AndPersonListedWithReason()
    {
        using var dir = new TempDir();
        foreach (var f in Directory.GetFiles(CliRunner.TemplateData("4s-dealership")))
        {
            File.Copy(f, dir.File(Path.GetFileName(f)));
        }

        var targets = File.ReadAllLines(dir.File("targets.csv")).ToList();
        var removed = targets.First(l => l.Contains(",vehicles,2026-10,", StringComparison.Ordinal));
        targets.Remove(removed);
        File.WriteAllLines(dir.File("targets.csv"), targets);
        var who = removed.Split(',')[0];

        var run = CliRunner.Run("calc", "--plan", CliRunner.Template("4s-dealership"), "--data", dir.Path, "--period", "2026-10", "--lang", "en");
        Assert.Equal(1, run.ExitCode);
        // The metric and the indicator are named as the plan names them (issue 12), never by their codes.
        Assert.Contains(who + ": no target for 'Vehicles sold' in 2026-10 (needed by 'Sales / Vehicles sold')", run.Err, StringComparison.Ordinal);
        var zh = CliRunner.Run("calc", "--plan", CliRunner.Template("4s-dealership"), "--data", dir.Path, "--period", "2026-10");
        Assert.Contains(who + ": 缺少“销售车辆数”在 2026-10 的目标值（“销售业绩 / 销售车辆数得分”需要）", zh.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("vehicles", zh.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_WhenTemplate_ThenPlanAndDataWrittenAndComputable()
    {
        using var dir = new TempDir();
        var run = CliRunner.Run("demo", "--template", "incentive-toolkit", "--out", dir.Path);
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.True(File.Exists(dir.File("incentive-toolkit.yaml")));
        Assert.True(File.Exists(Path.Combine(dir.Path, "data", "employees.csv")));

        var calc = CliRunner.Run("calc", "--plan", dir.File("incentive-toolkit.yaml"), "--data", Path.Combine(dir.Path, "data"), "--period", "2026-Q4", "--format", "json");
        Assert.True(calc.ExitCode == 0, calc.Err);
    }

    [Fact]
    public void Demo_WhenUnknownTemplate_ThenExit2ListsAvailable()
    {
        using var dir = new TempDir();
        var run = CliRunner.Run("demo", "--template", "nope", "--out", dir.Path, "--lang", "en");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("4s-dealership", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchData_WhenSmall_ThenDeterministicAndLoadable()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        Assert.Equal(0, CliRunner.Run("bench-data", "--employees", "50", "--sales", "2000", "--out", a.Path).ExitCode);
        Assert.Equal(0, CliRunner.Run("bench-data", "--employees", "50", "--sales", "2000", "--out", b.Path).ExitCode);
        foreach (var f in Directory.GetFiles(a.Path))
        {
            Assert.Equal(File.ReadAllBytes(f), File.ReadAllBytes(Path.Combine(b.Path, Path.GetFileName(f))));
        }

        var loaded = Jixiao.Application.Import.DataDirectoryLoader.Load(a.Path);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors.Select(e => e.Format(CultureInfo.InvariantCulture))));
        Assert.Equal(2000, loaded.Dataset!.Sales.Count);
    }

    [Fact]
    public void Run_WhenUnknownOption_ThenExit2WithOneLine()
    {
        var run = CliRunner.Run("calc", "--plan", "p.yaml", "--data", "d", "--period", "2026-10", "--nonsense", "--lang", "en");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("Unrecognized command or argument '--nonsense'. (usage: jixiao calc --help)", run.Err.TrimEnd());
    }

    [Fact]
    public void Run_WhenRequiredOptionsMissing_ThenExit2WithOneLineNamingThemAll()
    {
        var zh = CliRunner.Run("calc", "--period", "2026-10");
        Assert.Equal(2, zh.ExitCode);
        Assert.Equal("jixiao calc：缺少必需的选项 --plan, --data（用法见 jixiao calc --help）", zh.Err.TrimEnd());
        Assert.Empty(zh.Out);

        var en = CliRunner.Run("validate", "--lang", "en");
        Assert.Equal(2, en.ExitCode);
        Assert.Equal("jixiao validate: missing required option(s) --plan (usage: jixiao validate --help)", en.Err.TrimEnd());
    }

    [Fact]
    public void Validate_WhenBracketUnclosed_ThenTheLineWhereItOpens()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "broken.yaml");
        File.WriteAllText(file, "plan:\n  code: p\nmetrics:\n  sales: { source: sales, periods: [month, quarter\nscorecards:\n  a:\n    name: b\n");
        var run = CliRunner.Run("validate", "--plan", file, "--lang", "en");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("broken.yaml:4:36: error: YAML syntax error: the “[” that starts here has no matching “]” (still open at line 8, column 1)", run.Err, StringComparison.Ordinal);
    }
}
