using System.Globalization;
using Jixiao.Formulas.Binding;
using Jixiao.Formulas.Evaluation;
using Jixiao.Formulas.Syntax;

namespace Jixiao.Formulas;

/// <summary>Compiles formula source into a <see cref="CompiledFormula"/>: parse, bind, type-check, emit.</summary>
public static class FormulaCompiler
{
    /// <summary>Compiles a formula or throws with every error found.</summary>
    /// <param name="name">The formula's name, used in error messages.</param>
    /// <param name="source">The formula text.</param>
    /// <param name="variables">The variables the formula may read.</param>
    /// <param name="tables">The band tables <c>lookup</c> may use, by the name formulas give them.</param>
    /// <param name="limits">Length, depth and step limits; <see cref="FormulaLimits.Default"/> when null.</param>
    /// <exception cref="FormulaException">The formula has errors: the first syntax error, or all binding and type errors.</exception>
    public static CompiledFormula Compile(
        string name,
        string source,
        VariableCatalogue variables,
        IReadOnlyDictionary<string, BandTable>? tables = null,
        FormulaLimits? limits = null) =>
        TryCompile(name, source, variables, tables, limits, out var formula, out var errors)
            ? formula!
            : throw new FormulaException(errors);

    /// <summary>Compiles a formula, returning its errors instead of throwing them.</summary>
    /// <returns>True with a formula and no errors, or false with no formula and at least one error.</returns>
    public static bool TryCompile(
        string name,
        string source,
        VariableCatalogue variables,
        IReadOnlyDictionary<string, BandTable>? tables,
        FormulaLimits? limits,
        out CompiledFormula? formula,
        out IReadOnlyList<FormulaError> errors)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(variables);
        limits ??= FormulaLimits.Default;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxLength, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxDepth, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.MaxSteps, nameof(limits));

        formula = null;
        var text = new SourceText(source);
        if (source.Length > limits.MaxLength)
        {
            errors = [FormulaErrors.At(name, text, FormulaErrorCode.TooLong, limits.MaxLength,
                source.Length.ToString(CultureInfo.InvariantCulture),
                limits.MaxLength.ToString(CultureInfo.InvariantCulture))];
            return false;
        }

        var syntax = FormulaParser.Parse(name, text, limits, out var syntaxError);
        if (syntax is null)
        {
            errors = [syntaxError!];
            return false;
        }

        try
        {
            var binder = new Binder(name, text, variables, tables);
            var bound = binder.BindFormula(syntax);
            if (binder.Errors.Count > 0)
            {
                errors = [.. binder.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column)];
                return false;
            }

            var emitter = new Emitter(text);
            emitter.Emit(bound);
            formula = new CompiledFormula(
                name, source, [.. binder.Slots], emitter, binder.Tables, limits.MaxSteps, SyntaxPrinter.Print(syntax));
            errors = [];
            return true;
        }
        catch (InsufficientExecutionStackException)
        {
            // Only reachable with limits far above the defaults: a chain too long for the thread's stack.
            errors = [FormulaErrors.At(name, text, FormulaErrorCode.TooDeep, syntax.Span,
                limits.MaxDepth.ToString(CultureInfo.InvariantCulture))];
            return false;
        }
    }
}
