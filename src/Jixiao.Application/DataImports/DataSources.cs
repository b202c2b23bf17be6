namespace Jixiao.Application.DataImports;

/// <summary>The sources data can be uploaded for; each is one CSV file of the data directory format.</summary>
public static class DataSources
{
    public const string OrgUnits = "org_units";
    public const string Employees = "employees";
    public const string Sales = "sales";
    public const string Credits = "credits";
    public const string Collections = "collections";
    public const string Expenses = "expenses";
    public const string Activities = "activities";
    public const string Targets = "targets";
    public const string Ratings = "ratings";
    public const string Metrics = "metrics";

    /// <summary>Monthly fixed pay, effective-dated (salaries.csv), read by the pay ledger.</summary>
    public const string Salaries = "salaries";

    /// <summary>Every source, in the order a full import applies them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [OrgUnits, Employees, Sales, Credits, Collections, Expenses, Activities, Targets, Ratings, Metrics, Salaries];

    /// <summary>Whether <paramref name="source"/> is a known source name.</summary>
    public static bool IsKnown(string source) => All.Contains(source, StringComparer.Ordinal);
}
