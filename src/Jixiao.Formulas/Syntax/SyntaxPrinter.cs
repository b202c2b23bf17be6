using System.Runtime.CompilerServices;
using System.Text;
using Jixiao.Formulas.Binding;

namespace Jixiao.Formulas.Syntax;

/// <summary>Prints a syntax tree in canonical form: lower-case keywords and functions, one space around
/// binary operators, "=" and "&lt;&gt;" for equality, and only the parentheses precedence needs.</summary>
internal static class SyntaxPrinter
{
    private const int PrimaryPrecedence = Operators.UnaryPrecedence + 1;

    public static string Print(SyntaxNode node)
    {
        var builder = new StringBuilder();
        Write(builder, node);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, SyntaxNode node)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (node)
        {
            case NumberLiteral number:
                builder.Append(number.Text[0] == '.' ? "0" + number.Text : number.Text);
                break;
            case BooleanLiteral boolean:
                builder.Append(boolean.Value ? "true" : "false");
                break;
            case Identifier identifier:
                builder.Append(identifier.Name);
                break;
            case UnaryExpression unary:
                builder.Append(unary.Operator == UnaryOperator.Negate ? "-" : "not ");
                // "-(-x)" rather than "--x", which reads like a typo.
                var wrap = Precedence(unary.Operand) < Operators.UnaryPrecedence
                    || unary.Operand is UnaryExpression { Operator: UnaryOperator.Negate } && unary.Operator == UnaryOperator.Negate;
                WriteOperand(builder, unary.Operand, wrap);
                break;
            case BinaryExpression binary:
                var precedence = Operators.Precedence(binary.Operator);
                WriteOperand(builder, binary.Left, Precedence(binary.Left) < precedence);
                builder.Append(' ').Append(Operators.Symbol(binary.Operator)).Append(' ');
                WriteOperand(builder, binary.Right, Precedence(binary.Right) <= precedence);
                break;
            case CallExpression call:
                builder.Append(Binder.IsFunction(call.FunctionName)
                    ? call.FunctionName.ToLowerInvariant()
                    : call.FunctionName).Append('(');
                for (var i = 0; i < call.Arguments.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    Write(builder, call.Arguments[i]);
                }

                builder.Append(')');
                break;
            default:
                throw new InvalidOperationException($"Cannot print {node.GetType().Name}.");
        }
    }

    private static void WriteOperand(StringBuilder builder, SyntaxNode operand, bool parenthesize)
    {
        if (parenthesize)
        {
            builder.Append('(');
        }

        Write(builder, operand);
        if (parenthesize)
        {
            builder.Append(')');
        }
    }

    private static int Precedence(SyntaxNode node) => node switch
    {
        BinaryExpression binary => Operators.Precedence(binary.Operator),
        UnaryExpression => Operators.UnaryPrecedence,
        _ => PrimaryPrecedence,
    };
}
