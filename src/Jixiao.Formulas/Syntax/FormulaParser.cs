using System.Globalization;
using Parlot;
using Parlot.Fluent;

namespace Jixiao.Formulas.Syntax;

/// <summary>Turns formula source into a syntax tree, or into the first syntax error with its position.</summary>
internal static class FormulaParser
{
    /*
     * Grammar (EBNF). Keywords and function names ignore case; white space, including line breaks,
     * may appear between any two tokens.
     *
     *   formula        = expression EOF ;
     *   expression     = or ;
     *   or             = and { "or" and } ;
     *   and            = comparison { "and" comparison } ;
     *   comparison     = additive { ( "<=" | ">=" | "<>" | "!=" | "==" | "<" | ">" | "=" ) additive } ;
     *   additive       = multiplicative { ( "+" | "-" ) multiplicative } ;
     *   multiplicative = unary { ( "*" | "/" ) unary } ;
     *   unary          = ( "-" | "not" ) unary
     *                  | primary ;
     *   primary        = number
     *                  | "true" | "false"
     *                  | call
     *                  | identifier
     *                  | "(" expression ")" ;
     *   call           = identifier "(" [ expression { "," expression } ] ")" ;
     *   number         = ( digits [ "." digits ] | "." digits ) [ "%" ] ;   (* no space before "%" *)
     *   digits         = digit { digit } ;
     *   identifier     = letter { letter | digit } ;                       (* not a keyword *)
     *   letter         = "A".."Z" | "a".."z" | "_" | a CJK letter ;
     *   keyword        = "and" | "or" | "not" | "true" | "false" ;
     *
     * Comparisons chain syntactically (a < b < c) but the binder rejects that as a type error: a
     * comparison yields a boolean and compares numbers.
     *
     * Errors: the places where input must follow (an operand, a closing parenthesis, the end of the
     * formula) use ElseError, which stops the parse at once with the position where the cursor was.
     * The message is one of the SyntaxErrorKind names, turned into a localised FormulaError by Parse.
     * Nesting (parentheses, calls, unary operators) is counted in FormulaParseContext as the parse
     * descends, so input nested deeper than FormulaLimits.MaxDepth stops before the stack grows.
     */

    private static readonly Parser<SyntaxNode> Formula = BuildGrammar();

    public static SyntaxNode? Parse(
        string formulaName,
        SourceText source,
        FormulaLimits limits,
        out FormulaError? error)
    {
        var context = new FormulaParseContext(source, limits.MaxDepth);
        try
        {
            if (Formula.TryParse(context, out var node, out var parseError))
            {
                error = null;
                return node;
            }

            error = ToFormulaError(formulaName, source, limits, parseError?.Message, parseError?.Position.Offset ?? 0);
            return null;
        }
        catch (ParseException ex)
        {
            error = ToFormulaError(formulaName, source, limits, ex.Message, ex.Position.Offset);
            return null;
        }
        catch (InsufficientExecutionStackException)
        {
            error = ToFormulaError(formulaName, source, limits, SyntaxErrorKind.TooDeep, context.DeepestOffset);
            return null;
        }
    }

    private static Parser<SyntaxNode> BuildGrammar()
    {
        var word = Terms.Identifier(IsIdentifierStart, IsIdentifierPart);

        Parser<TextSpan> Keyword(string keyword) =>
            word.When((_, w) => w.Span.Equals(keyword, StringComparison.OrdinalIgnoreCase));

        Parser<OperatorToken> Symbol(string text, BinaryOperator op) =>
            Terms.Text(text).Then((ctx, start, end, _) => new OperatorToken(op, Source(ctx).Span(start, end)));

        Parser<OperatorToken> WordOperator(string keyword, BinaryOperator op) =>
            Keyword(keyword).Then((ctx, start, end, _) => new OperatorToken(op, Source(ctx).Span(start, end)));

        var expression = Deferred<SyntaxNode>();
        var unary = Deferred<SyntaxNode>();

        // number: Pattern reads the longest run of digits and dots; malformed runs such as "1.2.3"
        // or "12." are reported as one invalid number rather than as two confusing tokens.
        var number = Terms.Pattern(c => char.IsAsciiDigit(c) || c == '.')
            .And(Literals.Char('%').Then(true).Else(false))
            .Then<SyntaxNode>((ctx, start, end, value) => ReadNumber(Source(ctx), start, end, value.Item2));

        var boolean = OneOf(
            Keyword("true").Then<SyntaxNode>((ctx, start, end, _) => new BooleanLiteral(true, Source(ctx).Span(start, end))),
            Keyword("false").Then<SyntaxNode>((ctx, start, end, _) => new BooleanLiteral(false, Source(ctx).Span(start, end))));

        var name = word
            .When((_, w) => !IsKeyword(w.Span))
            .Then((ctx, start, end, w) => (Name: w.ToString(), Span: Source(ctx).Span(start, end)));

        var identifier = name.Then<SyntaxNode>(n => new Identifier(n.Name, n.Span));

        // "(" opens a nesting level; every parser after it reports an error rather than failing, so
        // the level is always closed by the matching ")" or the parse stops.
        var open = Terms.Char('(').Then((ctx, start, _, _) => Enter(ctx, start));
        Parser<int> Close(string errorKind) =>
            Terms.Char(')').Then((ctx, _, end, _) => Exit(ctx, end)).ElseError(errorKind);

        var comma = Terms.Char(',');
        var noArguments = Terms.Char(')').Then((ctx, _, end, _) => (Arguments: (IReadOnlyList<SyntaxNode>)[], End: Exit(ctx, end)));
        var someArguments = Separated(comma, expression)
            .And(Close(SyntaxErrorKind.ExpectedCommaOrClosingParenthesis))
            .Then(a => (Arguments: (IReadOnlyList<SyntaxNode>)[.. a.Item1], End: a.Item2));

        var call = name.And(open).And(OneOf(noArguments, someArguments))
            .Then<SyntaxNode>((ctx, c) =>
            {
                var (callee, _, arguments) = c;
                return new CallExpression(
                    callee.Name,
                    callee.Span,
                    arguments.Arguments,
                    SourceSpan.Cover(callee.Span, Source(ctx).Span(arguments.End, arguments.End)));
            });

        var parenthesized = open.And(expression).And(Close(SyntaxErrorKind.ExpectedClosingParenthesis))
            .Then((ctx, p) =>
            {
                var (start, inner, end) = p;
                // The node keeps the parentheses in its span, so errors about it point at "(".
                return inner with { Span = Source(ctx).Span(start, end) };
            });

        var primary = OneOf(number, boolean, call, identifier, parenthesized)
            .ElseError(SyntaxErrorKind.ExpectedExpression);

        var negate = Terms.Char('-').Then((ctx, start, _, _) => Enter(ctx, start))
            .And(unary)
            .Then<SyntaxNode>((ctx, u) => MakeUnary(ctx, UnaryOperator.Negate, u.Item1, u.Item2));
        var not = Keyword("not").Then((ctx, start, _, _) => Enter(ctx, start))
            .And(unary)
            .Then<SyntaxNode>((ctx, u) => MakeUnary(ctx, UnaryOperator.Not, u.Item1, u.Item2));
        unary.Parser = OneOf(negate, not, primary);

        static SyntaxNode Combine(SyntaxNode left, SyntaxNode right, OperatorToken op) =>
            new BinaryExpression(op.Operator, left, right, op.Span, SourceSpan.Cover(left.Span, right.Span));

        var multiplicative = Parsers.LeftAssociative(
            unary,
            [OneOf(Symbol("*", BinaryOperator.Multiply), Symbol("/", BinaryOperator.Divide))],
            Combine);
        var additive = Parsers.LeftAssociative(
            multiplicative,
            [OneOf(Symbol("+", BinaryOperator.Add), Symbol("-", BinaryOperator.Subtract))],
            Combine);
        // Longer spellings first: "<" must not take the first char of "<=" or "<>".
        var comparison = Parsers.LeftAssociative(
            additive,
            [OneOf(
                Symbol("<=", BinaryOperator.LessOrEqual),
                Symbol(">=", BinaryOperator.GreaterOrEqual),
                Symbol("<>", BinaryOperator.NotEqual),
                Symbol("!=", BinaryOperator.NotEqual),
                Symbol("==", BinaryOperator.Equal),
                Symbol("<", BinaryOperator.Less),
                Symbol(">", BinaryOperator.Greater),
                Symbol("=", BinaryOperator.Equal))],
            Combine);
        var and = Parsers.LeftAssociative(comparison, [WordOperator("and", BinaryOperator.And)], Combine);
        var or = Parsers.LeftAssociative(and, [WordOperator("or", BinaryOperator.Or)], Combine);
        expression.Parser = or;

        return expression.AndSkip(Parsers.SkipWhiteSpace(Always()).Eof().ElseError(SyntaxErrorKind.UnexpectedInput));
    }

    private static FormulaParseContext Context(ParseContext context) => (FormulaParseContext)context;

    private static SourceText Source(ParseContext context) => Context(context).Source;

    private static int Enter(ParseContext context, int offset)
    {
        var formulaContext = Context(context);
        formulaContext.Depth++;
        if (formulaContext.Depth > formulaContext.MaxDepth)
        {
            var (line, column) = formulaContext.Source.LineAndColumn(offset);
            throw new ParseException(SyntaxErrorKind.TooDeep, new TextPosition(offset, line, column));
        }

        formulaContext.DeepestOffset = Math.Max(formulaContext.DeepestOffset, offset);
        return offset;
    }

    private static int Exit(ParseContext context, int offset)
    {
        Context(context).Depth--;
        return offset;
    }

    private static UnaryExpression MakeUnary(ParseContext context, UnaryOperator op, int start, SyntaxNode operand)
    {
        Exit(context, start);
        return new UnaryExpression(op, operand, SourceSpan.Cover(Source(context).Span(start, start), operand.Span));
    }

    private static NumberLiteral ReadNumber(SourceText source, int start, int end, bool percent)
    {
        var digitsEnd = percent ? end - 1 : end;
        var digits = source.Text.AsSpan(start, digitsEnd - start);
        var dot = digits.IndexOf('.');
        // At most one dot, with a digit after it: "12", "12.5", ".5" but not "12.", "." or "1.2.3".
        var wellFormed = digits.Length > 0 && digits.LastIndexOf('.') == dot && dot != digits.Length - 1;
        if (!wellFormed)
        {
            var (line, column) = source.LineAndColumn(start);
            throw new ParseException(SyntaxErrorKind.InvalidNumber, new TextPosition(start, line, column));
        }

        if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            var (line, column) = source.LineAndColumn(start);
            throw new ParseException(SyntaxErrorKind.NumberTooLarge, new TextPosition(start, line, column));
        }

        if (percent)
        {
            value = Percent(value);
        }

        return new NumberLiteral(value, source.Text[start..end], source.Span(start, end));
    }

    // 110% is 1.10, not 1.1: moving the decimal point keeps the digits as written.
    private static decimal Percent(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (byte)((bits[3] >> 16) & 0xFF);
        return scale <= 26
            ? new decimal(bits[0], bits[1], bits[2], value < 0m, (byte)(scale + 2))
            : value / 100m;
    }

    private static FormulaError ToFormulaError(string formulaName, SourceText source, FormulaLimits limits, string? kind, int offset)
    {
        switch (kind)
        {
            case SyntaxErrorKind.TooDeep:
                return FormulaErrors.At(formulaName, source, FormulaErrorCode.TooDeep, offset,
                    limits.MaxDepth.ToString(CultureInfo.InvariantCulture));
            case SyntaxErrorKind.NumberTooLarge:
                return FormulaErrors.At(formulaName, source, FormulaErrorCode.Overflow, offset, Token(source.Text, offset));
            case SyntaxErrorKind.InvalidNumber:
                return FormulaErrors.At(formulaName, source, FormulaErrorCode.Syntax, offset, kind, Token(source.Text, offset));
            case SyntaxErrorKind.ExpectedExpression:
            case SyntaxErrorKind.ExpectedClosingParenthesis:
            case SyntaxErrorKind.ExpectedCommaOrClosingParenthesis:
            case SyntaxErrorKind.UnexpectedInput:
                // ElseError reports where the cursor was, before the white space that precedes the
                // offending token: point at the token itself.
                offset = SkipSpaces(source.Text, offset);
                return FormulaErrors.At(formulaName, source, FormulaErrorCode.Syntax, offset, kind, Token(source.Text, offset));
            default:
                // Parlot's own guard against a thread stack too small for the nesting.
                if (kind is not null && kind.Contains("deep", StringComparison.OrdinalIgnoreCase))
                {
                    return FormulaErrors.At(formulaName, source, FormulaErrorCode.TooDeep, offset,
                        limits.MaxDepth.ToString(CultureInfo.InvariantCulture));
                }

                offset = SkipSpaces(source.Text, offset);
                return FormulaErrors.At(formulaName, source, FormulaErrorCode.Syntax, offset,
                    SyntaxErrorKind.UnexpectedInput, Token(source.Text, offset));
        }
    }

    // When only white space follows, the error stays right after the last token rather than on an
    // empty line past it, so the caret has a line to point into.
    private static int SkipSpaces(string text, int offset)
    {
        var next = offset;
        while (next < text.Length && char.IsWhiteSpace(text[next]))
        {
            next++;
        }

        return next < text.Length ? next : offset;
    }

    /// <summary>The token that starts at <paramref name="offset"/>, for "found ..." in messages; empty at the end.</summary>
    internal static string Token(string text, int offset)
    {
        while (offset < text.Length && char.IsWhiteSpace(text[offset]))
        {
            offset++;
        }

        if (offset >= text.Length)
        {
            return "";
        }

        var end = offset + 1;
        var first = text[offset];
        if (IsIdentifierStart(first))
        {
            while (end < text.Length && IsIdentifierPart(text[end]))
            {
                end++;
            }
        }
        else if (char.IsAsciiDigit(first) || first == '.')
        {
            while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.' || text[end] == '%'))
            {
                end++;
            }
        }
        else if (char.IsHighSurrogate(first) && end < text.Length)
        {
            end++;
        }
        else if (end < text.Length && text.AsSpan(offset, 2) is "<=" or ">=" or "<>" or "!=" or "==")
        {
            end++;
        }

        return text[offset..end];
    }

    internal static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_' || IsCjkLetter(c);

    internal static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || char.IsAsciiDigit(c);

    // CJK ideographs, kana and hangul are letters of category OtherLetter from U+2E80 on; this leaves
    // out CJK punctuation (（），。 etc.), which must stay an error rather than become part of a name.
    private static bool IsCjkLetter(char c) =>
        c >= '\u2E80' && char.GetUnicodeCategory(c) == UnicodeCategory.OtherLetter;

    internal static bool IsKeyword(ReadOnlySpan<char> word) =>
        word.Equals("and", StringComparison.OrdinalIgnoreCase)
        || word.Equals("or", StringComparison.OrdinalIgnoreCase)
        || word.Equals("not", StringComparison.OrdinalIgnoreCase)
        || word.Equals("true", StringComparison.OrdinalIgnoreCase)
        || word.Equals("false", StringComparison.OrdinalIgnoreCase);

    /// <summary>Per-parse state: the source for positions and the current nesting depth.</summary>
    private sealed class FormulaParseContext(SourceText source, int maxDepth) : ParseContext(new Scanner(source.Text), false)
    {
        public SourceText Source { get; } = source;

        public int MaxDepth { get; } = maxDepth;

        public int Depth { get; set; }

        public int DeepestOffset { get; set; }
    }
}

/// <summary>The kinds of syntax error; the first argument of a <see cref="FormulaErrorCode.Syntax"/> error.</summary>
internal static class SyntaxErrorKind
{
    public const string ExpectedExpression = nameof(ExpectedExpression);
    public const string ExpectedClosingParenthesis = nameof(ExpectedClosingParenthesis);
    public const string ExpectedCommaOrClosingParenthesis = nameof(ExpectedCommaOrClosingParenthesis);
    public const string UnexpectedInput = nameof(UnexpectedInput);
    public const string InvalidNumber = nameof(InvalidNumber);

    // Not syntax errors in the end: they become TooDeep and Overflow.
    public const string TooDeep = nameof(TooDeep);
    public const string NumberTooLarge = nameof(NumberTooLarge);
}
