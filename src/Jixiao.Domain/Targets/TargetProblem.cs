using System.Globalization;
using System.Text.Json.Serialization;
using Jixiao.Domain.Localization;

namespace Jixiao.Domain.Targets;

/// <summary>
/// Why a decomposition cannot be made or applied; each code has a message (resource <c>Target_{code}</c>) in every
/// supported language, quoted here in English.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<TargetProblemCode>))]
public enum TargetProblemCode
{
    /// <summary>"A target cannot be negative."</summary>
    ValueNegative,

    /// <summary>"This metric's targets are whole numbers."</summary>
    ValueWhole,

    /// <summary>"This metric's targets have at most {0} decimal places."</summary>
    ValueDecimals,

    /// <summary>"The target is too large (at most 9,999,999,999,999.9999)."</summary>
    ValueTooLarge,

    /// <summary>"'{0}' is not a valid year."</summary>
    YearInvalid,

    /// <summary>"The challenge factor must be above 0 and at most 100."</summary>
    FactorInvalid,

    /// <summary>"Give 12 month weights, not {0}."</summary>
    MonthWeightsCount,

    /// <summary>"A weight cannot be negative."</summary>
    WeightNegative,

    /// <summary>"All weights under {0} are zero: nothing to split by."</summary>
    WeightsAllZero,

    /// <summary>"Nobody under {0} has last year's actuals of this metric: cannot split by last year's share."</summary>
    LastYearNoActuals,

    /// <summary>"'{0}' is not part of the decomposition of {1}."</summary>
    CellSubject,

    /// <summary>"Month {0} is not valid (0 = the year, 1–12 = months)."</summary>
    CellMonth,

    /// <summary>"{0} month {1} is given twice."</summary>
    CellDuplicate,

    /// <summary>"{0} is not employed in month {1} (15th-day rule): no target there."</summary>
    CellInactive,

    /// <summary>"A metric is required."</summary>
    MetricRequired,

    /// <summary>"No plan is stored yet: upload a plan first."</summary>
    NoPlan,

    /// <summary>"The plan has no metric '{0}'."</summary>
    MetricUnknown,

    /// <summary>"Metric '{0}' is not a sum or count and cannot be split; set its targets one by one."</summary>
    MetricNotAdditive,

    /// <summary>"Org unit '{0}' does not exist or is not visible to you."</summary>
    SubjectUnknown,
}

/// <summary>A problem of a decomposition: the request field it concerns, its code and the message's arguments.</summary>
public sealed record TargetProblem(string Field, TargetProblemCode Code, params object[] Args)
{
    /// <summary>The resource key of <paramref name="code"/>'s message.</summary>
    public static string MessageKey(TargetProblemCode code) => "Target_" + code.ToString();

    /// <summary>The message in the given language (zh-CN when null).</summary>
    public string Message(CultureInfo? culture) => Text.Format(MessageKey(Code), culture, Args);
}
