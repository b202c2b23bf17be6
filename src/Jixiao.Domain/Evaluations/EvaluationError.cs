using System.Globalization;
using System.Resources;
using Jixiao.Domain.Localization;
using Jixiao.Formulas.Localization;

namespace Jixiao.Domain.Evaluations;

/// <summary>
/// A refused step of the evaluation cycle: a code and its arguments, told in the user's language by <see cref="Message"/>.
/// Arguments that are states or steps are named in that language; dates are written yyyy-MM-dd.
/// </summary>
public sealed record EvaluationError(EvaluationErrorCode Code, IReadOnlyList<object?> Arguments)
{
    public EvaluationError(EvaluationErrorCode code, params object?[] arguments)
        : this(code, (IReadOnlyList<object?>)arguments)
    {
    }

    /// <summary>The error as a sentence in <paramref name="culture"/> (zh-CN when null).</summary>
    public string Message(CultureInfo? culture) => EvaluationText.Format(Code.ToString(), culture, [.. Arguments]);

    /// <inheritdoc />
    public override string ToString() => Message(CultureInfo.InvariantCulture);

    /// <summary>The positions of the arguments that are a person's employee id (users see the name, never the code).</summary>
    public static IReadOnlyList<int> PersonArguments(EvaluationErrorCode code) => code switch
    {
        EvaluationErrorCode.AdjustmentNoResult or EvaluationErrorCode.SelfAssessmentNotYours or EvaluationErrorCode.ManagerScoringNotDirectManager
            or EvaluationErrorCode.ManagerScoringSubmitted or EvaluationErrorCode.ManagerScoringRatingMissing or EvaluationErrorCode.ManagerScoringTalkMissing
            or EvaluationErrorCode.CalibrationReasonRequired or EvaluationErrorCode.CalibrationNotAssessed or EvaluationErrorCode.VerificationReasonRequired
            or EvaluationErrorCode.ImprovementNotNeeded => [0],
        EvaluationErrorCode.AdjustmentItemUnknown or EvaluationErrorCode.NoEvaluationBasis or EvaluationErrorCode.EvaluationChanged
            or EvaluationErrorCode.CalibrationGradeUnknown => [1],
        _ => [],
    };

    /// <summary>The employee ids among the arguments (<see cref="PersonArguments"/>).</summary>
    public IEnumerable<string> PersonIds() =>
        PersonArguments(Code).Where(i => i < Arguments.Count).Select(i => Arguments[i]).OfType<string>();

    /// <summary>The same error with each person's employee id replaced by their name from <paramref name="names"/> (an unknown id stays).</summary>
    public EvaluationError WithNames(IReadOnlyDictionary<string, string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var positions = PersonArguments(Code);
        if (positions.Count == 0)
        {
            return this;
        }

        var shown = Arguments.ToArray();
        foreach (var i in positions.Where(i => i < shown.Length))
        {
            if (shown[i] is string id && names.TryGetValue(id, out var name))
            {
                shown[i] = name;
            }
        }

        return new EvaluationError(Code, shown);
    }
}

/// <summary>User-facing text of the evaluation cycle (Resources/EvaluationMessages.tsv): errors, state and step names.</summary>
public static class EvaluationText
{
    private static readonly ResourceManager Resources = new("Jixiao.Domain.Resources.EvaluationMessages", typeof(EvaluationText).Assembly);

    /// <summary>The name of a state in <paramref name="culture"/>, e.g. 考核中 / In evaluation.</summary>
    public static string StateName(PeriodState state, CultureInfo? culture) => Format("State_" + state, culture);

    /// <summary>The name of a step in <paramref name="culture"/>, e.g. 自评 / Self-assessment.</summary>
    public static string StepName(EvaluationStep step, CultureInfo? culture) => Format("Step_" + step, culture);

    /// <summary>The text <paramref name="key"/> in <paramref name="culture"/> (zh-CN when null) with <paramref name="args"/> filled in.</summary>
    public static string Format(string key, CultureInfo? culture, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        culture ??= Text.DefaultCulture;
        var resolved = Languages.Of(culture);
        var pattern = Resources.GetString(key, resolved) ?? key;
        var shown = new object?[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            shown[i] = args[i] switch
            {
                PeriodState s => StateName(s, culture),
                EvaluationStep s => StepName(s, culture),
                DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                IReadOnlyList<string> names => List(names, culture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var other => other,
            };
        }

        return shown.Length == 0 ? pattern : string.Format(resolved, pattern, shown);
    }

    /// <summary>The most names a list argument shows (the rest as "…").</summary>
    public const int ListShown = 10;

    /// <summary>A list argument (names of people) in <paramref name="culture"/>: the first <see cref="ListShown"/>, then "等" / "…".</summary>
    private static string List(IReadOnlyList<string> names, CultureInfo culture) =>
        string.Join(Format("ListSeparator", culture), names.Take(ListShown)) + (names.Count > ListShown ? Format("ListMore", culture) : "");
}
