using Jixiao.Formulas.Syntax;

namespace Jixiao.Formulas.Binding;

/// <summary>The type of an expression. <see cref="Error"/> marks a node already reported, so it raises no more errors.</summary>
internal enum FormulaType
{
    Number,
    Boolean,
    Error,
}

/// <summary>The built-in functions.</summary>
internal enum Function
{
    If,
    Min,
    Max,
    Round,
    Clamp,
    Abs,
    Lookup,
}

/// <summary>A syntax node after names, functions and types are resolved.</summary>
internal abstract record BoundNode(FormulaType Type, SyntaxNode Syntax);

/// <summary>A literal; booleans are 1 and 0.</summary>
internal sealed record BoundConstant(decimal Value, FormulaType Type, SyntaxNode Syntax) : BoundNode(Type, Syntax);

/// <summary>A variable, by slot.</summary>
internal sealed record BoundVariable(int Slot, SyntaxNode Syntax) : BoundNode(FormulaType.Number, Syntax);

/// <summary>Negation or logical not.</summary>
internal sealed record BoundUnary(UnaryOperator Operator, BoundNode Operand, FormulaType Type, SyntaxNode Syntax)
    : BoundNode(Type, Syntax);

/// <summary>Arithmetic, comparison, and the short-circuit <c>and</c>/<c>or</c>.</summary>
internal sealed record BoundBinary(BinaryOperator Operator, BoundNode Left, BoundNode Right, FormulaType Type, SyntaxNode Syntax)
    : BoundNode(Type, Syntax);

/// <summary><c>if(condition, whenTrue, whenFalse)</c>; only the branch taken is evaluated.</summary>
internal sealed record BoundIf(BoundNode Condition, BoundNode WhenTrue, BoundNode WhenFalse, FormulaType Type, SyntaxNode Syntax)
    : BoundNode(Type, Syntax);

/// <summary>A numeric function. <paramref name="Operand"/> is the digits of round or the table index of lookup.</summary>
internal sealed record BoundCall(Function Function, IReadOnlyList<BoundNode> Arguments, int Operand, SyntaxNode Syntax)
    : BoundNode(FormulaType.Number, Syntax);

/// <summary>Stands for a node that could not be bound; its error is already reported.</summary>
internal sealed record BoundError(SyntaxNode Syntax) : BoundNode(FormulaType.Error, Syntax);
