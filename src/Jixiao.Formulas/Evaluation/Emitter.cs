using System.Runtime.CompilerServices;
using Jixiao.Formulas.Binding;
using Jixiao.Formulas.Syntax;

namespace Jixiao.Formulas.Evaluation;

/// <summary>Compiles a bound tree into instructions for <see cref="CompiledFormula"/>, tracking the stack depth it needs.</summary>
internal sealed class Emitter(SourceText source)
{
    private readonly List<Instruction> _code = [];
    private readonly List<decimal> _constants = [];
    private readonly List<ErrorSite> _sites = [];
    private readonly Dictionary<SyntaxNode, int> _siteIndexes = new(ReferenceEqualityComparer.Instance);
    private int _depth;

    public IReadOnlyList<Instruction> Code => _code;

    public IReadOnlyList<decimal> Constants => _constants;

    public IReadOnlyList<ErrorSite> Sites => _sites;

    public int MaxStack { get; private set; }

    public void Emit(BoundNode node)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (node)
        {
            case BoundConstant constant:
                _constants.Add(constant.Value);
                Add(OpCode.PushConstant, _constants.Count - 1, node, +1);
                break;
            case BoundVariable variable:
                Add(OpCode.PushVariable, variable.Slot, node, +1);
                break;
            case BoundUnary unary:
                Emit(unary.Operand);
                Add(unary.Operator == UnaryOperator.Negate ? OpCode.Negate : OpCode.Not, 0, node, 0);
                break;
            case BoundBinary { Operator: BinaryOperator.And or BinaryOperator.Or } logical:
                // a and b: a; JumpIfFalseOrPop end; b; end:  (b never runs when a decides)
                Emit(logical.Left);
                var shortCircuit = Add(
                    logical.Operator == BinaryOperator.And ? OpCode.JumpIfFalseOrPop : OpCode.JumpIfTrueOrPop, -1, node, -1);
                Emit(logical.Right);
                Patch(shortCircuit);
                break;
            case BoundBinary binary:
                Emit(binary.Left);
                Emit(binary.Right);
                // Division by zero is the divisor's fault: a division keeps the divisor's site as its
                // operand, next to its own site for overflow.
                var divisorSite = binary.Operator == BinaryOperator.Divide ? Site(binary.Right.Syntax) : 0;
                Add(BinaryOpCode(binary.Operator), divisorSite, node, -1);
                break;
            case BoundIf conditional:
                // c; JumpIfFalse else; a; Jump end; else: b; end:
                Emit(conditional.Condition);
                var toElse = Add(OpCode.JumpIfFalse, -1, node, -1);
                Emit(conditional.WhenTrue);
                var toEnd = Add(OpCode.Jump, -1, node, 0);
                Patch(toElse);
                _depth--; // the else branch starts from the depth the true branch started from
                Emit(conditional.WhenFalse);
                Patch(toEnd);
                break;
            case BoundCall call:
                EmitCall(call);
                break;
            default:
                throw new InvalidOperationException($"Cannot emit {node.GetType().Name}.");
        }
    }

    private void EmitCall(BoundCall call)
    {
        var arguments = call.Arguments;
        Emit(arguments[0]);
        switch (call.Function)
        {
            case Function.Min or Function.Max:
                var op = call.Function == Function.Min ? OpCode.Min : OpCode.Max;
                for (var i = 1; i < arguments.Count; i++)
                {
                    Emit(arguments[i]);
                    Add(op, 0, call, -1);
                }

                break;
            case Function.Clamp:
                Emit(arguments[1]);
                Emit(arguments[2]);
                Add(OpCode.Clamp, 0, call, -2);
                break;
            case Function.Abs:
                Add(OpCode.Abs, 0, call, 0);
                break;
            case Function.Round:
                Add(OpCode.Round, call.Operand, call, 0);
                break;
            case Function.Lookup:
                Add(OpCode.Lookup, call.Operand, call, 0);
                break;
            default:
                throw new InvalidOperationException($"Cannot emit function {call.Function}.");
        }
    }

    private static OpCode BinaryOpCode(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => OpCode.Add,
        BinaryOperator.Subtract => OpCode.Subtract,
        BinaryOperator.Multiply => OpCode.Multiply,
        BinaryOperator.Divide => OpCode.Divide,
        BinaryOperator.Equal => OpCode.Equal,
        BinaryOperator.NotEqual => OpCode.NotEqual,
        BinaryOperator.Less => OpCode.Less,
        BinaryOperator.LessOrEqual => OpCode.LessOrEqual,
        BinaryOperator.Greater => OpCode.Greater,
        BinaryOperator.GreaterOrEqual => OpCode.GreaterOrEqual,
        _ => throw new InvalidOperationException($"{op} is not emitted as one instruction."),
    };

    private int Add(OpCode op, int operand, BoundNode site, int stackEffect) => Add(op, operand, site.Syntax, stackEffect);

    private int Add(OpCode op, int operand, SyntaxNode site, int stackEffect)
    {
        _code.Add(new Instruction(op, operand, Site(site)));
        _depth += stackEffect;
        MaxStack = Math.Max(MaxStack, _depth);
        return _code.Count - 1;
    }

    private int Site(SyntaxNode node)
    {
        if (!_siteIndexes.TryGetValue(node, out var index))
        {
            index = _sites.Count;
            _sites.Add(new ErrorSite(node.Span.Line, node.Span.Column, source.Slice(node.Span), source.LineText(node.Span.Line)));
            _siteIndexes.Add(node, index);
        }

        return index;
    }

    private void Patch(int jump) => _code[jump] = _code[jump] with { Operand = _code.Count };
}
