namespace Jixiao.Formulas.Syntax;

/// <summary>A node of a parsed formula; every node knows where it came from in the source.</summary>
internal abstract record SyntaxNode(SourceSpan Span);

/// <summary>A number as written: <c>12</c>, <c>12.5</c>, <c>.5</c> or a percent <c>110%</c> (Value = 1.10).</summary>
internal sealed record NumberLiteral(decimal Value, string Text, SourceSpan Span) : SyntaxNode(Span);

/// <summary><c>true</c> or <c>false</c>.</summary>
internal sealed record BooleanLiteral(bool Value, SourceSpan Span) : SyntaxNode(Span);

/// <summary>A name: a variable, or a band table when it is the second argument of <c>lookup</c>.</summary>
internal sealed record Identifier(string Name, SourceSpan Span) : SyntaxNode(Span);

/// <summary>The operators that take one operand.</summary>
internal enum UnaryOperator
{
    Negate,
    Not,
}

/// <summary><c>-x</c> or <c>not x</c>; the operator sits at the start of <see cref="SyntaxNode.Span"/>.</summary>
internal sealed record UnaryExpression(UnaryOperator Operator, SyntaxNode Operand, SourceSpan Span) : SyntaxNode(Span);

/// <summary>The operators that take two operands, from the loosest binding to the tightest.</summary>
internal enum BinaryOperator
{
    Or,
    And,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Add,
    Subtract,
    Multiply,
    Divide,
}

/// <summary><c>left op right</c>, with the operator's own position for error messages.</summary>
internal sealed record BinaryExpression(
    BinaryOperator Operator,
    SyntaxNode Left,
    SyntaxNode Right,
    SourceSpan OperatorSpan,
    SourceSpan Span) : SyntaxNode(Span);

/// <summary><c>name(arg, ...)</c>; the function name is resolved by the binder, ignoring case.</summary>
internal sealed record CallExpression(
    string FunctionName,
    SourceSpan NameSpan,
    IReadOnlyList<SyntaxNode> Arguments,
    SourceSpan Span) : SyntaxNode(Span);

/// <summary>A binary operator token as read by the parser, before its operands are combined.</summary>
internal readonly record struct OperatorToken(BinaryOperator Operator, SourceSpan Span);

/// <summary>Spellings and precedence of the operators, shared by the parser, binder and printer.</summary>
internal static class Operators
{
    /// <summary>Higher binds tighter. Unary operators bind tighter than every binary one.</summary>
    public const int UnaryPrecedence = 6;

    public static int Precedence(BinaryOperator op) => op switch
    {
        BinaryOperator.Or => 1,
        BinaryOperator.And => 2,
        BinaryOperator.Add or BinaryOperator.Subtract => 4,
        BinaryOperator.Multiply or BinaryOperator.Divide => 5,
        _ => 3,
    };

    /// <summary>The canonical spelling, used by <c>Describe</c> and in messages.</summary>
    public static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Or => "or",
        BinaryOperator.And => "and",
        BinaryOperator.Equal => "=",
        BinaryOperator.NotEqual => "<>",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        _ => "/",
    };

    public static string Symbol(UnaryOperator op) => op == UnaryOperator.Negate ? "-" : "not";

    public static bool IsComparison(BinaryOperator op) => Precedence(op) == 3;

    public static bool IsLogical(BinaryOperator op) => op is BinaryOperator.And or BinaryOperator.Or;
}
