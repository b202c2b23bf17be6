using System.Globalization;

namespace Jixiao.Formulas.Tests;

public class CompiledFormulaTests
{
    private const string Busy =
        "if(revenue >= target and not (cap < 0), " +
        "min(lookup(revenue / target, rate) * base, cap, max(base, 0)), " +
        "max(0, round(base * 10% - abs(c), 2), clamp(x, 0, 1)))";

    [Fact]
    public void Evaluate_WhenCalledRepeatedly_ThenAllocatesNothing()
    {
        var formula = TestFormulas.Compile(Busy);
        var hit = TestFormulas.Values();
        var miss = TestFormulas.Values(new Dictionary<string, decimal> { ["revenue"] = 100m });
        var total = formula.Evaluate(hit) + formula.Evaluate(miss);
        formula.TryEvaluate(hit, out _, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            total += formula.Evaluate((i & 1) == 0 ? hit : miss);
            formula.TryEvaluate(hit, out var result, out _);
            total += result;
        }

        var after = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(before, after);
        Assert.NotEqual(0m, total);
    }

    [Fact]
    public void Evaluate_WhenBusyFormulaRuns_ThenEachBranchGivesExpectedValue()
    {
        var formula = TestFormulas.Compile(Busy);

        // revenue 880 / target 800 = 1.1 -> band 1.0 -> min(1000, 1200, 1000) = 1000
        Assert.Equal(1000m, formula.Evaluate(TestFormulas.Values()));
        // revenue below target: max(0, round(100 - 2.5, 2), clamp(2.345, 0, 1)) = 97.5
        Assert.Equal(97.5m, formula.Evaluate(TestFormulas.Values(new Dictionary<string, decimal> { ["revenue"] = 100m })));
        // negative cap: the condition fails through "not"
        Assert.Equal(97.5m, formula.Evaluate(TestFormulas.Values(new Dictionary<string, decimal> { ["cap"] = -1m })));
    }

    [Fact]
    public void ReferencedSlots_WhenVariablesRepeat_ThenDistinctAndSorted()
    {
        var formula = TestFormulas.Compile("target + revenue + a + target + if(true, b, a)");

        var expected = new[] { "a", "b", "revenue", "target" }
            .Select(n => TestFormulas.Variables.TryGetSlot(n, out var s) ? s : -1)
            .Order()
            .ToArray();
        Assert.Equal(expected, formula.ReferencedSlots);
    }

    [Fact]
    public void Evaluate_WhenValuesAreShorterThanReferencedSlots_ThenThrowsArgumentException()
    {
        var formula = TestFormulas.Compile("销售额 + 1");

        Assert.Throws<ArgumentException>(() => formula.Evaluate(new decimal[3]));
        Assert.Equal(1m, TestFormulas.Compile("1").Evaluate([]));
    }

    [Fact]
    public void NameAndSource_WhenCompiled_ThenKeptAsGiven()
    {
        var formula = FormulaCompiler.Compile("bonus", " a+b ", TestFormulas.Variables);

        Assert.Equal("bonus", formula.Name);
        Assert.Equal(" a+b ", formula.Source);
    }

    [Theory]
    [InlineData("a+b*c", "a + b * c")]
    [InlineData("(a+b)*c", "(a + b) * c")]
    [InlineData("a-(b-c)", "a - (b - c)")]
    [InlineData("(a-b)-c", "a - b - c")]
    [InlineData("a/(b*c)", "a / (b * c)")]
    [InlineData("-(a+b)", "-(a + b)")]
    [InlineData("- -a", "-(-a)")]
    [InlineData("-a*b", "-a * b")]
    [InlineData("IF(a==b AND NOT(b!=c) Or False,MIN(1,2,3),Round(x,2))", "if(a = b and not (b <> c) or false, min(1, 2, 3), round(x, 2))")]
    [InlineData("if((a>b) and (b>c),.5,110%)", "if(a > b and b > c, 0.5, 110%)")]
    [InlineData("lookup(revenue/target,rate)", "lookup(revenue / target, rate)")]
    [InlineData("((a))", "a")]
    [InlineData("if(a > b\n  , a\n  , b)", "if(a > b, a, b)")]
    [InlineData("销售额*10%", "销售额 * 10%")]
    public void Describe_WhenCompiled_ThenCanonicalText(string source, string canonical)
    {
        var formula = TestFormulas.Compile(source);

        Assert.Equal(canonical, formula.Describe());
        var again = TestFormulas.Compile(formula.Describe());
        Assert.Equal(canonical, again.Describe());
        Assert.Equal(formula.Evaluate(TestFormulas.Values()), again.Evaluate(TestFormulas.Values()));
    }

    [Fact]
    public void Evaluate_WhenSharedAcrossThreads_ThenEveryResultIsRight()
    {
        var formula = TestFormulas.Compile("if(a > b, round(a / b, 4), b - a)");
        TestFormulas.Variables.TryGetSlot("a", out var slotA);
        TestFormulas.Variables.TryGetSlot("b", out var slotB);
        var failures = 0;

        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var values = new decimal[TestFormulas.Variables.Count];
            values[slotA] = i;
            values[slotB] = 7m;
            var expected = i > 7 ? Math.Round(i / 7m, 4, MidpointRounding.AwayFromZero) : 7m - i;
            if (formula.Evaluate(values) != expected)
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }

    [Fact]
    public void Compile_WhenCalledFromManyThreads_ThenEachFormulaIsItsOwn()
    {
        var results = new decimal[200];

        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var source = i % 2 == 0 ? $"(a + {i}) * 2" : $"if(a > {i}, 1, round(b / 3, 2))";
            results[i] = TestFormulas.Compile(source).Evaluate(TestFormulas.Values());
        });

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(i % 2 == 0 ? (10m + i) * 2 : (10 > i ? 1m : 1.33m), results[i]);
        }
    }

    [Fact]
    public void Compile_WhenArgumentIsNull_ThenThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => FormulaCompiler.Compile(null!, "1", TestFormulas.Variables));
        Assert.Throws<ArgumentNullException>(() => FormulaCompiler.Compile("f", null!, TestFormulas.Variables));
        Assert.Throws<ArgumentNullException>(() => FormulaCompiler.Compile("f", "1", null!));
    }

    [Fact]
    public void Evaluate_WhenLookupUsesTwoTables_ThenEachResolvesItsOwn()
    {
        var formula = TestFormulas.Compile("lookup(1.5, rate) * 100 + lookup(15, closed) + lookup(5, closed)");

        Assert.Equal(153m, formula.Evaluate(TestFormulas.Values()));
    }

    [Fact]
    public void Compile_WhenTablesAreNotGiven_ThenLookupIsUnknownTable()
    {
        Assert.False(FormulaCompiler.TryCompile("t", "lookup(1, rate)", TestFormulas.Variables, null, null, out _, out var errors));

        Assert.Equal(FormulaErrorCode.UnknownTable, Assert.Single(errors).Code);
    }

    [Fact]
    public void Evaluate_WhenResultIsFormatted_ThenItIsInvariantDecimal()
    {
        Assert.Equal("0.3333333333333333333333333333", TestFormulas.Evaluate("1 / 3").ToString(CultureInfo.InvariantCulture));
    }
}
