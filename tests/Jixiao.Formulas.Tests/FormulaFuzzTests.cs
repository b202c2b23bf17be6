using System.Globalization;
using CsCheck;
using Jixiao.TestSupport;

namespace Jixiao.Formulas.Tests;

/// <summary>
/// Malformed formulas, generated, and the nasty ones of tests/corpus/formulas: compiling answers with a formula or
/// with located errors in each language, never a throw; a compiled formula evaluates to a value or an error.
/// Short by default; JIXIAO_FUZZ_SECONDS=N for a long run.
/// </summary>
public class FormulaFuzzTests
{
    private static readonly CultureInfo[] Cultures = [CultureInfo.GetCultureInfo("zh-CN"), CultureInfo.GetCultureInfo("en"), CultureInfo.GetCultureInfo("zh-TW")];

    private static readonly string[] Tokens =
    [
        "(", ")", "(", ")", "a", "b", "zero", "销售额", "nope", "+", "-", "*", "/", "^", "%", ",", " ", "\n", "\t", "=", "<", ">=", "<>", "and", "or", "not ",
        "if(", "min(", "max(", "round(", "abs(", "rate(", "closed(", "unknown(", "1", "0", "1e30", "1e-30", "9999999999999999999999999999", "0.0000000001",
        "1.2.3", ".5", "\"", "'", "[", "]", "@", "#", "$", "中文", "\u0000", "\uFEFF", "true", "false",
    ];

    private static readonly Gen<string> Soup = Gen.Int[0, Tokens.Length - 1].Array[0, 60].Select(ix => string.Concat(ix.Select(i => Tokens[i])));

    /// <summary>Deeply nested but otherwise valid: parentheses, unary minus and function calls around a value.</summary>
    private static readonly Gen<string> Nested = Gen.Select(Gen.Int[0, 2].Array[0, 300], levels =>
        string.Concat(levels.Select(l => l switch { 0 => "(", 1 => "-", _ => "abs(" })) + "a"
        + string.Concat(levels.Reverse().Select(l => l switch { 0 => ")", 1 => "", _ => ")" })));

    private static void AssertAnswered(string source)
    {
        if (!FormulaCompiler.TryCompile("f", source, TestFormulas.Variables, TestFormulas.Tables, null, out var formula, out var errors))
        {
            Assert.NotEmpty(errors);
            foreach (var e in errors)
            {
                Assert.True(e.Line >= 1 && e.Column >= 1, e.ToString());
                foreach (var culture in Cultures)
                {
                    Assert.DoesNotContain("{0}", e.Format(culture), StringComparison.Ordinal);
                }
            }

            return;
        }

        // Evaluating gives a value or an error (overflow, division by zero), never an exception.
        Assert.True(formula!.TryEvaluate(TestFormulas.Values(), out _, out var error) || error is not null);
    }

    [Fact]
    public void TryCompile_WhenTokenSoup_ThenFormulaOrLocatedErrorsNeverAThrow() =>
        Soup.Sample(AssertAnswered, seed: Fuzz.Seed, iter: Fuzz.Iter(5_000), time: Fuzz.Time);

    [Fact]
    public void TryCompile_WhenNestedAtRandom_ThenTooDeepExactlyBeyondTheLimit() =>
        Nested.Sample(source =>
        {
            var ok = FormulaCompiler.TryCompile("f", source, TestFormulas.Variables, TestFormulas.Tables, null, out _, out var errors);
            var depth = source.TakeWhile(c => c is '(' or '-' or 'a' or 'b' or 's').Count(c => c is '(' or '-');
            Assert.Equal(depth <= FormulaLimits.Default.MaxDepth, ok || errors.All(e => e.Code != FormulaErrorCode.TooDeep));
        }, seed: Fuzz.Seed, iter: Fuzz.Iter(500), time: Fuzz.Time);

    public static TheoryData<string> Corpus() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "corpus", "formulas")).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Corpus))]
    public void TryCompile_WhenCorpusFile_ThenTheErrorItsNameSays(string name)
    {
        var source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "corpus", "formulas", name));

        var errors = TestFormulas.CompileErrors(source);

        Assert.Equal(name.Split('.')[0], errors[0].Code.ToString());
    }
}
