namespace Jixiao.Domain.Data;

/// <summary>A unit of the org tree (公司/大区/区域/门店/团队).</summary>
public sealed record OrgUnit(string Id, string Name, string? ParentId, string? ManagerId);

/// <summary>An employee as the engine sees them for one calculation.</summary>
public sealed record Employee(
    string Id,
    string Name,
    string OrgUnitId,
    string? ManagerId,
    string Position,
    string Category,
    string Level,
    string Tier,
    DateOnly HireDate,
    DateOnly? LeaveDate);

/// <summary>
/// Where an employee sits from <paramref name="ValidFrom"/> on, until the day before the employee's next
/// assignment (effective-dated; see docs/transfers.md). Before the first assignment the first applies.
/// </summary>
public sealed record EmployeeAssignment(
    string EmployeeId,
    string OrgUnitId,
    string? ManagerId,
    string Position,
    string Category,
    string Level,
    string Tier,
    DateOnly ValidFrom);
