using System.Net;
using Jixiao.Application.Calendar;
using Jixiao.Application.Plans;
using Jixiao.Web.Tests.Api;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Tests;

/// <summary>
/// Every date and time shown is in the company's time zone (<c>Company:TimeZone</c>) and says so: the /data table and the
/// plan and upload exports, at a zone other than the default (Los Angeles, UTC-8 in November).
/// </summary>
public sealed class CompanyTimeZonePagesTests(JixiaoFactory factory) : IClassFixture<JixiaoFactory>
{
    private const string Zone = "America/Los_Angeles";

    private async Task<(WebApplicationFactory<Program> Host, HttpClient Client)> SignedInAtLosAngeles()
    {
        var host = factory.WithWebHostBuilder(b => b.UseSetting("Company:TimeZone", Zone));
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await JixiaoFactory.Login(client, "hr", "Demo-hr-2026")).StatusCode);
        return (host, client);
    }

    [Fact]
    public async Task PlansAndData_WhenCompanyInLosAngeles_ThenTimesInThatZoneAndLabelled()
    {
        var (host, client) = await SignedInAtLosAngeles();
        using (host)
        {
            var la = CompanyTimeZone.FromId(Zone);
            var uploaded = factory.WithDb(db => db.Uploads.AsNoTracking().OrderByDescending(u => u.Id).Select(u => u.UploadedAt).First());

            // /plans renders only over its circuit (the E2E role pages test reads it); /data is prerendered.
            var data = WebUtility.HtmlDecode(await client.GetStringAsync("/data"));
            Assert.Contains("时间（America/Los_Angeles）", data, StringComparison.Ordinal);
            Assert.Contains(la.Text(uploaded), data, StringComparison.Ordinal);
            Assert.DoesNotContain(CompanyTimeZone.Default.Text(uploaded), data, StringComparison.Ordinal);

            var versions = PlanExportsTests.Sheet(await client.GetByteArrayAsync("/api/v1/exports/plans"));
            Assert.Equal("上传时间（America/Los_Angeles）", versions[0][4]);
            var catalogue = factory.WithDb(db => PlanCatalog.ListAsync(db).GetAwaiter().GetResult());
            Assert.Equal(catalogue.SelectMany(p => p.Versions.Select(v => la.Text(v.CreatedAt))), versions.Skip(1).Select(r => r[4]));

            var uploads = PlanExportsTests.Sheet(await client.GetByteArrayAsync("/api/v1/exports/uploads"));
            Assert.Equal("时间（America/Los_Angeles）", uploads[0][1]);
            Assert.Equal(la.Text(uploaded), uploads[1][1]);
        }
    }
}
