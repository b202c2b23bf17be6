namespace Jixiao.Formulas.Tests;

public partial class FormulaCompilerTests
{
    [Fact]
    public void TryCompile_WhenSourceIsLongerThanMaxLength_ThenTooLongAtFirstCharBeyond()
    {
        var source = string.Join(" + ", Enumerable.Repeat("a", 1000)) + " + 1";
        Assert.True(source.Length > FormulaLimits.Default.MaxLength);

        var error = Assert.Single(TestFormulas.CompileErrors(source));

        Assert.Equal(FormulaErrorCode.TooLong, error.Code);
        Assert.Equal((1, 4001), (error.Line, error.Column));
        Assert.Equal([source.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), "4000"], error.Arguments);
    }

    [Fact]
    public void TryCompile_WhenSourceIsExactlyMaxLength_ThenCompiles()
    {
        var limits = new FormulaLimits(MaxLength: 9);

        Assert.Equal(14m, TestFormulas.Compile("a + b    ", limits).Evaluate(TestFormulas.Values()));
        var error = Assert.Single(TestFormulas.CompileErrors("a + b     ", limits));
        Assert.Equal(FormulaErrorCode.TooLong, error.Code);
    }

    [Fact]
    public void TryCompile_WhenLimitIsOnLaterLine_ThenTooLongPointsThere()
    {
        var error = Assert.Single(TestFormulas.CompileErrors("a +\nb +\nc", new FormulaLimits(MaxLength: 6)));

        Assert.Equal((FormulaErrorCode.TooLong, 2, 3), (error.Code, error.Line, error.Column));
    }

    [Theory]
    [InlineData("(", ")", 100, 65)]
    [InlineData("abs(", ")", 100, 65 * 4)]
    [InlineData("-", "", 100, 65)]
    [InlineData("not ", "", 100, 65 * 4 - 3)]
    public void TryCompile_WhenNestingExceedsMaxDepth_ThenTooDeepAtFirstLevelBeyond(string open, string close, int levels, int column)
    {
        var source = string.Concat(Enumerable.Repeat(open, levels)) + "a" + string.Concat(Enumerable.Repeat(close, levels));

        var error = Assert.Single(TestFormulas.CompileErrors(source));

        Assert.Equal(FormulaErrorCode.TooDeep, error.Code);
        Assert.Equal((1, column), (error.Line, error.Column));
        Assert.Equal(["64"], error.Arguments);
    }

    [Fact]
    public void TryCompile_WhenNestingIsExactlyMaxDepth_ThenCompiles()
    {
        var source = new string('(', 64) + "a" + new string(')', 64);

        Assert.Equal(10m, TestFormulas.Compile(source).Evaluate(TestFormulas.Values()));
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("-", "")]
    [InlineData("min(1, ", ")")]
    public void TryCompile_WhenNestedHundredThousandDeep_ThenTooDeepWithoutStackOverflow(string open, string close)
    {
        const int levels = 100_000;
        var source = string.Concat(Enumerable.Repeat(open, levels)) + "1" + string.Concat(Enumerable.Repeat(close, levels));
        var limits = new FormulaLimits(MaxLength: source.Length);

        var error = Assert.Single(TestFormulas.CompileErrors(source, limits));

        Assert.Equal(FormulaErrorCode.TooDeep, error.Code);
    }

    [Fact]
    public void TryCompile_WhenMaxDepthIsHugeAndThreadStackSmall_ThenTooDeepWithoutStackOverflow()
    {
        const int levels = 200_000;
        var source = new string('(', levels) + "1" + new string(')', levels);
        var limits = new FormulaLimits(MaxLength: source.Length, MaxDepth: int.MaxValue);
        IReadOnlyList<FormulaError>? errors = null;

        var thread = new Thread(() => FormulaCompiler.TryCompile("deep", source, TestFormulas.Variables, null, limits, out _, out errors), 256 * 1024);
        thread.Start();
        thread.Join();

        Assert.Equal(FormulaErrorCode.TooDeep, Assert.Single(errors!).Code);
    }

    [Fact]
    public void TryCompile_WhenLongChainMeetsSmallThreadStack_ThenCompilesOrReportsTooDeep()
    {
        // a + a + ... nests on the left without parentheses; the binder must not overflow the stack.
        var source = string.Join("+", Enumerable.Repeat("a", 200_000));
        var limits = new FormulaLimits(MaxLength: source.Length, MaxSteps: int.MaxValue);
        CompiledFormula? formula = null;
        IReadOnlyList<FormulaError>? errors = null;

        var thread = new Thread(() => FormulaCompiler.TryCompile("chain", source, TestFormulas.Variables, null, limits, out formula, out errors), 256 * 1024);
        thread.Start();
        thread.Join();

        if (formula is null)
        {
            Assert.Equal(FormulaErrorCode.TooDeep, Assert.Single(errors!).Code);
        }
        else
        {
            Assert.Equal(2_000_000m, formula.Evaluate(TestFormulas.Values()));
        }
    }

    [Fact]
    public void Compile_WhenChainFillsDefaultLength_ThenEvaluatesWithinDefaultSteps()
    {
        var source = string.Join("+", Enumerable.Repeat("a", 2000));

        Assert.Equal(20_000m, TestFormulas.Evaluate(source));
    }

    [Fact]
    public void Evaluate_WhenStepsExceedMaxSteps_ThenTooManySteps()
    {
        var formula = TestFormulas.Compile("a + b + a + b", new FormulaLimits(MaxSteps: 5));

        var ex = Assert.Throws<FormulaEvaluationException>(() => formula.Evaluate(TestFormulas.Values()));

        Assert.Equal(FormulaErrorCode.TooManySteps, ex.Error!.Code);
        Assert.Equal(["5"], ex.Error.Arguments);
    }

    [Fact]
    public void Evaluate_WhenBranchNotTakenIsLong_ThenItsStepsAreNotCounted()
    {
        var limits = new FormulaLimits(MaxSteps: 5);

        Assert.Equal(1m, TestFormulas.Compile("if(true, 1, a + b + a + b + a + b)", limits).Evaluate(TestFormulas.Values()));
        Assert.Equal(0m, TestFormulas.Compile("if(false and a + b + a + b + a > 0, 1, 0)", limits).Evaluate(TestFormulas.Values()));
    }

    [Fact]
    public void Evaluate_WhenStepsEqualMaxSteps_ThenSucceeds()
    {
        // push a, push b, add
        Assert.Equal(14m, TestFormulas.Compile("a + b", new FormulaLimits(MaxSteps: 3)).Evaluate(TestFormulas.Values()));
        Assert.Throws<FormulaEvaluationException>(() => TestFormulas.Compile("a + b", new FormulaLimits(MaxSteps: 2)).Evaluate(TestFormulas.Values()));
    }

    [Theory]
    [InlineData(0, 64, 10)]
    [InlineData(10, 0, 10)]
    [InlineData(10, 64, -1)]
    public void TryCompile_WhenLimitIsNotPositive_ThenThrowsArgumentOutOfRange(int maxLength, int maxDepth, int maxSteps)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            TestFormulas.Compile("1", new FormulaLimits(maxLength, maxDepth, maxSteps)));
    }
}
