using System.Net;
using System.Net.Http.Json;
using Jixiao.Web.Tests.Accounts;

namespace Jixiao.Web.Tests.Evaluations;

/// <summary>
/// One rule for who reads a person's evaluation (Auth/EvaluationAccess.cs): HR covering one unit reads that unit's people
/// only (docs/decisions/0020-accounts.md), HR covering the company everyone, finance nobody else's.
/// </summary>
public sealed class EvaluationAccessTests(AccountsFixture fx) : IClassFixture<AccountsFixture>
{
    [Fact]
    public async Task Evaluation_WhenHrCoversOneUnit_ThenOnlyThatUnitsPeopleAreReadable()
    {
        // October is in evaluation (TestClock): its basis run holds everyone assessed, with the unit of their result.
        var (inside, outside) = fx.Factory.WithDb(db =>
        {
            var basis = db.EvaluationPeriods.Single(p => p.Key == "2026-10").BasisRunId;
            var people = db.Results.Where(r => r.RunId == basis).Select(r => new { r.EmployeeId, r.OrgUnitId }).ToList();
            return (people.First(p => p.OrgUnitId.StartsWith("ST1", StringComparison.Ordinal)).EmployeeId,
                people.First(p => !p.OrgUnitId.StartsWith("ST1", StringComparison.Ordinal)).EmployeeId);
        });

        foreach (var path in new[] { "/api/v1/evaluations/2026-10/self-assessment?employee=", "/api/v1/evaluations/2026-10/manager-scoring/" })
        {
            Assert.Equal(HttpStatusCode.OK, (await fx.Clients["hr-st1"].GetAsync(path + inside)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await fx.Clients["hr-st1"].GetAsync(path + outside)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await fx.Clients["hr"].GetAsync(path + outside)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await fx.Clients["finance"].GetAsync(path + outside)).StatusCode);
        }

        // Nor does HR covering ST1 adjust the grade of someone outside it: answered as nobody there (HR covering the
        // company gets the cycle's own refusal: October is not in calibration yet). Nothing is recorded either way.
        var adjust = new Dictionary<string, string> { ["grade"] = "A", ["reason"] = "校准" };
        var corrections = fx.Factory.WithDb(db => db.AuditLog.Count(a => a.Action == "calibration.grade"));
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Clients["hr-st1"].PutAsJsonAsync($"/api/v1/evaluations/2026-10/calibration/{outside}", adjust)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await fx.Clients["hr"].PutAsJsonAsync($"/api/v1/evaluations/2026-10/calibration/{outside}", adjust)).StatusCode);
        Assert.Equal(corrections, fx.Factory.WithDb(db => db.AuditLog.Count(a => a.Action == "calibration.grade")));
    }
}
