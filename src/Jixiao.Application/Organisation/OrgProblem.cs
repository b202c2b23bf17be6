using System.Globalization;
using System.Resources;
using System.Text.Json.Serialization;
using Jixiao.Formulas.Localization;

namespace Jixiao.Application.Organisation;

/// <summary>
/// What is wrong with an org unit, person or transfer written through <see cref="OrgService"/> (or the API's own date
/// checks); each code has a message in every supported language (Resources/OrgMessages*.resx), quoted here in English.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrgProblemCode>))]
public enum OrgProblemCode
{
    /// <summary>"This field is required."</summary>
    Required,

    /// <summary>"At most {0} characters."</summary>
    TooLong,

    /// <summary>"'{0}' is not a date (yyyy-MM-dd)."</summary>
    DateInvalid,

    /// <summary>"An org unit with id '{0}' already exists."</summary>
    UnitIdTaken,

    /// <summary>"Choose a parent unit (there can be only one top unit)."</summary>
    UnitParentRequired,

    /// <summary>"Parent unit '{0}' does not exist."</summary>
    UnitUnknownParent,

    /// <summary>"Cannot move '{0}' under '{1}': '{1}' is the unit itself or below it."</summary>
    UnitCycle,

    /// <summary>"Org unit '{0}' does not exist."</summary>
    UnitUnknown,

    /// <summary>"Employee '{0}' does not exist."</summary>
    UnknownEmployee,

    /// <summary>"An employee with id '{0}' already exists."</summary>
    EmployeeIdTaken,

    /// <summary>"Leave date {0} is before hire date {1}."</summary>
    EmployeeLeaveBeforeHire,

    /// <summary>"Probation end {0} is before hire date {1}."</summary>
    EmployeeProbationBeforeHire,

    /// <summary>"The hire date cannot be after the first assignment's start {0}."</summary>
    EmployeeHireAfterAssignment,

    /// <summary>"An employee cannot be their own manager."</summary>
    EmployeeOwnManager,

    /// <summary>"The effective date {0} must be after the current assignment's start {1}."</summary>
    TransferNotAfterCurrent,

    /// <summary>"The effective date {0} is before the hire date {1}."</summary>
    TransferBeforeHire,

    /// <summary>"The effective date {0} is after the leave date {1}."</summary>
    TransferAfterLeave,

    /// <summary>"Send the record's version (as read) in the field 'version'."</summary>
    VersionRequired,

    /// <summary>"The new manager's start {0} must be after the current manager's start {1}."</summary>
    UnitManagerFromNotAfterCurrent,

    /// <summary>"Must not contain control characters (such as NUL or a line break)."</summary>
    TextControl,

    /// <summary>"The hire date {0} is outside {1} to {2}."</summary>
    HireDateOutOfRange,

    /// <summary>"The probation end {0} is outside {1} to {2}."</summary>
    ProbationEndOutOfRange,

    /// <summary>"The leave date {0} is outside {1} to {2}."</summary>
    LeaveDateOutOfRange,

    /// <summary>"The effective date {0} is outside {1} to {2}."</summary>
    EffectiveFromOutOfRange,

    /// <summary>"The manager's start date {0} is outside {1} to {2}."</summary>
    ManagerFromOutOfRange,

    /// <summary>"'{0}' is neither named by the plan in force nor held by anyone; choose one from the list." (a typo would leave the person unscored)</summary>
    CodeUnknown,
}

/// <summary>A field-level problem: <see cref="Field"/> (API body field name), a <see cref="Code"/> and the message's arguments.</summary>
public sealed record OrgProblem(string Field, OrgProblemCode Code, IReadOnlyList<string> Arguments)
{
    private static readonly ResourceManager Messages = new("Jixiao.Application.Resources.OrgMessages", typeof(OrgProblem).Assembly);

    /// <summary>The message in the language of <paramref name="culture"/> (简体中文, English, 繁體中文: <see cref="Languages.Of"/>), arguments filled in.</summary>
    public string Message(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return Languages.Text(Messages, Code.ToString(), culture, [.. Arguments]);
    }

    /// <summary>The resources of the messages (zh-CN neutral, en, zh-TW).</summary>
    internal static ResourceManager Resources => Messages;
}
