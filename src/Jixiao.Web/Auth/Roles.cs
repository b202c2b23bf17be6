namespace Jixiao.Web.Auth;

/// <summary>The roles of SPEC §1; what each may see is decided per record by the org tree.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Hr = "hr";
    public const string Finance = "finance";
    public const string Manager = "manager";
    public const string Supervisor = "supervisor";
    public const string Salesperson = "salesperson";

    public static IReadOnlyList<string> All { get; } = [Admin, Hr, Finance, Manager, Supervisor, Salesperson];
}
