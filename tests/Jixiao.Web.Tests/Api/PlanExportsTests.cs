using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Xml.Linq;
using Jixiao.Application.Calendar;
using Jixiao.Application.Plans;
using Jixiao.Web.Plans;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Jixiao.Web.Tests.Api;

/// <summary>
/// Excel exports of /plans (the version list) and /plans/{code}/{number} (scorecards, weights, rules in words, grade
/// scales, pay components): every principal as on the pages (every role reads every plan; tokens and anonymous callers
/// do not), the rows are exactly what the pages show, headers in the user's language.
/// </summary>
public sealed class PlanExportsTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private static readonly StringLocalizer<PlansText> Text = new StringLocalizer<PlansText>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));

    private (string Code, int Number) Latest() =>
        fx.Factory.WithDb(db => db.Plans.OrderBy(p => p.Code).Select(p => new { p.Code, Number = p.Versions.Max(v => v.Number) }).AsEnumerable().Select(p => (p.Code, p.Number)).First());

    [Fact]
    public async Task Exports_WhenEveryPrincipal_ThenTheRolesThatOpenThePlanPages()
    {
        var (code, number) = Latest();
        var failures = new List<string>();
        foreach (var path in new[] { "/api/v1/exports/plans", $"/api/v1/exports/plans/{code}/{number}" })
        {
            foreach (var who in ApiFixture.Everyone)
            {
                var expected = ApiFixture.People.Contains(who) ? HttpStatusCode.OK
                    : who is "anonymous" or "token:revoked" ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
                var response = await fx.Clients[who].GetAsync(path);
                if (response.StatusCode != expected)
                {
                    failures.Add($"GET {path} as {who}: expected {(int)expected}, got {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Clients["sales"].GetAsync($"/api/v1/exports/plans/{code}/{number + 100}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Clients["sales"].GetAsync("/api/v1/exports/plans/no-such-plan/1")).StatusCode);
    }

    [Fact]
    public async Task VersionList_WhenExported_ThenEveryVersionAsOnThePage()
    {
        var response = await fx.Clients["finance"].GetAsync("/api/v1/exports/plans");
        Assert.Equal(Jixiao.Web.Api.Exports.XlsxType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("plans.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var rows = Sheet(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["方案代码", "名称", "版本", "生效日期", "上传时间（Asia/Shanghai）"], rows[0]);
        var plans = fx.Factory.WithDb(db => PlanCatalog.ListAsync(db).GetAwaiter().GetResult());
        var expected = plans.SelectMany(p => p.Versions.Select(v => new List<string>
        {
            p.Code, p.Name, v.Number.ToString(CultureInfo.InvariantCulture),
            (v.EffectiveFrom.DayNumber - new DateOnly(1899, 12, 30).DayNumber).ToString(CultureInfo.InvariantCulture),
            CompanyTimeZone.Default.Text(v.CreatedAt),
        })).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, rows.Skip(1).ToList());
    }

    [Theory]
    [InlineData("zh-CN", "部分", "指标")]
    [InlineData("en", "Section", "Indicator")]
    [InlineData("zh-TW", "部分", "指標")]
    public async Task Scorecards_WhenExported_ThenIndicatorsWeightsRulesGradesAndPayInTheUsersLanguage(string culture, string firstHeader, string indicator)
    {
        var (code, number) = Latest();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/exports/plans/{code}/{number}");
        request.Headers.Add("Cookie", $".AspNetCore.Culture={Uri.EscapeDataString($"c={culture}|uic={culture}")}");
        var response = await fx.Clients["sales"].SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = Sheet(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(firstHeader, rows[0][0]);
        Assert.Equal(12, rows[0].Count);

        // The same words as the page: the describer in the same language.
        var version = fx.Factory.WithDb(db => PlanCatalog.VersionAsync(db, code, number).GetAwaiter().GetResult())!;
        var saved = CultureInfo.CurrentUICulture;
        PlanView view;
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            view = new PlanDescriber(Text).Describe(version.Plan);
            Assert.Equal(Text["Plans_Weight"].Value, rows[0][8]);
        }
        finally
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = saved;
        }

        var indicators = rows.Skip(1).Where(r => r[0] == indicator).ToList();
        Assert.Equal(view.Scorecards.Sum(c => c.Indicators.Count), indicators.Count);
        foreach (var card in view.Scorecards)
        {
            foreach (var i in card.Indicators)
            {
                var row = Assert.Single(indicators, r => r[1] == card.Code && r[5] == i.Code);
                Assert.Equal(card.Name, row[2]);
                Assert.Equal(card.AppliesTo, row[3]);
                Assert.Equal(i.Name, row[6]);
                Assert.Equal(i.Points, decimal.Parse(row[8], CultureInfo.InvariantCulture));
                Assert.Equal(string.Join("\n", i.Rule), row[9]);
            }

            foreach (var g in card.Grades)
            {
                var row = Assert.Single(rows, r => r[1] == card.Code && r[6] == g.Grade && r[10] == g.Coefficient);
                Assert.Equal(g.Range, row[9]);
            }
        }

        Assert.NotEmpty(view.Pay);
        foreach (var p in view.Pay)
        {
            var row = Assert.Single(rows, r => r[5] == p.Code && r[6] == p.Name && r[1].Length == 0);
            Assert.Equal(string.Join("\n", p.Rule), row[9]);
        }
    }

    /// <summary>The first worksheet's cells as text, row by row, with empty cells kept in place (by column reference).</summary>
    internal static List<List<string>> Sheet(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        using var stream = zip.GetEntry("xl/worksheets/sheet1.xml")!.Open();
        var doc = XDocument.Load(stream);
        XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var result = new List<List<string>>();
        foreach (var row in doc.Descendants(ns + "row"))
        {
            var cells = new List<string>();
            foreach (var c in row.Elements(ns + "c"))
            {
                var column = Column((string?)c.Attribute("r") ?? "");
                while (column >= 0 && cells.Count < column)
                {
                    cells.Add("");
                }

                cells.Add(string.Concat(c.Descendants(ns + "t").Select(t => t.Value)) is { Length: > 0 } text ? text : c.Element(ns + "v")?.Value ?? "");
            }

            while (result.Count > 0 && cells.Count < result[0].Count)
            {
                cells.Add("");
            }

            result.Add(cells);
        }

        return result;
    }

    private static int Column(string reference)
    {
        var n = 0;
        var letters = reference.TakeWhile(char.IsLetter).ToList();
        if (letters.Count == 0)
        {
            return -1;
        }

        foreach (var ch in letters)
        {
            n = (n * 26) + (ch - 'A' + 1);
        }

        return n - 1;
    }
}
