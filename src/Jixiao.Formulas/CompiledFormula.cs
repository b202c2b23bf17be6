using System.Globalization;
using Jixiao.Formulas.Evaluation;

namespace Jixiao.Formulas;

/// <summary>A formula compiled to instructions: immutable, evaluated without allocating, safe to share between threads.</summary>
public sealed class CompiledFormula
{
    // Past this many stack slots (a formula nested beyond any real plan) the stack moves to the heap.
    private const int StackallocLimit = 256;

    private readonly Instruction[] _code;
    private readonly decimal[] _constants;
    private readonly ErrorSite[] _sites;
    private readonly BandTable[] _tables;
    private readonly int _maxStack;
    private readonly int _maxSteps;
    private readonly int _requiredValues;
    private readonly string _description;

    internal CompiledFormula(
        string name,
        string source,
        IReadOnlyList<int> referencedSlots,
        Emitter program,
        IReadOnlyList<BandTable> tables,
        int maxSteps,
        string description)
    {
        Name = name;
        Source = source;
        ReferencedSlots = referencedSlots;
        _code = [.. program.Code];
        _constants = [.. program.Constants];
        _sites = [.. program.Sites];
        _tables = [.. tables];
        _maxStack = Math.Max(1, program.MaxStack);
        _maxSteps = maxSteps;
        _requiredValues = referencedSlots.Count == 0 ? 0 : referencedSlots[^1] + 1;
        _description = description;
    }

    /// <summary>The name the formula was compiled under, used in error messages.</summary>
    public string Name { get; }

    /// <summary>The source as given.</summary>
    public string Source { get; }

    /// <summary>The slots of the variables the formula reads, distinct and sorted.</summary>
    public IReadOnlyList<int> ReferencedSlots { get; }

    /// <summary>The canonical text of the formula, for explanations.</summary>
    public string Describe() => _description;

    /// <summary>Evaluates the formula over values indexed by slot.</summary>
    /// <exception cref="FormulaEvaluationException">Division by zero, overflow, a lookup outside its bands, or too many steps.</exception>
    /// <exception cref="ArgumentException"><paramref name="values"/> has no value for a referenced slot.</exception>
    public decimal Evaluate(ReadOnlySpan<decimal> values)
    {
        var status = Run(values, out var result, out var faultAt, out var faultValue);
        return status == Status.Ok ? result : throw new FormulaEvaluationException(Fault(status, faultAt, faultValue));
    }

    /// <summary>Evaluates the formula, returning the error instead of throwing it.</summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> has no value for a referenced slot.</exception>
    public bool TryEvaluate(ReadOnlySpan<decimal> values, out decimal result, out FormulaError? error)
    {
        var status = Run(values, out result, out var faultAt, out var faultValue);
        error = status == Status.Ok ? null : Fault(status, faultAt, faultValue);
        return error is null;
    }

    private enum Status
    {
        Ok,
        DivisionByZero,
        Overflow,
        LookupOutOfRange,
        TooManySteps,
    }

    // The hot path: no allocation, no boxing, no delegates. Everything a failure needs to be reported
    // is returned through out parameters and turned into an error by the caller.
    private Status Run(ReadOnlySpan<decimal> values, out decimal result, out int faultAt, out decimal faultValue)
    {
        if (values.Length < _requiredValues)
        {
            throw new ArgumentException(
                $"Formula '{Name}' reads slot {_requiredValues - 1} but only {values.Length} values were given.",
                nameof(values));
        }

        Span<decimal> stack = _maxStack <= StackallocLimit ? stackalloc decimal[_maxStack] : new decimal[_maxStack];
        var code = _code;
        var sp = 0;
        var ip = 0;
        var steps = 0;
        result = 0m;
        faultValue = 0m;
        try
        {
            while (ip < code.Length)
            {
                if (++steps > _maxSteps)
                {
                    faultAt = ip;
                    return Status.TooManySteps;
                }

                var instruction = code[ip];
                switch (instruction.Op)
                {
                    case OpCode.PushConstant:
                        stack[sp++] = _constants[instruction.Operand];
                        break;
                    case OpCode.PushVariable:
                        stack[sp++] = values[instruction.Operand];
                        break;
                    case OpCode.Add:
                        sp--;
                        stack[sp - 1] += stack[sp];
                        break;
                    case OpCode.Subtract:
                        sp--;
                        stack[sp - 1] -= stack[sp];
                        break;
                    case OpCode.Multiply:
                        sp--;
                        stack[sp - 1] *= stack[sp];
                        break;
                    case OpCode.Divide:
                        sp--;
                        if (stack[sp] == 0m)
                        {
                            faultAt = ip;
                            return Status.DivisionByZero;
                        }

                        stack[sp - 1] /= stack[sp];
                        break;
                    case OpCode.Negate:
                        stack[sp - 1] = -stack[sp - 1];
                        break;
                    case OpCode.Not:
                        stack[sp - 1] = stack[sp - 1] == 0m ? 1m : 0m;
                        break;
                    case OpCode.Equal:
                        sp--;
                        stack[sp - 1] = stack[sp - 1] == stack[sp] ? 1m : 0m;
                        break;
                    case OpCode.NotEqual:
                        sp--;
                        stack[sp - 1] = stack[sp - 1] != stack[sp] ? 1m : 0m;
                        break;
                    case OpCode.Less:
                        sp--;
                        stack[sp - 1] = stack[sp - 1] < stack[sp] ? 1m : 0m;
                        break;
                    case OpCode.LessOrEqual:
                        sp--;
                        stack[sp - 1] = stack[sp - 1] <= stack[sp] ? 1m : 0m;
                        break;
                    case OpCode.Greater:
                        sp--;
                        stack[sp - 1] = stack[sp - 1] > stack[sp] ? 1m : 0m;
                        break;
                    case OpCode.GreaterOrEqual:
                        sp--;
                        stack[sp - 1] = stack[sp - 1] >= stack[sp] ? 1m : 0m;
                        break;
                    case OpCode.Jump:
                        ip = instruction.Operand;
                        continue;
                    case OpCode.JumpIfFalse:
                        sp--;
                        if (stack[sp] == 0m)
                        {
                            ip = instruction.Operand;
                            continue;
                        }

                        break;
                    case OpCode.JumpIfFalseOrPop:
                        if (stack[sp - 1] == 0m)
                        {
                            ip = instruction.Operand;
                            continue;
                        }

                        sp--;
                        break;
                    case OpCode.JumpIfTrueOrPop:
                        if (stack[sp - 1] != 0m)
                        {
                            ip = instruction.Operand;
                            continue;
                        }

                        sp--;
                        break;
                    case OpCode.Min:
                        sp--;
                        if (stack[sp] < stack[sp - 1])
                        {
                            stack[sp - 1] = stack[sp];
                        }

                        break;
                    case OpCode.Max:
                        sp--;
                        if (stack[sp] > stack[sp - 1])
                        {
                            stack[sp - 1] = stack[sp];
                        }

                        break;
                    case OpCode.Abs:
                        stack[sp - 1] = Math.Abs(stack[sp - 1]);
                        break;
                    case OpCode.Round:
                        stack[sp - 1] = Math.Round(stack[sp - 1], instruction.Operand, MidpointRounding.AwayFromZero);
                        break;
                    case OpCode.Clamp:
                        sp -= 2;
                        var clamped = stack[sp - 1];
                        if (clamped < stack[sp])
                        {
                            clamped = stack[sp];
                        }

                        if (clamped > stack[sp + 1])
                        {
                            clamped = stack[sp + 1];
                        }

                        stack[sp - 1] = clamped;
                        break;
                    case OpCode.Lookup:
                        if (!_tables[instruction.Operand].TryLookup(stack[sp - 1], out var band))
                        {
                            faultAt = ip;
                            faultValue = stack[sp - 1];
                            return Status.LookupOutOfRange;
                        }

                        stack[sp - 1] = band;
                        break;
                    default:
                        throw new InvalidOperationException($"Unknown instruction {instruction.Op}.");
                }

                ip++;
            }
        }
        catch (OverflowException)
        {
            faultAt = ip;
            return Status.Overflow;
        }

        faultAt = -1;
        result = stack[0];
        return Status.Ok;
    }

    private FormulaError Fault(Status status, int faultAt, decimal faultValue)
    {
        var instruction = _code[faultAt];
        var site = _sites[status == Status.DivisionByZero ? instruction.Operand : instruction.Site];
        var (code, arguments) = status switch
        {
            Status.DivisionByZero => (FormulaErrorCode.DivisionByZero, new[] { site.Text }),
            Status.Overflow => (FormulaErrorCode.Overflow, [site.Text]),
            Status.LookupOutOfRange => (FormulaErrorCode.LookupOutOfRange,
                [_tables[instruction.Operand].Name, faultValue.ToString(CultureInfo.InvariantCulture)]),
            _ => (FormulaErrorCode.TooManySteps, [_maxSteps.ToString(CultureInfo.InvariantCulture)]),
        };
        return new FormulaError(Name, code, site.Line, site.Column, site.LineText, arguments);
    }
}
