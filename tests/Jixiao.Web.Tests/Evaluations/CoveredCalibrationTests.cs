using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jixiao.Testing;
using Jixiao.Web.Tests.Accounts;

namespace Jixiao.Web.Tests.Evaluations;

/// <summary>
/// HR covering one unit calibrates that unit only (docs/decisions/0019-evaluation-cycle.md): the distribution, the people and
/// the forced distribution's preview are its unit's, and applying the forced distribution moves nobody outside it.
/// </summary>
public sealed class CoveredCalibrationTests(AccountsFixture fx) : IClassFixture<AccountsFixture>
{
    private const string Calibration = "/api/v1/evaluations/2026-10/calibration";

    private static bool InSt1(JsonElement e) => e.GetProperty("unit").GetString()!.StartsWith("ST1", StringComparison.Ordinal);

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>October (in evaluation as seeded, its deadlines passed on the test clock) moved to calibration once for the class.</summary>
    private async Task ToCalibrationAsync(HttpClient hr)
    {
        if (fx.Factory.WithDb(db => db.EvaluationPeriods.Single(p => p.Key == "2026-10").State) == "evaluation")
        {
            // The demo turns cross-department verification on from October (finance's step); these tests are about
            // calibration, so October is computed with the plan as it was before, without verification.
            await EvaluationCycleScenario.AddPlanVersionAsync(fx.Factory.Services, fx.Factory.Clock, null, new DateOnly(2026, 10, 1), verification: false);
            await OkAsync(await hr.PostAsJsonAsync("/api/v1/periods/2026-10/transitions", new { to = "calibration" }));
        }
    }

    [Fact]
    public async Task ForcedDistribution_WhenHrCoversOneUnit_ThenPreviewAndMovesStayInsideIt()
    {
        var hr = fx.Clients["hr"];
        var st1 = fx.Clients["hr-st1"];
        await ToCalibrationAsync(hr);

        // Two people of a team inside ST1 and two of a team outside raised to S: the 4S plan allows at most 20% S per team.
        var everyone = (await OkAsync(await hr.GetAsync(Calibration))).GetProperty("people").EnumerateArray().ToList();
        foreach (var team in new[] { everyone.First(InSt1).GetProperty("unit").GetString(), everyone.First(p => !InSt1(p)).GetProperty("unit").GetString() })
        {
            foreach (var p in everyone.Where(p => p.GetProperty("unit").GetString() == team && p.GetProperty("grade").GetString() != "S").Take(2))
            {
                await OkAsync(await hr.PutAsJsonAsync($"{Calibration}/{p.GetProperty("employeeId").GetString()}", new { grade = "S", reason = "季度重点客户成交" }));
            }
        }

        var all = await OkAsync(await hr.GetAsync(Calibration));
        var mine = await OkAsync(await st1.GetAsync(Calibration));
        var allMoves = all.GetProperty("preview").EnumerateArray().Select(m => (Id: m.GetProperty("employeeId").GetString()!, InSt1: InSt1(m))).ToList();
        Assert.Contains(allMoves, m => m.InSt1);
        Assert.Contains(allMoves, m => !m.InSt1);
        Assert.All(mine.GetProperty("people").EnumerateArray(), p => Assert.True(InSt1(p), p.ToString()));
        Assert.All(mine.GetProperty("units").EnumerateArray(), u => Assert.StartsWith("ST1", u.GetProperty("unit").GetString(), StringComparison.Ordinal));
        Assert.Equal(allMoves.Where(m => m.InSt1).Select(m => m.Id).Order(StringComparer.Ordinal),
            mine.GetProperty("preview").EnumerateArray().Select(m => m.GetProperty("employeeId").GetString()!).Order(StringComparer.Ordinal));

        // Applied by HR covering ST1: only ST1's people move; the others' moves are still to come for HR covering the company.
        await OkAsync(await st1.PostAsync(Calibration + "/forced-distribution", null));
        var moved = fx.Factory.WithDb(db => db.AuditLog.Where(a => a.Action == "calibration.forced" && a.Period == "2026-10").Select(a => a.EmployeeId!).ToList());
        Assert.Equal(allMoves.Where(m => m.InSt1).Select(m => m.Id).Order(StringComparer.Ordinal), moved.Order(StringComparer.Ordinal));
        var after = await OkAsync(await hr.GetAsync(Calibration));
        Assert.Equal(allMoves.Where(m => !m.InSt1).Select(m => m.Id).Order(StringComparer.Ordinal),
            after.GetProperty("preview").EnumerateArray().Select(m => m.GetProperty("employeeId").GetString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AdjustGrade_WhenTheReasonIsMissing_ThenTheRefusalNamesThePersonNotTheirCode()
    {
        var hr = fx.Clients["hr"];
        await ToCalibrationAsync(hr);

        var (id, name) = fx.Factory.WithDb(db => db.Employees.Where(e => e.Id == "P02").Select(e => new { e.Id, e.Name }).AsEnumerable().Select(e => (e.Id, e.Name)).Single());
        var response = await hr.PutAsJsonAsync($"{Calibration}/{id}", new { grade = "A", reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;
        Assert.Equal($"调整 {name} 的等级须填写原因。", detail);
        Assert.DoesNotContain(id, detail, StringComparison.Ordinal);
    }
}
