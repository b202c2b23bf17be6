using CsCheck;

namespace Jixiao.Formulas.Tests;

public class PropertyTests
{
    private static readonly VariableCatalogue Variables = new(["a", "b", "x"]);

    // Decimals with up to 12 integer digits and 0..8 fraction digits: sums stay within 28 significant
    // digits, so decimal addition is exact and a + b - b must give back a.
    private static readonly Gen<decimal> Reasonable =
        Gen.Select(Gen.Long[-999_999_999_999L, 999_999_999_999L], Gen.Int[0, 8], (mantissa, scale) =>
            new decimal((int)(Math.Abs(mantissa) & 0xFFFFFFFF), (int)(Math.Abs(mantissa) >> 32), 0, mantissa < 0, (byte)scale));

    [Fact]
    public void Evaluate_WhenAddingThenSubtractingB_ThenGivesBackA()
    {
        var formula = FormulaCompiler.Compile("sum", "a + b - b", Variables);

        Gen.Select(Reasonable, Reasonable).Sample((a, b) =>
        {
            var result = formula.Evaluate([a, b, 0m]);
            Assert.Equal(a, result);
        }, iter: 10_000);
    }

    [Fact]
    public void Evaluate_WhenRoundingToTwoDigits_ThenMatchesMathRoundAwayFromZero()
    {
        var formula = FormulaCompiler.Compile("round", "round(x, 2)", Variables);
        // Three fraction digits hit the midpoints (x.xx5) that banker's rounding would get wrong.
        var midpoints = Gen.Long[-10_000_000L, 10_000_000L].Select(m => m / 1000m);
        var anyScale = Gen.OneOf(Reasonable, midpoints, Gen.Decimal[-1_000_000m, 1_000_000m]);

        anyScale.Sample(x =>
        {
            Assert.Equal(Math.Round(x, 2, MidpointRounding.AwayFromZero), formula.Evaluate([0m, 0m, x]));
        }, iter: 10_000);
    }

    [Fact]
    public void Evaluate_WhenComparingEqualValuesOfDifferentScale_ThenEqual()
    {
        var formula = FormulaCompiler.Compile("eq", "if(a = b * 1.000, 1, 0)", Variables);

        Reasonable.Sample(a => Assert.Equal(1m, formula.Evaluate([a, a, 0m])), iter: 10_000);
    }
}
