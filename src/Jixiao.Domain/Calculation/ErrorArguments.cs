namespace Jixiao.Domain.Calculation;

/// <summary>What an argument of a calculation error is, so that readers can show the plan's name instead of the code.</summary>
public enum ErrorArgumentKind
{
    /// <summary>Shown as it is: a period, a number, a reason.</summary>
    Text,

    /// <summary>What needed the value: an indicator, a pay component or a metric (looked up in that order).</summary>
    Owner,

    /// <summary>A metric (looked up among the metrics, then the indicators).</summary>
    Metric,

    /// <summary>A position code of the data.</summary>
    Position,

    /// <summary>A job category code of the data.</summary>
    Category,

    /// <summary>A level code of the data.</summary>
    Level,

    /// <summary>A tier code of the data.</summary>
    Tier,

    /// <summary>What a value table is keyed by (<c>level</c>, <c>tier</c>, …): shown as the word in the reader's language.</summary>
    Attribute,
}

/// <summary>The name of <paramref name="code"/> of <paramref name="kind"/> in the reader's language, or null to show the code.</summary>
public delegate string? ErrorArgumentNames(ErrorArgumentKind kind, string code);

/// <summary>The kind of each argument of each <see cref="CalculationErrorCode"/> (the order of <see cref="CalculationError.Arguments"/>).</summary>
public static class ErrorArguments
{
    /// <summary>What argument <paramref name="index"/> of an error with <paramref name="code"/> is.</summary>
    public static ErrorArgumentKind KindOf(CalculationErrorCode code, int index) => (code, index) switch
    {
        (CalculationErrorCode.NoScorecard, 0) => ErrorArgumentKind.Position,
        (CalculationErrorCode.NoScorecard, 1) => ErrorArgumentKind.Category,
        (CalculationErrorCode.NoScorecard, 2) => ErrorArgumentKind.Level,
        (CalculationErrorCode.MissingRating or CalculationErrorCode.RatingOutOfRange, 0) => ErrorArgumentKind.Owner,
        (CalculationErrorCode.MissingTarget or CalculationErrorCode.MissingChallenge or CalculationErrorCode.ZeroTarget, 0) => ErrorArgumentKind.Metric,
        (CalculationErrorCode.MissingTarget or CalculationErrorCode.MissingChallenge or CalculationErrorCode.ZeroTarget, 2) => ErrorArgumentKind.Owner,
        (CalculationErrorCode.Undefined or CalculationErrorCode.MissingInput, 0) => ErrorArgumentKind.Owner,
        (CalculationErrorCode.Undefined or CalculationErrorCode.MissingInput, 1) => ErrorArgumentKind.Metric,
        (CalculationErrorCode.VariableNotAvailable or CalculationErrorCode.FormulaFailed or CalculationErrorCode.NoValueFor, 0) => ErrorArgumentKind.Owner,
        (CalculationErrorCode.NoValueFor, 1) => ErrorArgumentKind.Attribute,
        _ => ErrorArgumentKind.Text,
    };

    /// <summary>What argument <paramref name="index"/> of <paramref name="error"/> is: a value table's key takes the kind its attribute names.</summary>
    public static ErrorArgumentKind KindOf(CalculationError error, int index)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.Code == CalculationErrorCode.NoValueFor && index == 2 && error.Arguments.Count > 1)
        {
            return error.Arguments[1] switch
            {
                "level" => ErrorArgumentKind.Level,
                "tier" => ErrorArgumentKind.Tier,
                "category" => ErrorArgumentKind.Category,
                "position" => ErrorArgumentKind.Position,
                _ => ErrorArgumentKind.Text,
            };
        }

        return KindOf(error.Code, index);
    }

    /// <summary>The word for a value table's attribute in <paramref name="culture"/> (resource <c>Calc_By_{attribute}</c>), or the attribute itself.</summary>
    public static string AttributeWord(string attribute, System.Globalization.CultureInfo? culture) => attribute switch
    {
        "level" or "tier" or "category" or "position" or "product" => Localization.Text.Format("Calc_By_" + attribute, culture),
        _ => attribute,
    };
}
