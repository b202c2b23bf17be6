using System.Globalization;
using Jixiao.Domain.Localization;

namespace Jixiao.Domain.Plans;

/// <summary>How serious a plan problem is: errors block computing, warnings are advice.</summary>
public enum ProblemSeverity
{
    Error,
    Warning,
}

/// <summary>One problem found in a plan file, with where it is.</summary>
public sealed record PlanProblem(string File, int Line, int Column, PlanProblemCode Code, IReadOnlyList<string> Arguments, ProblemSeverity Severity = ProblemSeverity.Error)
{
    /// <summary>The formula error behind a <c>Formula</c> problem, formatted in the reader's language.</summary>
    public Formulas.FormulaError? FormulaError { get; init; }

    /// <summary>The message alone (without file, position and severity) in the given language.</summary>
    public string Message(CultureInfo? culture)
    {
        IReadOnlyList<string> args = FormulaError is null ? Arguments : [Arguments[0], FormulaError.Format(culture ?? Text.DefaultCulture)];
        return Text.Format(MessageKey(Code), culture, [.. args]);
    }

    /// <summary>The resource key of <paramref name="code"/>'s message.</summary>
    public static string MessageKey(PlanProblemCode code) => "Plan_" + code.ToString();

    /// <summary>"file:line:column: error: message" in the given language.</summary>
    public string Format(CultureInfo? culture)
    {
        var message = Message(culture);
        var severity = Text.Format(Severity == ProblemSeverity.Error ? "Severity_Error" : "Severity_Warning", culture);
        return string.Create(CultureInfo.InvariantCulture, $"{File}:{Line}:{Column}: {severity}: {message}");
    }
}

/// <summary>The outcome of reading a plan: the plan when it has no errors, and every problem found.</summary>
public sealed record PlanLoadResult(Plan? Plan, IReadOnlyList<PlanProblem> Problems)
{
    /// <summary>Whether the plan can be used (no errors; warnings allowed).</summary>
    public bool Ok => Plan is not null;

    public IEnumerable<PlanProblem> Errors => Problems.Where(p => p.Severity == ProblemSeverity.Error);

    public IEnumerable<PlanProblem> Warnings => Problems.Where(p => p.Severity == ProblemSeverity.Warning);
}
