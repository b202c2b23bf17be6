using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Jixiao.Web.Tests.Api;

/// <summary>
/// Targets of calculated periods (docs/targets.md, "Calculated periods"): the demo has runs for May–November 2026 and
/// 2026-Q3, so a re-split of 2026 that changes those months' stored targets is shown in the preview (old → new). May–August
/// and 2026-Q3 are closed (September is published) (docs/decisions/0019): what they read is refused whatever is confirmed. October (in evaluation)
/// and November (open) are calculated, not closed: a change is refused unless overwriteCalculated is true; the explicit
/// overwrite is audited row by row and says what to re-run.
/// </summary>
public sealed class TargetsLockTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private HttpClient Hr => fx.Clients["hr"];

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static object Body(int year = 2026, string? version = null, bool? overwrite = null, decimal annual = 1200) => new
    {
        year,
        metric = "vehicles",
        subject = "ST1",
        annual,
        challengeFactor = 1.2m,
        method = "ratio",
        version,
        overwriteCalculated = overwrite,
    };

    private decimal? Stored(string subject, string period) =>
        fx.Factory.WithDb(db => db.Targets.Where(t => t.Subject == subject && t.Metric == "vehicles" && t.Period == period).Select(t => (decimal?)t.Value).SingleOrDefault());

    private async Task<HttpResponseMessage> Send(string url, object body, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        return await Hr.SendAsync(request);
    }

    [Fact]
    public async Task Apply_WhenCalculatedMonthsWouldChange_ThenPreviewListsThem_AndClosedMonthsRefuseTheApplyWhateverIsConfirmed()
    {
        var p01October = Stored("P01", "2026-10");
        Assert.NotNull(p01October);

        // The preview lists every stored target of a calculated period it changes, old → new, and the runs that read it.
        var preview = await Json(await Send("/api/v1/targets/decompose", Body(), "en"));
        Assert.True(preview.GetProperty("balanced").GetBoolean());
        var locked = preview.GetProperty("locked").EnumerateArray().ToList();
        Assert.NotEmpty(locked);
        var october = Assert.Single(locked, l => l.GetProperty("subject").GetString() == "P01" && l.GetProperty("period").GetString() == "2026-10");
        Assert.Equal(p01October.Value, october.GetProperty("oldValue").GetDecimal());
        Assert.NotEqual(p01October.Value, october.GetProperty("newValue").GetDecimal());
        Assert.Equal(["2026-10"], october.GetProperty("runPeriods").EnumerateArray().Select(r => r.GetString()!).ToArray());
        var august = locked.FirstOrDefault(l => l.GetProperty("period").GetString() == "2026-08");
        Assert.Equal(["2026-08", "2026-Q3"], august.GetProperty("runPeriods").EnumerateArray().Select(r => r.GetString()!).ToArray());
        // Months nobody has calculated (January) are never locked.
        Assert.DoesNotContain(locked, l => l.GetProperty("period").GetString() is "2026-01" or "2026-12");
        // The demo calculated May–November (November so far) and 2026-Q3.
        Assert.Equal(["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-Q3"],
            preview.GetProperty("rerunPeriods").EnumerateArray().Select(r => r.GetString()!).ToArray());
        Assert.Contains("applying needs an explicit overwrite", preview.GetProperty("notice").GetString(), StringComparison.Ordinal);

        // Apply: May–September are closed, so the split is refused whatever is confirmed (409, the closed rows named), nothing stored.
        var version = preview.GetProperty("version").GetString();
        var uploads = fx.Factory.WithDb(db => db.Uploads.Count());
        var audits = fx.Factory.WithDb(db => db.AuditLog.Count());
        foreach (var overwrite in new bool?[] { null, false, true })
        {
            var refused = await Send("/api/v1/targets/decompose?apply=true", Body(version: version, overwrite: overwrite), "en");
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var problem = await Json(refused);
            Assert.Equal("PeriodClosed", problem.GetProperty("code").GetString());
            Assert.StartsWith("Period 2026-", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            var closed = problem.GetProperty("closed").EnumerateArray().Select(k => k.GetString()!).ToList();
            Assert.Contains("P01|vehicles|2026-05", closed);
            Assert.DoesNotContain("P01|vehicles|2026-10", closed);
        }

        Assert.Equal(p01October, Stored("P01", "2026-10"));
        Assert.Equal(uploads, fx.Factory.WithDb(db => db.Uploads.Count()));
        Assert.Equal(audits, fx.Factory.WithDb(db => db.AuditLog.Count()));
    }

    [Fact]
    public async Task Apply_WhenNoPeriodOfTheYearIsCalculated_ThenNoConfirmationIsNeeded()
    {
        var preview = await Json(await Send("/api/v1/targets/decompose", Body(year: 2027), "en"));
        Assert.Equal(0, preview.GetProperty("locked").GetArrayLength());
        var applied = await Send("/api/v1/targets/decompose?apply=true", Body(year: 2027, version: preview.GetProperty("version").GetString()), "en");
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal(1200m, Stored("ST1", "2027"));

        // A re-split of 2027 changes stored rows, but no period of 2027 is calculated: still no confirmation.
        var resplit = await Json(await Send("/api/v1/targets/decompose", Body(year: 2027, annual: 1320), "en"));
        Assert.Equal(0, resplit.GetProperty("locked").GetArrayLength());
        var again = await Send("/api/v1/targets/decompose?apply=true", Body(year: 2027, annual: 1320, version: resplit.GetProperty("version").GetString()), "en");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1320m, Stored("ST1", "2027"));
    }

    [Fact]
    public async Task Put_WhenAStoredTargetOfACalculatedPeriodWouldChange_ThenRefusedUntilConfirmed_ThenOverwrittenAndAudited()
    {
        var before = Stored("P02", "2026-10");
        Assert.NotNull(before);
        var changed = before.Value + 1m;
        // The row's challenge and version as read (an update names the version it read, TargetsApiTests).
        (decimal? Challenge, long Version) Read() => fx.Factory.WithDb(db => db.Targets.Where(t => t.Subject == "P02" && t.Metric == "vehicles" && t.Period == "2026-10")
            .Select(t => new { t.Challenge, t.UploadId }).AsEnumerable().Select(t => (t.Challenge, t.UploadId)).Single());
        var (challenge, version) = Read();
        decimal? NewRow() => fx.Factory.WithDb(db => db.Targets.Where(t => t.Subject == "P02" && t.Metric == "lock_new").Select(t => (decimal?)t.Value).SingleOrDefault());
        object[] Items(decimal value) =>
        [
            new { subject = "P02", metric = "vehicles", period = "2026-10", value, challenge, version },
            new { subject = "P02", metric = "lock_new", period = "2027-01", value = 5m },
        ];
        async Task<HttpResponseMessage> Put(object[] items, string language, string query = "")
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/targets" + query) { Content = JsonContent.Create(items) };
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
            return await Hr.SendAsync(request);
        }

        // Refused as a whole, in the caller's language: the October row is read by the runs of 2026-10 (in evaluation, not closed).
        var audits = fx.Factory.WithDb(db => db.AuditLog.Count());
        foreach (var (language, query, expected) in new[]
        {
            ("en", "", "1 of these targets belong to calculated periods (2026-10)"),
            ("zh-CN", "?overwriteCalculated=false", "已计算期间（2026-10）"),
            ("zh-TW", "", "已計算期間"),
        })
        {
            var refused = await Put(Items(changed), language, query);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await Json(refused);
            Assert.Contains(expected, problem.GetProperty("errors").GetProperty("overwriteCalculated")[0].GetString(), StringComparison.Ordinal);
            var locked = Assert.Single(problem.GetProperty("locked").EnumerateArray());
            Assert.Equal(("P02", "vehicles", "2026-10"), (locked.GetProperty("subject").GetString(), locked.GetProperty("metric").GetString(), locked.GetProperty("period").GetString()));
            Assert.Equal((before.Value, changed), (locked.GetProperty("oldValue").GetDecimal(), locked.GetProperty("newValue").GetDecimal()));
            Assert.Equal(["2026-10"], problem.GetProperty("rerunPeriods").EnumerateArray().Select(r => r.GetString()!).ToArray());
        }

        Assert.Equal(before, Stored("P02", "2026-10"));
        Assert.Null(NewRow());
        Assert.Equal(audits, fx.Factory.WithDb(db => db.AuditLog.Count()));

        // The same value and challenge again change nothing a run read: saved without a confirmation (the 2027 row is new).
        var same = await Put(Items(before.Value), "en");
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(5m, NewRow());

        // Confirmed: overwritten, and the audit says what to re-run and lists the row old -> new.
        version = Read().Version;
        var confirmed = await Put([Items(changed)[0]], "en", "?overwriteCalculated=true");
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(changed, Stored("P02", "2026-10"));
        var audit = fx.Factory.WithDb(db => db.AuditLog.OrderBy(a => a.Id).Last(a => a.Action == "targets.save").Detail)!;
        Assert.Contains("OVERWRITE of calculated periods confirmed (re-run 2026-10): 1 rows", audit, StringComparison.Ordinal);
        Assert.Contains($"P02 vehicles 2026-10 {before.Value}->{changed}", audit, StringComparison.Ordinal);
        var change = Assert.Single(fx.Factory.WithDb(db => db.AuditLog.Where(a => a.Action == "target.change" && a.Period == "2026-10" && a.EmployeeId == "P02")
            .Select(a => new { a.Before, a.After }).ToList()));
        Assert.StartsWith(before.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), change.Before, StringComparison.Ordinal);
        Assert.StartsWith(changed.ToString(System.Globalization.CultureInfo.InvariantCulture), change.After, StringComparison.Ordinal);

        // A row of closed August (the demo keeps September published, not closed): refused even confirmed (409), in the caller's language, nothing stored.
        var september = Stored("P02", "2026-08");
        var closed = await Put([new { subject = "P02", metric = "vehicles", period = "2026-08", value = september!.Value + 1m }], "zh-CN", "?overwriteCalculated=true");
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        var refusal = await Json(closed);
        Assert.Equal("PeriodClosed", refusal.GetProperty("code").GetString());
        Assert.StartsWith("期间 2026-08 已关闭", refusal.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(september, Stored("P02", "2026-08"));
    }
}
