namespace Jixiao.Formulas.Tests;

public partial class FormulaCompilerTests
{
    [Theory]
    // Syntax: the first error, at the offending token
    [InlineData("1 +", FormulaErrorCode.Syntax, 1, 4, "ExpectedExpression|")]
    [InlineData("", FormulaErrorCode.Syntax, 1, 1, "ExpectedExpression|")]
    [InlineData("(1 + 2", FormulaErrorCode.Syntax, 1, 7, "ExpectedClosingParenthesis|")]
    [InlineData("(1 + 2 3)", FormulaErrorCode.Syntax, 1, 8, "ExpectedClosingParenthesis|3")]
    [InlineData("min(1, 2", FormulaErrorCode.Syntax, 1, 9, "ExpectedCommaOrClosingParenthesis|")]
    [InlineData("min(1, )", FormulaErrorCode.Syntax, 1, 8, "ExpectedExpression|)")]
    [InlineData("a b", FormulaErrorCode.Syntax, 1, 3, "UnexpectedInput|b")]
    [InlineData("a +\n  * b", FormulaErrorCode.Syntax, 2, 3, "ExpectedExpression|*")]
    [InlineData("a\n\n   )", FormulaErrorCode.Syntax, 3, 4, "UnexpectedInput|)")]
    [InlineData("1..2", FormulaErrorCode.Syntax, 1, 1, "InvalidNumber|1..2")]
    [InlineData("a + 12.", FormulaErrorCode.Syntax, 1, 5, "InvalidNumber|12.")]
    [InlineData("1 +   ", FormulaErrorCode.Syntax, 1, 4, "ExpectedExpression|")]
    [InlineData("(1 + 2\n\n", FormulaErrorCode.Syntax, 1, 7, "ExpectedClosingParenthesis|")]
    [InlineData("if(a>b,a,b", FormulaErrorCode.Syntax, 1, 11, "ExpectedCommaOrClosingParenthesis|")]
    [InlineData("a < = b", FormulaErrorCode.Syntax, 1, 5, "ExpectedExpression|=")]
    [InlineData("12abc", FormulaErrorCode.Syntax, 1, 3, "UnexpectedInput|abc")]
    [InlineData("a + （b）", FormulaErrorCode.Syntax, 1, 5, "ExpectedExpression|（")]
    [InlineData("a and", FormulaErrorCode.Syntax, 1, 6, "ExpectedExpression|")]
    [InlineData("a + and", FormulaErrorCode.Syntax, 1, 5, "ExpectedExpression|and")]
    [InlineData("a ! b", FormulaErrorCode.Syntax, 1, 3, "UnexpectedInput|!")]
    [InlineData("a % b", FormulaErrorCode.Syntax, 1, 3, "UnexpectedInput|%")]
    // Names
    [InlineData("base * revnue", FormulaErrorCode.UnknownVariable, 1, 8, "revnue")]
    [InlineData("a +\n    revnue", FormulaErrorCode.UnknownVariable, 2, 5, "revnue")]
    [InlineData("A + b", FormulaErrorCode.UnknownVariable, 1, 1, "A")]
    [InlineData("foo(1)", FormulaErrorCode.UnknownFunction, 1, 1, "foo")]
    [InlineData("a +\r\n  sum(a, b)", FormulaErrorCode.UnknownFunction, 2, 3, "sum")]
    [InlineData("lookup(a, nosuch)", FormulaErrorCode.UnknownTable, 1, 11, "nosuch")]
    [InlineData("lookup(a, 1 + 2)", FormulaErrorCode.UnknownTable, 1, 11, "1 + 2")]
    [InlineData("lookup(a, Rate)", FormulaErrorCode.UnknownTable, 1, 11, "Rate")]
    // Arity
    [InlineData("if(true, 1)", FormulaErrorCode.WrongArgumentCount, 1, 1, "if|3|3|2")]
    [InlineData("1 + MIN(1)", FormulaErrorCode.WrongArgumentCount, 1, 5, "min|2||1")]
    [InlineData("abs()", FormulaErrorCode.WrongArgumentCount, 1, 1, "abs|1|1|0")]
    [InlineData("round(1)", FormulaErrorCode.WrongArgumentCount, 1, 1, "round|2|2|1")]
    [InlineData("clamp(1, 2, 3, 4)", FormulaErrorCode.WrongArgumentCount, 1, 1, "clamp|3|3|4")]
    [InlineData("lookup(1)", FormulaErrorCode.WrongArgumentCount, 1, 1, "lookup|2|2|1")]
    // Types
    [InlineData("1 + true", FormulaErrorCode.TypeMismatch, 1, 5, "+|Number|Boolean")]
    [InlineData("1 + (a > b)", FormulaErrorCode.TypeMismatch, 1, 5, "+|Number|Boolean")]
    [InlineData("if(1, 2, 3)", FormulaErrorCode.TypeMismatch, 1, 4, "if|Boolean|Number")]
    [InlineData("if(true, 1, false)", FormulaErrorCode.TypeMismatch, 1, 13, "if|Number|Boolean")]
    [InlineData("a > b", FormulaErrorCode.TypeMismatch, 1, 1, "|Number|Boolean")]
    [InlineData("\n  a > b or false", FormulaErrorCode.TypeMismatch, 2, 3, "|Number|Boolean")]
    [InlineData("if(not a, 1, 2)", FormulaErrorCode.TypeMismatch, 1, 8, "not|Boolean|Number")]
    [InlineData("if(true and 1, 1, 2)", FormulaErrorCode.TypeMismatch, 1, 13, "and|Boolean|Number")]
    [InlineData("-true", FormulaErrorCode.TypeMismatch, 1, 2, "-|Number|Boolean")]
    [InlineData("if(a < b < c, 1, 2)", FormulaErrorCode.TypeMismatch, 1, 4, "<|Number|Boolean")]
    [InlineData("min(1, false)", FormulaErrorCode.TypeMismatch, 1, 8, "min|Number|Boolean")]
    [InlineData("lookup(true, rate)", FormulaErrorCode.TypeMismatch, 1, 8, "lookup|Number|Boolean")]
    // round digits
    [InlineData("round(a, 11)", FormulaErrorCode.InvalidRoundDigits, 1, 10, "11")]
    [InlineData("round(a, b)", FormulaErrorCode.InvalidRoundDigits, 1, 10, "b")]
    [InlineData("round(a, 1.5)", FormulaErrorCode.InvalidRoundDigits, 1, 10, "1.5")]
    [InlineData("round(a, -1)", FormulaErrorCode.InvalidRoundDigits, 1, 10, "-1")]
    [InlineData("round(a, 200%)", FormulaErrorCode.InvalidRoundDigits, 1, 10, "200%")]
    // A literal beyond decimal's range
    [InlineData("1 + 99999999999999999999999999999999", FormulaErrorCode.Overflow, 1, 5, "99999999999999999999999999999999")]
    public void TryCompile_WhenSourceIsInvalid_ThenReportsCodePositionAndArguments(
        string source, FormulaErrorCode code, int line, int column, string arguments)
    {
        var errors = TestFormulas.CompileErrors(source);

        var error = Assert.Single(errors);
        Assert.Equal(code, error.Code);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Equal(arguments.Split('|'), error.Arguments);
        Assert.Equal("test", error.FormulaName);
        Assert.Equal(source.Split('\n')[line - 1].TrimEnd('\r'), error.Snippet);
    }

    [Fact]
    public void TryCompile_WhenSeveralNamesAndTypesAreWrong_ThenReportsAllInSourceOrder()
    {
        var errors = TestFormulas.CompileErrors("revnue + foo(1)\n + (1 + true) + round(a, b)");

        Assert.Equal(
            [
                (FormulaErrorCode.UnknownVariable, 1, 1),
                (FormulaErrorCode.UnknownFunction, 1, 10),
                (FormulaErrorCode.TypeMismatch, 2, 9),
                (FormulaErrorCode.InvalidRoundDigits, 2, 26),
            ],
            errors.Select(e => (e.Code, e.Line, e.Column)));
    }

    [Fact]
    public void TryCompile_WhenAnOperandIsUnknown_ThenReportsNoTypeErrorForIt()
    {
        var errors = TestFormulas.CompileErrors("if(missing, 1, 2) + nothing * 2");

        Assert.All(errors, e => Assert.Equal(FormulaErrorCode.UnknownVariable, e.Code));
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void Compile_WhenSourceIsInvalid_ThenThrowsWithAllErrorsAndEnglishMessage()
    {
        var ex = Assert.Throws<FormulaException>(() => TestFormulas.Compile("revnue + foo(1)"));

        Assert.Equal(2, ex.Errors.Count);
        Assert.Equal(
            "formula 'test': unknown variable 'revnue' at line 1, column 1\nrevnue + foo(1)\n^\n"
            + "formula 'test': unknown function 'foo' (the functions are if, min, max, round, clamp, abs, lookup) at line 1, column 10\n"
            + "revnue + foo(1)\n         ^",
            ex.Message);
    }

    [Theory]
    [InlineData("a / zero", 1, 5, "zero")]
    [InlineData("calls_made / followup_done", 1, 14, "followup_done")]
    [InlineData("a +\n  b / (zero * 2)", 2, 7, "(zero * 2)")]
    [InlineData("if(a > 0, a / (b - 4), 0)", 1, 15, "(b - 4)")]
    public void Evaluate_WhenDivisorIsZero_ThenThrowsNamingDivisorAndPosition(string source, int line, int column, string divisor)
    {
        var formula = TestFormulas.Compile(source);

        var ex = Assert.Throws<FormulaEvaluationException>(() => formula.Evaluate(TestFormulas.Values()));

        var error = Assert.Single(ex.Errors);
        Assert.Same(error, ex.Error);
        Assert.Equal(FormulaErrorCode.DivisionByZero, error.Code);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Equal([divisor], error.Arguments);
    }

    [Fact]
    public void Evaluate_WhenDivisorIsZero_ThenMessageNamesFormulaAndDivisor()
    {
        var formula = FormulaCompiler.Compile("followup", "calls_made / followup_done", TestFormulas.Variables);

        var ex = Assert.Throws<FormulaEvaluationException>(() => formula.Evaluate(TestFormulas.Values()));

        Assert.Equal(
            "formula 'followup': division by zero in 'followup_done' at line 1, column 14\n"
            + "calls_made / followup_done\n"
            + "             ^",
            ex.Message);
    }

    [Theory]
    [InlineData("79228162514264337593543950335 * 2", 1, 1, "79228162514264337593543950335 * 2")]
    [InlineData("a +\n (79228162514264337593543950335 + a)", 2, 2, "(79228162514264337593543950335 + a)")]
    [InlineData("79228162514264337593543950335 / 0.5", 1, 1, "79228162514264337593543950335 / 0.5")]
    public void TryEvaluate_WhenResultOverflows_ThenReturnsOverflowAtOperation(string source, int line, int column, string text)
    {
        var formula = TestFormulas.Compile(source);

        Assert.False(formula.TryEvaluate(TestFormulas.Values(), out _, out var error));

        Assert.NotNull(error);
        Assert.Equal(FormulaErrorCode.Overflow, error.Code);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Equal([text], error.Arguments);
    }

    [Theory]
    [InlineData("lookup(c, rate)", "rate", "-2.5")]
    [InlineData("1 + lookup(a * 2, closed)", "closed", "20")]
    [InlineData("lookup(-0.0001, rate)", "rate", "-0.0001")]
    public void TryEvaluate_WhenLookupValueIsInNoBand_ThenNamesTableAndValue(string source, string table, string value)
    {
        var formula = TestFormulas.Compile(source);

        Assert.False(formula.TryEvaluate(TestFormulas.Values(), out _, out var error));

        Assert.NotNull(error);
        Assert.Equal(FormulaErrorCode.LookupOutOfRange, error.Code);
        Assert.Equal([table, value], error.Arguments);
        Assert.Equal(source.IndexOf("lookup", StringComparison.Ordinal) + 1, error.Column);
    }
}
