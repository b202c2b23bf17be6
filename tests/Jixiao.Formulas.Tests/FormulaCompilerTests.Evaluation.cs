namespace Jixiao.Formulas.Tests;

public partial class FormulaCompilerTests
{
    [Theory]
    // Arithmetic and precedence
    [InlineData("1 + 2 * 3", "7")]
    [InlineData("(1 + 2) * 3", "9")]
    [InlineData("10 - 4 - 3", "3")]
    [InlineData("100 / 10 / 5", "2")]
    [InlineData("a * b + c", "37.5")]
    [InlineData("a / b", "2.5")]
    [InlineData("1 + 2 < 4 and 2 * 3 = 6", null)]
    // Unary minus
    [InlineData("-a", "-10")]
    [InlineData("- -a", "10")]
    [InlineData("-a * b", "-40")]
    [InlineData("-(a + b)", "-14")]
    [InlineData("2 * -3", "-6")]
    [InlineData("a - -b", "14")]
    // Literals
    [InlineData("12", "12")]
    [InlineData("12.5", "12.5")]
    [InlineData(".5", "0.5")]
    [InlineData("110%", "1.10")]
    [InlineData("a * 110%", "11")]
    [InlineData("50% + .5", "1")]
    [InlineData("0.5%", "0.005")]
    // Decimal exactness
    [InlineData("0.1 + 0.2", "0.3")]
    [InlineData("if(0.1 + 0.2 = 0.3, 1, 0)", "1")]
    [InlineData("1.1 * 1.1", "1.21")]
    // Comparisons
    [InlineData("if(a > b, 1, 0)", "1")]
    [InlineData("if(a < b, 1, 0)", "0")]
    [InlineData("if(a >= 10, 1, 0)", "1")]
    [InlineData("if(a <= 9.99, 1, 0)", "0")]
    [InlineData("if(a = 10, 1, 0)", "1")]
    [InlineData("if(a == 10.000, 1, 0)", "1")]
    [InlineData("if(a <> 10, 1, 0)", "0")]
    [InlineData("if(a != 10, 1, 0)", "0")]
    // Logic and its precedence (and binds tighter than or)
    [InlineData("if(a > 1 and b > 1, 1, 0)", "1")]
    [InlineData("if(a > 100 or b > 1, 1, 0)", "1")]
    [InlineData("if(not (a > 1), 1, 0)", "0")]
    [InlineData("if(true and not false, 1, 0)", "1")]
    [InlineData("if(true or false and false, 1, 0)", "1")]
    [InlineData("if(false and true or true, 1, 0)", "1")]
    [InlineData("if(not not true, 1, 0)", "1")]
    // Case-insensitive keywords and functions
    [InlineData("IF(a > 1 AND TRUE, MIN(1, 2), 0)", "1")]
    [InlineData("If(Not False, 2, 3)", "2")]
    [InlineData("ROUND(x, 2) + Abs(c)", "4.85")]
    // Functions
    [InlineData("min(3, 1, 2)", "1")]
    [InlineData("max(3, 1, 2)", "3")]
    [InlineData("min(a, b)", "4")]
    [InlineData("max(-1, -2)", "-1")]
    [InlineData("max(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)", "10")]
    [InlineData("round(2.345, 2)", "2.35")]
    [InlineData("round(-2.345, 2)", "-2.35")]
    [InlineData("round(2.5, 0)", "3")]
    [InlineData("round(-2.5, 0)", "-3")]
    [InlineData("round(1.005, 2)", "1.01")]
    [InlineData("round(x, 1)", "2.3")]
    [InlineData("round(1 / 3, 10)", "0.3333333333")]
    [InlineData("clamp(a, 0, 5)", "5")]
    [InlineData("clamp(c, 0, 5)", "0")]
    [InlineData("clamp(3, 0, 5)", "3")]
    [InlineData("abs(c)", "2.5")]
    [InlineData("abs(a)", "10")]
    [InlineData("lookup(revenue / target, rate)", "1.0")]
    [InlineData("lookup(0, rate)", "0")]
    [InlineData("lookup(0.8, rate)", "0.5")]
    [InlineData("lookup(0.7999, rate)", "0")]
    [InlineData("lookup(1.2, rate)", "1.5")]
    [InlineData("lookup(99, rate)", "1.5")]
    [InlineData("lookup(19.99, closed)", "2")]
    [InlineData("if(true, 1 < 2, false) and true", null)]
    // Short-circuit: the branch not taken is never evaluated
    [InlineData("if(zero = 0, 0, a / zero)", "0")]
    [InlineData("if(false and 1 / 0 > 0, 1, 2)", "2")]
    [InlineData("if(true or 1 / zero > 0, 1, 2)", "1")]
    [InlineData("if(zero <> 0 and a / zero > 1, 1, 0)", "0")]
    [InlineData("if(followup_done = 0, 0, calls_made / followup_done)", "0")]
    [InlineData("if(true, 1, lookup(-1, rate))", "1")]
    // Names and layout
    [InlineData("销售额 * 10%", "100")]
    [InlineData("if(a > b,\n  a,\n  b)", "10")]
    [InlineData("\ta\r\n+\r\n b ", "14")]
    [InlineData("a +\u3000b", "14")]
    [InlineData("min (a, b)", "4")]
    public void Evaluate_WhenFormulaIsValid_ThenReturnsExactResult(string source, string? expected)
    {
        if (expected is null)
        {
            // A boolean expression cannot be a formula's result; wrap it to evaluate it.
            Assert.Equal(1m, TestFormulas.Evaluate($"if({source}, 1, 0)"));
            return;
        }

        Assert.Equal(TestFormulas.Parse(expected), TestFormulas.Evaluate(source));
    }

    [Theory]
    [InlineData("0.1 + 0.2", "0.3")]
    [InlineData("1.10 * 2", "2.20")]
    [InlineData("110%", "1.10")]
    [InlineData("round(2.5, 0)", "3")]
    public void Evaluate_WhenResultHasScale_ThenKeepsDecimalDigits(string source, string expectedText)
    {
        var result = TestFormulas.Evaluate(source);

        Assert.Equal(expectedText, result.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void TryEvaluate_WhenFormulaSucceeds_ThenReturnsResultAndNoError()
    {
        var formula = TestFormulas.Compile("a + b");

        Assert.True(formula.TryEvaluate(TestFormulas.Values(), out var result, out var error));
        Assert.Equal(14m, result);
        Assert.Null(error);
    }
}
