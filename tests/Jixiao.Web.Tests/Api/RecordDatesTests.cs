using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Jixiao.Application.Excel;

namespace Jixiao.Web.Tests.Api;

/// <summary>
/// One date rule on every path (yyyy-MM-dd within 1900-01-01 … 2100-12-31, leave on or after hire): the API, CSV and
/// Excel uploads refuse the same dates with the field named in the caller's language and change nothing; and a stored
/// row that breaks the rule (written before it existed) never blocks an upload of another source: the upload goes
/// through and the row is reported, and PUT can correct it.
/// </summary>
public sealed class RecordDatesTests(ApiFixture fx) : IClassFixture<ApiFixture>
{
    private static object Person(string id, string? hire, string? leave = null) => new
    {
        id,
        name = "日期测试",
        hireDate = hire,
        leaveDate = leave,
        orgUnitId = "ST1-T1",
        position = "salesperson",
        category = "",
        level = "core",
        tier = "",
    };

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, HttpContent content, string? language = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return await client.SendAsync(request);
    }

    private static MultipartFormDataContent Form(string name, byte[] content)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(content), "file", name);
        return form;
    }

    private bool Exists(string id) => fx.Factory.WithDb(db => db.Employees.Any(e => e.Id == id));

    [Theory]
    [InlineData("1899-12-31", null, "hireDate", null, "入职日期 1899-12-31 超出允许范围（1900-01-01 至 2100-12-31）")]
    [InlineData("0001-01-01", null, "hireDate", null, "入职日期 0001-01-01 超出允许范围")]
    [InlineData("2101-01-01", null, "hireDate", "en", "The hire date 2101-01-01 is outside 1900-01-01 to 2100-12-31")]
    [InlineData("2020-05-01", "2100-12-32", "leaveDate", null, "不是有效日期")]
    [InlineData("2020-05-01", "2020-04-30", "leaveDate", "zh-TW", "離職日期 2020-04-30 早於入職日期 2020-05-01")]
    [InlineData("2020-05-01", "9999-12-31", "leaveDate", null, "离职日期 9999-12-31 超出允许范围")]
    public async Task CreateEmployee_WhenDateOutOfRangeOrLeaveBeforeHire_Then400NamingTheFieldAndNothingStored(
        string hire, string? leave, string field, string? language, string message)
    {
        var id = "DT" + (hire + leave).Replace("-", "", StringComparison.Ordinal);

        var response = await SendAsync(fx.Clients["hr"], HttpMethod.Post, "/api/v1/employees", JsonContent.Create(Person(id, hire, leave)), language);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains(message, errors.GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.False(Exists(id));
    }

    [Fact]
    public async Task TransferAndManagerAppointment_WhenDateOutOfRange_Then400AndNothingChanged()
    {
        var hr = fx.Clients["hr"];
        var version = fx.Factory.WithDb(db => db.Employees.Single(e => e.Id == "P02").Version);
        var assignments = fx.Factory.WithDb(db => db.Assignments.Count(a => a.EmployeeId == "P02"));
        var transfer = await hr.PostAsJsonAsync("/api/v1/employees/P02/transfers", new { effectiveFrom = "2101-01-01", orgUnitId = "ST1-T2", version });
        Assert.Equal(HttpStatusCode.BadRequest, transfer.StatusCode);
        Assert.Contains("生效日期 2101-01-01 超出允许范围",
            (await transfer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("effectiveFrom")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(assignments, fx.Factory.WithDb(db => db.Assignments.Count(a => a.EmployeeId == "P02")));

        var unitVersion = fx.Factory.WithDb(db => db.OrgUnits.Single(u => u.Id == "ST2-T2").Version);
        var appoint = await hr.PutAsJsonAsync("/api/v1/org-units/ST2-T2", new { name = "城西店销售二组", parentId = "ST2", managerId = "P02", managerFrom = "1800-01-01", version = unitVersion });
        Assert.Equal(HttpStatusCode.BadRequest, appoint.StatusCode);
        Assert.True((await appoint.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("managerFrom", out _));
        Assert.Equal(unitVersion, fx.Factory.WithDb(db => db.OrgUnits.Single(u => u.Id == "ST2-T2").Version));
    }

    [Theory]
    [InlineData("1899-12-31", "超出允许的日期范围（1900-01-01 至 2100-12-31）")]
    [InlineData("0001-01-01", "超出允许的日期范围")]
    [InlineData("2026-02-30", "不是有效的日期")]
    public async Task UploadEmployeesCsvAndXlsx_WhenHireDateOutOfRange_Then400AtTheCellAndNothingStored(string hire, string message)
    {
        var header = "id,name,org_unit,manager,position,category,level,tier,hire_date,leave_date\n";
        var employees = fx.Factory.WithDb(db => db.Employees.Count());
        var csv = await fx.Clients["hr"].PostAsync("/api/v1/data/employees", Form("employees.csv", Encoding.UTF8.GetBytes(header + $"DX1,新人,ST1-T1,,salesperson,,core,,{hire},\n")));

        Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
        var problems = (await csv.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems");
        var problem = Assert.Single(problems.EnumerateArray());
        Assert.Equal("hire_date", problem.GetProperty("columnName").GetString());
        Assert.Equal(2, problem.GetProperty("line").GetInt32());
        Assert.Contains(message, problem.GetProperty("message").GetString(), StringComparison.Ordinal);

        // The same row in a workbook: the same rule, the cell named.
        using var buffer = new MemoryStream();
        string[] names = ["id", "name", "org_unit", "manager", "position", "category", "level", "tier", "hire_date", "leave_date"];
        ExcelExport.Write(buffer, "employees", [.. names.Select(n => new ExportColumn(n, n))], [["DX1", "新人", "ST1-T1", null, "salesperson", null, "core", null, hire, null]], CultureInfo.InvariantCulture);
        var xlsx = await fx.Clients["hr"].PostAsync("/api/v1/data/employees", Form("employees.xlsx", buffer.ToArray()));

        Assert.Equal(HttpStatusCode.BadRequest, xlsx.StatusCode);
        var cells = (await xlsx.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("message").GetString()!).ToList();
        Assert.True(cells.Count == 1, string.Join('\n', cells));
        Assert.Contains(message, cells[0], StringComparison.Ordinal);
        Assert.Equal(employees, fx.Factory.WithDb(db => db.Employees.Count()));
    }

    [Fact]
    public async Task UploadSales_WhenAStoredEmployeeHasADateOutsideTheRule_ThenUploadSucceedsAndTheRowIsReportedThenPutCorrectsIt()
    {
        // A row stored before the rule existed (the API refused it since): hire date 0001-01-01, leave 1899-12-31.
        fx.Factory.WithDb(db =>
        {
            var person = db.Employees.Single(e => e.Id == "P03");
            person.HireDate = new DateOnly(1, 1, 1);
            person.LeaveDate = new DateOnly(1899, 12, 31);
            db.Assignments.Where(a => a.EmployeeId == "P03").OrderBy(a => a.ValidFrom).First().ValidFrom = new DateOnly(1, 1, 1);
            return db.SaveChanges();
        });

        var sales = "id,employee,date,customer,product,units,amount,cost\nDT-1,P01,2026-11-20,客户甲,suv,1,150000,130000\n";
        var response = await SendAsync(fx.Clients["finance"], HttpMethod.Post, "/api/v1/data/sales", Form("sales.csv", Encoding.UTF8.GetBytes(sales)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var upload = (await response.Content.ReadFromJsonAsync<JsonElement>())[0];
        Assert.Equal(1, upload.GetProperty("inserted").GetInt32());
        var warnings = upload.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Contains("P03", w, StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("0001-01-01", StringComparison.Ordinal));
        Assert.True(fx.Factory.WithDb(db => db.Sales.Any(s => s.ExternalId == "DT-1")));

        // HR puts it right with PUT: the first assignment, which began on the wrong hire date, moves with it.
        var version = fx.Factory.WithDb(db => db.Employees.Single(e => e.Id == "P03").Version);
        var fixedPerson = await fx.Clients["hr"].PutAsJsonAsync("/api/v1/employees/P03", new { name = "P03 更正", hireDate = "2023-03-01", version });
        Assert.Equal(HttpStatusCode.OK, fixedPerson.StatusCode);
        Assert.Equal(new DateOnly(2023, 3, 1), fx.Factory.WithDb(db => db.Assignments.Where(a => a.EmployeeId == "P03").Min(a => a.ValidFrom)));

        var again = await fx.Clients["finance"].PostAsync("/api/v1/data/sales", Form("sales.csv", Encoding.UTF8.GetBytes(sales)));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False((await again.Content.ReadFromJsonAsync<JsonElement>())[0].TryGetProperty("warnings", out var left) && left.GetArrayLength() > 0);
    }
}
