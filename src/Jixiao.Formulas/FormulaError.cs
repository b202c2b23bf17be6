using System.Globalization;
using System.Text;
using Jixiao.Formulas.Resources;

namespace Jixiao.Formulas;

/// <summary>What went wrong with a formula, at compile time or at evaluation.</summary>
public enum FormulaErrorCode
{
    /// <summary>The text does not follow the grammar. Arguments: kind, offending token ("" at the end).</summary>
    Syntax,

    /// <summary>A name that is not in the variable catalogue. Arguments: name.</summary>
    UnknownVariable,

    /// <summary>A call to a function the language does not have. Arguments: name.</summary>
    UnknownFunction,

    /// <summary>The table of a <c>lookup</c> is not among the band tables given. Arguments: table text.</summary>
    UnknownTable,

    /// <summary>Arguments: function, minimum count, maximum count ("" when unbounded), actual count.</summary>
    WrongArgumentCount,

    /// <summary>A number where a boolean is needed or the reverse. Arguments: operator or function ("" for
    /// the formula's result), expected type, actual type (<c>Number</c> or <c>Boolean</c>).</summary>
    TypeMismatch,

    /// <summary>The digits of <c>round</c> are not an integer literal from 0 to 10. Arguments: the text given.</summary>
    InvalidRoundDigits,

    /// <summary>The source is longer than <see cref="FormulaLimits.MaxLength"/>. Arguments: length, limit.</summary>
    TooLong,

    /// <summary>Nesting deeper than <see cref="FormulaLimits.MaxDepth"/>. Arguments: limit.</summary>
    TooDeep,

    /// <summary>Evaluation ran more than <see cref="FormulaLimits.MaxSteps"/> steps. Arguments: limit.</summary>
    TooManySteps,

    /// <summary>A divisor was zero. Arguments: the divisor's source text.</summary>
    DivisionByZero,

    /// <summary>A result or a literal does not fit in a decimal. Arguments: the source text.</summary>
    Overflow,

    /// <summary>A <c>lookup</c> value falls in no band. Arguments: table name, value.</summary>
    LookupOutOfRange,
}

/// <summary>One error of one formula, with its position and what a user needs to fix it.</summary>
/// <param name="FormulaName">The name the formula was compiled under.</param>
/// <param name="Code">The kind of error; it selects the message.</param>
/// <param name="Line">1-based line of the offending text.</param>
/// <param name="Column">1-based column (in UTF-16 chars) of the offending text.</param>
/// <param name="Snippet">The whole source line the error is on, shown under the message with a caret.</param>
/// <param name="Arguments">Culture-neutral details that fill in the message; see <see cref="FormulaErrorCode"/>.</param>
public sealed record FormulaError(
    string FormulaName,
    FormulaErrorCode Code,
    int Line,
    int Column,
    string Snippet,
    IReadOnlyList<string> Arguments)
{
    /// <summary>The message alone, without formula name, position or source line.</summary>
    /// <param name="culture">zh* gives Simplified Chinese unless it is a Traditional one (zh-TW, zh-HK, zh-Hant…);
    /// any other culture gives English (<see cref="Localization.Languages.Of"/>).</param>
    public string FormatMessage(CultureInfo culture) => FormulaMessages.Message(this, culture);

    /// <summary>The message with formula name and position, then the source line and a caret under the column.</summary>
    public string Format(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var builder = new StringBuilder(FormulaMessages.Header(this, culture));
        if (Line > 0 && Column > 0 && !string.IsNullOrEmpty(Snippet))
        {
            builder.Append('\n').Append(Snippet).Append('\n');
            AppendCaretPadding(builder, Snippet, Column - 1);
            builder.Append('^');
        }

        return builder.ToString();
    }

    /// <summary>The English text of <see cref="Format"/>.</summary>
    public override string ToString() => Format(CultureInfo.InvariantCulture);

    /// <summary>Compares all members, the arguments element by element.</summary>
    public bool Equals(FormulaError? other) =>
        other is not null
        && FormulaName == other.FormulaName
        && Code == other.Code
        && Line == other.Line
        && Column == other.Column
        && Snippet == other.Snippet
        && Arguments.SequenceEqual(other.Arguments);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(FormulaName, Code, Line, Column, Snippet, Arguments.Count);

    // Tabs are copied and wide (CJK) chars become an ideographic space, so the caret lines up under
    // the column in a terminal as well as in a monospace UI font.
    private static void AppendCaretPadding(StringBuilder builder, string line, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var c = i < line.Length ? line[i] : ' ';
            builder.Append(c switch
            {
                '\t' => '\t',
                _ when IsWide(c) => '\u3000',
                _ => ' ',
            });
        }
    }

    private static bool IsWide(char c) =>
        c is (>= '\u1100' and <= '\u115F') or (>= '\u2E80' and <= '\uA4CF') or (>= '\uAC00' and <= '\uD7A3')
            or (>= '\uF900' and <= '\uFAFF') or (>= '\uFE30' and <= '\uFE4F') or (>= '\uFF00' and <= '\uFF60')
            or (>= '\uFFE0' and <= '\uFFE6');
}
