using System.Globalization;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;

namespace Jixiao.Domain.Tests;

internal static class TestPlans
{
    public static Plan Load(string yaml)
    {
        var result = PlanLoader.Load(yaml, "test.yaml");
        Assert.True(result.Ok, string.Join("\n", result.Problems.Select(p => p.Format(CultureInfo.InvariantCulture))));
        return result.Plan!;
    }

    public static CalculationResult Run(string yaml, Dataset data, string period, params string[] explain) =>
        Calculator.Run(Load(yaml), data, Period.Parse(period), new CalculationOptions { Explain = explain });

    public static EmployeeResult Person(this CalculationResult r, string id)
    {
        var found = r.Results.FirstOrDefault(x => x.Employee == id);
        Assert.True(found is not null, $"no result for {id}; errors: " + string.Join("; ", r.Errors.Select(e => e.Format(CultureInfo.InvariantCulture))));
        return found!;
    }

    public static decimal Points(this EmployeeResult r, string indicator) => r.Indicators.Single(i => i.Code == indicator).Points;

    public static decimal Pay(this EmployeeResult r, string component) => r.Pay.Single(p => p.Component == component).Amount;

    /// <summary>A one-scorecard plan: header + metrics + a scorecard with the given indicators (YAML list items, indented 6).</summary>
    public static string Plan(string metrics, string indicators, string? pay = null, string? grades = null, string periods = "[month, quarter, year]") => $$"""
        plan: { code: t, name: 测试方案, version: 1, effective_from: 2026-01-01 }
        metrics:
        {{Indent(metrics, 2)}}
        grade_scales:
          g:
        {{Indent(grades ?? """
            - { grade: S, from: 90, coefficient: 1.2 }
            - { grade: A, from: 80, coefficient: 1.0 }
            - { grade: B, from: 70, coefficient: 0.8 }
            - { grade: C, from: 0, coefficient: 0 }
            """, 4)}}
        scorecards:
          card:
            periods: {{periods}}
            indicators:
        {{Indent(indicators, 6)}}
        {{(pay is null ? "" : "pay:\n" + Indent(pay, 2))}}
        """;

    private static string Indent(string text, int spaces)
    {
        var pad = new string(' ', spaces);
        return string.Join("\n", text.Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(l => l.Length == 0 ? l : pad + l));
    }
}
