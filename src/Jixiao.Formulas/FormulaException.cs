using System.Globalization;

namespace Jixiao.Formulas;

/// <summary>A formula could not be compiled; <see cref="Errors"/> lists every error found.</summary>
/// <remarks>The message is the English text of all errors; use <see cref="FormulaError.Format"/> for the user's language.</remarks>
public class FormulaException : Exception
{
    /// <summary>An exception with no formula error, for the standard constructor set.</summary>
    public FormulaException()
    {
        Errors = [];
    }

    /// <summary>An exception with a message and no formula error.</summary>
    public FormulaException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>An exception with a message, an inner exception and no formula error.</summary>
    public FormulaException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>An exception carrying formula errors; the message is their English text.</summary>
    public FormulaException(IReadOnlyList<FormulaError> errors)
        : base(FormatAll(errors))
    {
        Errors = errors;
    }

    /// <summary>The errors, in source order.</summary>
    public IReadOnlyList<FormulaError> Errors { get; }

    private static string FormatAll(IReadOnlyList<FormulaError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return string.Join('\n', errors.Select(e => e.Format(CultureInfo.InvariantCulture)));
    }
}

/// <summary>A compiled formula failed while evaluating: division by zero, overflow, a lookup outside its bands, too many steps.</summary>
public sealed class FormulaEvaluationException : FormulaException
{
    /// <summary>An exception with no formula error, for the standard constructor set.</summary>
    public FormulaEvaluationException()
    {
    }

    /// <summary>An exception with a message and no formula error.</summary>
    public FormulaEvaluationException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with a message, an inner exception and no formula error.</summary>
    public FormulaEvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An exception for the one error that stopped an evaluation.</summary>
    public FormulaEvaluationException(FormulaError error)
        : base([error])
    {
    }

    /// <summary>The error that stopped the evaluation.</summary>
    public FormulaError? Error => Errors.Count > 0 ? Errors[0] : null;
}
