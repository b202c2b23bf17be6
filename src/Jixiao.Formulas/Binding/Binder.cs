using System.Globalization;
using System.Runtime.CompilerServices;
using Jixiao.Formulas.Syntax;

namespace Jixiao.Formulas.Binding;

/// <summary>Resolves variables to slots, tables and functions, and checks types and arity, collecting every error.</summary>
internal sealed class Binder(
    string formulaName,
    SourceText source,
    VariableCatalogue variables,
    IReadOnlyDictionary<string, BandTable>? tables)
{
    private readonly List<FormulaError> _errors = [];
    private readonly List<BandTable> _tables = [];
    private readonly SortedSet<int> _slots = [];

    public IReadOnlyList<FormulaError> Errors => _errors;

    /// <summary>The band tables used, in the order of their indexes in <see cref="BoundCall.Operand"/>.</summary>
    public IReadOnlyList<BandTable> Tables => _tables;

    /// <summary>The slots read, distinct and sorted.</summary>
    public IReadOnlyCollection<int> Slots => _slots;

    public BoundNode BindFormula(SyntaxNode root)
    {
        var bound = Bind(root);
        if (bound.Type == FormulaType.Boolean)
        {
            Report(FormulaErrorCode.TypeMismatch, root.Span, "", nameof(FormulaType.Number), nameof(FormulaType.Boolean));
        }

        return bound;
    }

    private BoundNode Bind(SyntaxNode node)
    {
        // Chains such as a+b+...+z nest on the left without limit; fail cleanly on a tiny stack.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        return node switch
        {
            NumberLiteral n => new BoundConstant(n.Value, FormulaType.Number, n),
            BooleanLiteral b => new BoundConstant(b.Value ? 1m : 0m, FormulaType.Boolean, b),
            Identifier i => BindVariable(i),
            UnaryExpression u => BindUnary(u),
            BinaryExpression b => BindBinary(b),
            CallExpression c => BindCall(c),
            _ => throw new InvalidOperationException($"Unexpected syntax node {node.GetType().Name}."),
        };
    }

    private BoundNode BindVariable(Identifier identifier)
    {
        if (variables.TryGetSlot(identifier.Name, out var slot))
        {
            _slots.Add(slot);
            return new BoundVariable(slot, identifier);
        }

        Report(FormulaErrorCode.UnknownVariable, identifier.Span, identifier.Name);
        return new BoundError(identifier);
    }

    private BoundUnary BindUnary(UnaryExpression unary)
    {
        var type = unary.Operator == UnaryOperator.Negate ? FormulaType.Number : FormulaType.Boolean;
        var operand = Require(Bind(unary.Operand), type, Operators.Symbol(unary.Operator));
        return new BoundUnary(unary.Operator, operand, type, unary);
    }

    private BoundBinary BindBinary(BinaryExpression binary)
    {
        var op = binary.Operator;
        var operandType = Operators.IsLogical(op) ? FormulaType.Boolean : FormulaType.Number;
        var resultType = Operators.IsLogical(op) || Operators.IsComparison(op) ? FormulaType.Boolean : FormulaType.Number;
        var symbol = Operators.Symbol(op);
        var left = Require(Bind(binary.Left), operandType, symbol);
        var right = Require(Bind(binary.Right), operandType, symbol);
        return new BoundBinary(op, left, right, resultType, binary);
    }

    private BoundNode BindCall(CallExpression call)
    {
        var arguments = call.Arguments;
        if (!TryResolve(call.FunctionName, out var function))
        {
            Report(FormulaErrorCode.UnknownFunction, call.NameSpan, call.FunctionName);
            BindAll(arguments);
            return new BoundError(call);
        }

        var name = Name(function);
        var (min, max) = Arity(function);
        if (arguments.Count < min || arguments.Count > max)
        {
            Report(
                FormulaErrorCode.WrongArgumentCount,
                call.NameSpan,
                name,
                min.ToString(CultureInfo.InvariantCulture),
                max == int.MaxValue ? "" : max.ToString(CultureInfo.InvariantCulture),
                arguments.Count.ToString(CultureInfo.InvariantCulture));
            BindAll(arguments);
            return new BoundError(call);
        }

        switch (function)
        {
            case Function.If:
                var condition = Require(Bind(arguments[0]), FormulaType.Boolean, name);
                var whenTrue = Bind(arguments[1]);
                var whenFalse = Bind(arguments[2]);
                var type = whenTrue.Type == FormulaType.Error ? whenFalse.Type : whenTrue.Type;
                if (whenTrue.Type != FormulaType.Error)
                {
                    whenFalse = Require(whenFalse, whenTrue.Type, name);
                }

                return new BoundIf(condition, whenTrue, whenFalse, type, call);
            case Function.Round:
                var value = Require(Bind(arguments[0]), FormulaType.Number, name);
                return new BoundCall(function, [value], RoundDigits(arguments[1]), call);
            case Function.Lookup:
                var key = Require(Bind(arguments[0]), FormulaType.Number, name);
                return new BoundCall(function, [key], TableIndex(arguments[1]), call);
            default:
                var bound = new BoundNode[arguments.Count];
                for (var i = 0; i < bound.Length; i++)
                {
                    bound[i] = Require(Bind(arguments[i]), FormulaType.Number, name);
                }

                return new BoundCall(function, bound, 0, call);
        }
    }

    private int RoundDigits(SyntaxNode digits)
    {
        if (digits is NumberLiteral { Value: >= 0m and <= 10m } literal
            && decimal.IsInteger(literal.Value)
            && !literal.Text.EndsWith('%'))
        {
            return (int)literal.Value;
        }

        Report(FormulaErrorCode.InvalidRoundDigits, digits.Span, source.Slice(digits.Span));
        if (digits is not NumberLiteral)
        {
            Bind(digits);
        }

        return 0;
    }

    private int TableIndex(SyntaxNode table)
    {
        if (table is Identifier identifier && tables is not null && tables.TryGetValue(identifier.Name, out var bandTable))
        {
            var index = _tables.IndexOf(bandTable);
            if (index < 0)
            {
                index = _tables.Count;
                _tables.Add(bandTable);
            }

            return index;
        }

        Report(FormulaErrorCode.UnknownTable, table.Span, source.Slice(table.Span));
        return -1;
    }

    private void BindAll(IReadOnlyList<SyntaxNode> nodes)
    {
        foreach (var node in nodes)
        {
            Bind(node);
        }
    }

    private BoundNode Require(BoundNode node, FormulaType expected, string what)
    {
        if (node.Type != FormulaType.Error && node.Type != expected)
        {
            Report(FormulaErrorCode.TypeMismatch, node.Syntax.Span, what, expected.ToString(), node.Type.ToString());
        }

        return node;
    }

    private void Report(FormulaErrorCode code, SourceSpan span, params string[] arguments) =>
        _errors.Add(FormulaErrors.At(formulaName, source, code, span, arguments));

    private static bool TryResolve(string name, out Function function)
    {
        foreach (var candidate in Enum.GetValues<Function>())
        {
            if (name.Equals(Name(candidate), StringComparison.OrdinalIgnoreCase))
            {
                function = candidate;
                return true;
            }
        }

        function = default;
        return false;
    }

    /// <summary>The canonical (lower-case) name of a function.</summary>
    public static string Name(Function function) => function switch
    {
        Function.If => "if",
        Function.Min => "min",
        Function.Max => "max",
        Function.Round => "round",
        Function.Clamp => "clamp",
        Function.Abs => "abs",
        _ => "lookup",
    };

    public static bool IsFunction(string name) => TryResolve(name, out _);

    private static (int Min, int Max) Arity(Function function) => function switch
    {
        Function.If or Function.Clamp => (3, 3),
        Function.Min or Function.Max => (2, int.MaxValue),
        Function.Round or Function.Lookup => (2, 2),
        _ => (1, 1),
    };
}
