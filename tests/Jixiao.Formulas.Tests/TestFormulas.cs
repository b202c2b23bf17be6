using System.Globalization;

namespace Jixiao.Formulas.Tests;

/// <summary>A small catalogue, values and band table shared by the tests.</summary>
internal static class TestFormulas
{
    public static readonly VariableCatalogue Variables = new(
        ["a", "b", "c", "zero", "x", "base", "revenue", "target", "cap", "calls_made", "followup_done", "销售额"]);

    public static readonly BandTable Rate = new(
        "rate",
        [
            new BandRow(0m, 0.8m, 0m),
            new BandRow(0.8m, 1.0m, 0.5m),
            new BandRow(1.0m, 1.2m, 1.0m),
            new BandRow(1.2m, null, 1.5m),
        ]);

    public static readonly BandTable Closed = new(
        "closed",
        [
            new BandRow(0m, 10m, 1m),
            new BandRow(10m, 20m, 2m),
        ]);

    public static readonly IReadOnlyDictionary<string, BandTable> Tables =
        new Dictionary<string, BandTable>(StringComparer.Ordinal) { ["rate"] = Rate, ["closed"] = Closed };

    public static decimal[] Values() => Values(new Dictionary<string, decimal>());

    public static decimal[] Values(IReadOnlyDictionary<string, decimal> overrides)
    {
        var values = new decimal[Variables.Count];
        Set("a", 10m);
        Set("b", 4m);
        Set("c", -2.5m);
        Set("zero", 0m);
        Set("x", 2.345m);
        Set("base", 1000m);
        Set("revenue", 880m);
        Set("target", 800m);
        Set("cap", 1200m);
        Set("calls_made", 12m);
        Set("followup_done", 0m);
        Set("销售额", 1000m);
        foreach (var (name, value) in overrides)
        {
            Set(name, value);
        }

        return values;

        void Set(string name, decimal value)
        {
            Assert.True(Variables.TryGetSlot(name, out var slot), name);
            values[slot] = value;
        }
    }

    public static CompiledFormula Compile(string source, FormulaLimits? limits = null) =>
        FormulaCompiler.Compile("test", source, Variables, Tables, limits);

    public static decimal Evaluate(string source) => Compile(source).Evaluate(Values());

    public static IReadOnlyList<FormulaError> CompileErrors(string source, FormulaLimits? limits = null, string name = "test")
    {
        Assert.False(FormulaCompiler.TryCompile(name, source, Variables, Tables, limits, out var formula, out var errors));
        Assert.Null(formula);
        Assert.NotEmpty(errors);
        return errors;
    }

    public static decimal Parse(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
}
