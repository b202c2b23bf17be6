namespace Jixiao.WebBench;

/// <summary>The measured pages: a salesperson's dashboard and a store manager's first team page, as page and as API.</summary>
public static class WebScenarios
{
    public static IReadOnlyList<Scenario> For(string period) =>
    [
        new("salesperson GET /me (page)", "salesperson", "/me?period=" + period, "id=\"total\""),
        new("salesperson GET /api/v1/results/me", "salesperson", "/api/v1/results/me?period=" + period, "\"employeeId\":\"{employee}\""),
        new("manager GET /team (page 1)", "manager", "/team?period=" + period, "data-employee="),
        new("manager GET /api/v1/results page 1", "manager", "/api/v1/results?period=" + period + "&page=1&pageSize=20", "\"employeeId\""),
    ];
}
