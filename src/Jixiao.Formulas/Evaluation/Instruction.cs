namespace Jixiao.Formulas.Evaluation;

/// <summary>The operations of the evaluation stack machine. Booleans are 1 and 0 on the same decimal stack.</summary>
internal enum OpCode : byte
{
    /// <summary>Push constants[operand].</summary>
    PushConstant,

    /// <summary>Push values[operand].</summary>
    PushVariable,
    Add,
    Subtract,
    Multiply,

    /// <summary>Pop b, a; push a / b, or stop with DivisionByZero (at site operand, the divisor) when b is 0.</summary>
    Divide,
    Negate,
    Not,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,

    /// <summary>Go to operand.</summary>
    Jump,

    /// <summary>Pop; go to operand when false.</summary>
    JumpIfFalse,

    /// <summary>When the top is false go to operand and keep it, else pop it (for <c>and</c>).</summary>
    JumpIfFalseOrPop,

    /// <summary>When the top is true go to operand and keep it, else pop it (for <c>or</c>).</summary>
    JumpIfTrueOrPop,
    Min,
    Max,
    Abs,

    /// <summary>Round the top to operand digits, half away from zero.</summary>
    Round,

    /// <summary>Pop hi, lo, x; push min(max(x, lo), hi).</summary>
    Clamp,

    /// <summary>Replace the top by its band's value in tables[operand].</summary>
    Lookup,
}

/// <summary>One instruction; <see cref="Site"/> indexes the source position reported if it fails.</summary>
internal readonly record struct Instruction(OpCode Op, int Operand, int Site);

/// <summary>The source text an instruction came from, for runtime error messages.</summary>
internal sealed record ErrorSite(int Line, int Column, string Text, string LineText);
