namespace Jixiao.WebBench;

/// <summary>
/// The measured pages: a salesperson's dashboard, a store manager's first team page, as page and as API, and HR's
/// calculation page (its document; the run's figures load over the interactive circuit, which this HTTP driver does not
/// drive) with the whole company's first page of results (the table's page, through the results API), and what the page
/// shows of the period's latest run over the runs API (issue 13: the same services as the page): the first page of
/// the comparison with the previous run (the bench's setup stores a second run with changed people, ChangedRun), of
/// the people not computed, and the headline totals.
/// </summary>
public static class WebScenarios
{
    public static IReadOnlyList<Scenario> For(string period) =>
    [
        new("salesperson GET /me (page)", "salesperson", "/me?period=" + period, "id=\"total\""),
        new("salesperson GET /api/v1/results/me", "salesperson", "/api/v1/results/me?period=" + period, "\"employeeId\":\"{employee}\""),
        new("manager GET /team (page 1)", "manager", "/team?period=" + period, "data-employee="),
        new("manager GET /api/v1/results page 1", "manager", "/api/v1/results?period=" + period + "&page=1&pageSize=20", "\"employeeId\""),
        new("hr GET /calculation (page)", "hr", "/calculation?period=" + period, "action=\"/account/logout\""),
        new("hr GET /api/v1/results page 1 (company)", "hr", "/api/v1/results?period=" + period + "&page=1&pageSize=20", "\"employeeId\""),
        new("HR comparison page 1", "hr", "/api/v1/runs/{run}/comparison?page=1&pageSize=20", "\"change\":\"changed\""),
        new("HR not-computed page 1", "hr", "/api/v1/runs/{run}/not-computed?page=1&pageSize=20", "\"total\":"),
        new("HR run totals (headline)", "hr", "/api/v1/runs/{run}/totals", "\"people\":"),
    ];
}
