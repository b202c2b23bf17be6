using System.Globalization;
using System.Text.Json.Serialization;
using Jixiao.Domain.Localization;

namespace Jixiao.Domain.Calculation;

/// <summary>Why a person could not be computed; each code has a message (resource <c>Calc_{code}</c>) in every supported language, quoted here in English.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CalculationErrorCode>))]
public enum CalculationErrorCode
{
    /// <summary>"no scorecard matches position '{0}', category '{1}', level '{2}'"</summary>
    NoScorecard,

    /// <summary>"total {0} falls in no grade of scale '{1}'"</summary>
    NoGrade,

    /// <summary>"indicator '{0}': no rating for {1}"</summary>
    MissingRating,

    /// <summary>"indicator '{0}': rating {1} is outside 0–{2}"</summary>
    RatingOutOfRange,

    /// <summary>"no target for '{0}' in {1} (needed by '{2}')"</summary>
    MissingTarget,

    /// <summary>"no challenge value for '{0}' in {1} (needed by '{2}')"</summary>
    MissingChallenge,

    /// <summary>"the target for '{0}' in {1} is 0 (needed by '{2}')"</summary>
    ZeroTarget,

    /// <summary>"'{0}': the achievement cannot be computed ({1}: no data or a zero denominator)"</summary>
    Undefined,

    /// <summary>"'{0}': no value for '{1}' in {2} (metrics.csv)"</summary>
    MissingInput,

    /// <summary>"'{0}': '{1}' can only be used in pay formulas"</summary>
    VariableNotAvailable,

    /// <summary>"'{0}': {1}"</summary>
    FormulaFailed,

    /// <summary>"pay component '{0}': no value for {1} '{2}'"</summary>
    NoValueFor,
}

/// <summary>Why a person could not be computed (missing target, missing rating, …).</summary>
public sealed record CalculationError(string? Employee, CalculationErrorCode Code, IReadOnlyList<string> Arguments)
{
    /// <summary>The message in the given language.</summary>
    public string Format(CultureInfo? culture)
    {
        var message = Text.Format(MessageKey(Code), culture, [.. Arguments]);
        return Employee is null ? message : string.Create(CultureInfo.InvariantCulture, $"{Employee}: {message}");
    }

    /// <summary>
    /// The message in the given language with the plan's codes shown by their names (issue 12, "plain words"):
    /// <paramref name="names"/> gives the name of a code of a kind, or null when it has none, and the code is shown.
    /// </summary>
    public string Format(CultureInfo? culture, ErrorArgumentNames? names)
    {
        if (names is null)
        {
            return Format(culture);
        }

        var args = new object?[Arguments.Count];
        for (var i = 0; i < args.Length; i++)
        {
            var kind = ErrorArguments.KindOf(this, i);
            args[i] = kind switch
            {
                ErrorArgumentKind.Text => Arguments[i],
                ErrorArgumentKind.Attribute => ErrorArguments.AttributeWord(Arguments[i], culture),
                _ => names(kind, Arguments[i]) ?? Arguments[i],
            };
        }

        var message = Text.Format(MessageKey(Code), culture, args);
        return Employee is null ? message : string.Create(CultureInfo.InvariantCulture, $"{Employee}: {message}");
    }

    /// <summary>The resource key of <paramref name="code"/>'s message.</summary>
    public static string MessageKey(CalculationErrorCode code) => "Calc_" + code.ToString();
}
