using System.Text.Json.Serialization;

namespace Jixiao.Domain.Plans;

/// <summary>What is wrong in a plan file; each code has a message (resource <c>Plan_{code}</c>) in every supported language, quoted here in English.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PlanProblemCode>))]
public enum PlanProblemCode
{
    /// <summary>"cannot read the plan file: {0}"</summary>
    CannotRead,

    /// <summary>"YAML syntax error: {0}"</summary>
    YamlSyntax,

    /// <summary>"the file is too large: a plan may have at most {0} characters (the rest was not read)"</summary>
    YamlTooLarge,

    /// <summary>"lists and mappings are nested too deeply here: at most {0} levels (the file was not read further)"</summary>
    YamlTooDeep,

    /// <summary>"too many values once aliases (*name) are expanded: at most {0} (the file was not read further)"</summary>
    YamlTooManyNodes,

    /// <summary>"YAML syntax error: a key in this mapping has no value"</summary>
    YamlKeyWithoutValue,

    /// <summary>"YAML syntax error: the “{0}” that starts here has no matching “{1}” (still open at line {2}, column {3})"</summary>
    YamlUnclosed,

    /// <summary>"YAML syntax error: the file cannot be read from here on (check brackets, quotes and indentation)"</summary>
    YamlUnreadable,

    /// <summary>"the file must contain exactly one YAML document"</summary>
    OneDocument,

    /// <summary>"{0}: expected a mapping (key: value)"</summary>
    ExpectedMapping,

    /// <summary>"unknown key '{0}' in {1}; allowed keys: {2}"</summary>
    UnknownKey,

    /// <summary>"{0}: expected a list"</summary>
    ExpectedList,

    /// <summary>"'{0}' is required in {1}"</summary>
    MissingKey,

    /// <summary>"{1}.{0}: expected a single value"</summary>
    ExpectedScalar,

    /// <summary>"'{0}' in {1} is not a valid code (lowercase letters, digits and _, starting with a letter)"</summary>
    InvalidCode,

    /// <summary>"'{0}' is not a valid plan code (lowercase letters, digits, - and _)"</summary>
    InvalidPlanCode,

    /// <summary>"{1}.{0}: '{2}' is not a number"</summary>
    ExpectedNumber,

    /// <summary>"{1}.{0}: expected a whole number"</summary>
    ExpectedInteger,

    /// <summary>"{1}.{0}: expected true or false"</summary>
    ExpectedBoolean,

    /// <summary>"{1}.{0}: '{2}' is not a date (yyyy-MM-dd)"</summary>
    ExpectedDate,

    /// <summary>"{1}.{0}: '{2}' is not one of: {3}"</summary>
    InvalidChoice,

    /// <summary>"{1}.{0}: value out of range (allowed: {2})"</summary>
    OutOfRange,

    /// <summary>"currency '{0}' is not supported; use CNY"</summary>
    UnsupportedCurrency,

    /// <summary>"{0}: {1}"</summary>
    InvalidTable,

    /// <summary>"{0}: must not be empty"</summary>
    EmptyList,

    /// <summary>"{0}: the first band must start at 0, not {1}"</summary>
    BandsMustStartAtZero,

    /// <summary>"{0}: band {1} is empty ({2} to {3})"</summary>
    BandEmpty,

    /// <summary>"{0}: only the last band may be open-ended (band {1} has no 'to')"</summary>
    BandOpenNotLast,

    /// <summary>"{0}: gap between bands: nothing covers {1} to {2}"</summary>
    BandGap,

    /// <summary>"{0}: bands overlap between {1} and {2}"</summary>
    BandOverlap,

    /// <summary>"'{0}' is a reserved name (names ending in _target or _challenge, total, coefficient, base, achievement)"</summary>
    ReservedName,

    /// <summary>"{0}: {1}"</summary>
    Formula,

    /// <summary>"{1}: field '{0}' does not exist for source '{2}'"</summary>
    FieldNotForSource,

    /// <summary>"{1}: '{0}' cannot be used with source '{2}'"</summary>
    KeyNotForSource,

    /// <summary>"{0}: aggregate '{1}' needs a field"</summary>
    AggregateNeedsField,

    /// <summary>"{0}: contract_age_rates need source sales or collections with field amount"</summary>
    ContractAgeNeedsAmount,

    /// <summary>"{0}: contract-age rates must start at month 1"</summary>
    ContractAgeStart,

    /// <summary>"metric '{0}' depends on itself through its formula"</summary>
    MetricCycle,

    /// <summary>"metric '{0}': a metric formula may use only other metrics, not '{1}'"</summary>
    MetricFormulaVariable,

    /// <summary>"'{0}' appears more than once in {1}"</summary>
    DuplicateCode,

    /// <summary>"{0}: 'over' needs two scores [from, to]"</summary>
    OverNeedsTwo,

    /// <summary>"{0}: an interpolated coefficient needs a score range (over: [from, to] with from &lt; to)"</summary>
    OverNeedsRange,

    /// <summary>"{1}: grade scale '{0}' is not defined"</summary>
    UnknownGradeScale,

    /// <summary>"{0}: indicator weights sum to {1}, not 100"</summary>
    WeightsNot100,

    /// <summary>"{0}: result indicators have {1} points and process indicators {2}; the recommended split is 70–80 / 20–30"</summary>
    ResultWeightAdvice,

    /// <summary>"{0}: rubric level '{1}' ({2}–{3}) must lie within 0–{4}"</summary>
    RubricOutOfRange,

    /// <summary>"{0}: parts sum to {1} points but the indicator has {2}"</summary>
    PartsNotSumming,

    /// <summary>"{1}: metric '{0}' is not defined"</summary>
    UnknownMetric,

    /// <summary>"{0}: give only one of target, target_from and denominator"</summary>
    OneTargetSource,

    /// <summary>"{0}: band points must satisfy 0 ≤ min ≤ max (got {1} and {2})"</summary>
    BandPointsInvalid,

    /// <summary>"{0}: band maximum {1} exceeds weight × cap = {2}"</summary>
    BandAboveCap,

    /// <summary>"{1}: scorecard '{0}' is not defined"</summary>
    UnknownScorecard,

    /// <summary>"{0}: over_target_units needs a metric of the person's own sales that sums units (scope self, no contract-age rates)"</summary>
    OverTargetUnitsMetric,

    /// <summary>"{1}: '{0}' has no meaning for rule '{2}'"</summary>
    KeyNotForRule,

    /// <summary>"{1}: '{0}' has no meaning for pay kind '{2}'"</summary>
    KeyNotForKind,

    /// <summary>"{0}: contract_age_rates can only be used with aggregate sum"</summary>
    ContractAgeNeedsSum,

    /// <summary>"{0}: total and coefficient can be used only in pay formulas"</summary>
    VariableOnlyInPay,

    /// <summary>"{0}: scorecard '{1}' has no grade scale, so a bonus (base × coefficient) cannot be computed for it"</summary>
    BonusNeedsGradeScale,

    /// <summary>"{0}: amounts must be a number or a table by product"</summary>
    AmountsByProduct,

    /// <summary>"{0}: a table by product is only possible for over_target_units amounts"</summary>
    ProductOnlyForAmounts,

    /// <summary>"{1}: pay component '{0}' is not defined"</summary>
    UnknownPayComponent,

    /// <summary>"{0}: give either pay (all at once) or shares"</summary>
    PayOrShares,

    /// <summary>"{0}: the shares sum to {1}, not 100%"</summary>
    SharesNot100,

    /// <summary>"{1}: indicator '{0}' is not on the scorecards this applies to"</summary>
    UnknownPaymentIndicator,

    /// <summary>"{0}: give the four quarters' shares (found {1})"</summary>
    RampNeedsFour,

    /// <summary>"the pay component code '{0}' is reserved for fixed pay (salaries.csv) in a plan with a payment section"</summary>
    SalaryCodeReserved,

    /// <summary>"{1}: tier '{0}' is listed twice"</summary>
    CareerTierTwice,

    /// <summary>"{0}: give at least two tiers, lowest first"</summary>
    CareerNoTiers,

    /// <summary>"{0}: give exactly one kind of pool: a budget, or a share of revenue (share_of and rate)"</summary>
    CostControlPoolKind,

    /// <summary>"{1}: no scorecard has the indicator '{0}'"</summary>
    CostControlUnknownIndicator,

    /// <summary>"{1}: indicator '{0}' has no target to meet (a rating, formula or deduction); a team reward needs one scored against a target"</summary>
    TeamRewardNoTarget,

    /// <summary>"{1}: indicator '{0}' cannot be measured by {2} (a rating part reads rating indicators; a completion part one scored against a target)"</summary>
    YearEndMeasureIndicator,
}
