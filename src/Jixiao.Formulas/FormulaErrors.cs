using Jixiao.Formulas.Syntax;

namespace Jixiao.Formulas;

/// <summary>Builds errors at a source position, with the source line as snippet.</summary>
internal static class FormulaErrors
{
    public static FormulaError At(string formulaName, SourceText source, FormulaErrorCode code, int offset, params string[] arguments)
    {
        var (line, column) = source.LineAndColumn(offset);
        return new FormulaError(formulaName, code, line, column, source.LineText(line), arguments);
    }

    public static FormulaError At(string formulaName, SourceText source, FormulaErrorCode code, SourceSpan span, params string[] arguments) =>
        new(formulaName, code, span.Line, span.Column, source.LineText(span.Line), arguments);
}
