using System.Globalization;
using System.Text;
using Jixiao.Application.DataImports;
using Jixiao.Application.Import;

namespace Jixiao.Application.Demo;

/// <summary>A person of the demo company, with the role a demo login gets.</summary>
public sealed record DemoPerson(string Id, string Name, string OrgUnit, string? Manager, string Position);

/// <summary>
/// A deterministic demo company for the 4S dealership template: a company with three stores, each with a
/// manager and two sales teams (a supervisor and four or five salespeople), six months of sales,
/// activities, expenses, targets, ratings and team metrics, and the open month to date (one supervisor rating
/// not in yet) so its projection shows. The months are those of a <see cref="DemoCalendar"/>: relative to the day
/// it is seeded on (the app's clock), e.g. May–October 2026 and November 2026 to the 25th when seeded on 2026-11-26.
/// Same output every time for the same day.
/// </summary>
public static class DemoCompany
{
    private static readonly string[] Products = ["sedan", "suv", "mpv", "ev"];
    private static readonly decimal[] Prices = [150_000m, 210_000m, 230_000m, 180_000m];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "高", "罗"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "慧", "鹏", "婷"];
    private static readonly string[] StoreNames = ["星辉汽车城东店", "星辉汽车城南店", "星辉汽车城西店"];

    /// <summary>The people of the demo company (the general manager first).</summary>
    public static IReadOnlyList<DemoPerson> People()
    {
        var rng = new Random(2026);
        var people = new List<DemoPerson> { new("G01", "林国栋", "HQ", null, "general_manager") };
        var n = 0;
        string Name() => Surnames[rng.Next(Surnames.Length)] + Given[rng.Next(Given.Length)];
        for (var s = 1; s <= 3; s++)
        {
            var manager = $"M{s:00}";
            people.Add(new DemoPerson(manager, Name(), $"ST{s}", "G01", "manager"));
            for (var t = 1; t <= 2; t++)
            {
                var team = $"ST{s}-T{t}";
                var supervisor = $"S{s}{t}";
                people.Add(new DemoPerson(supervisor, Name(), team, manager, "supervisor"));
                var size = 4 + ((s + t) % 2);
                for (var p = 0; p < size; p++)
                {
                    people.Add(new DemoPerson($"P{++n:00}", Name(), team, supervisor, "salesperson"));
                }
            }
        }

        return people;
    }

    /// <summary>The data files, by source, in the data directory format, for a demo seeded on <paramref name="today"/>.</summary>
    public static IReadOnlyList<UploadFile> Files(DateOnly today) => Files(new DemoCalendar(today));

    /// <summary>The data files, by source, in the data directory format, for the months of <paramref name="calendar"/>.</summary>
    public static IReadOnlyList<UploadFile> Files(DemoCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var people = People();
        var rng = new Random(4242);
        var months = calendar.Months;

        var org = new CsvText("id", "name", "parent", "manager").Row("HQ", "星辉汽车集团销售部", null, "G01");
        for (var s = 1; s <= 3; s++)
        {
            org.Row($"ST{s}", StoreNames[s - 1], "HQ", $"M{s:00}");
            org.Row($"ST{s}-T1", "销售一组", $"ST{s}", $"S{s}1");
            org.Row($"ST{s}-T2", "销售二组", $"ST{s}", $"S{s}2");
        }

        var employees = new CsvText("id", "name", "org_unit", "manager", "position", "category", "level", "tier", "hire_date", "leave_date");
        foreach (var p in people)
        {
            var newcomer = p.Position == "salesperson" && rng.Next(4) == 0;
            var hire = newcomer
                ? calendar.Since.AddMonths(rng.Next(4)).AddDays(rng.Next(28))
                : new DateOnly(calendar.Since.Year - 10 + rng.Next(9), 1 + rng.Next(12), 1 + rng.Next(28));
            var level = p.Position switch { "salesperson" => newcomer ? "newcomer" : "core", _ => "manager" };
            employees.Row(p.Id, p.Name, p.OrgUnit, p.Manager, p.Position, "", level, "", CsvText.Date(hire), null);
        }

        var sales = new CsvText("id", "employee", "date", "customer", "product", "units", "amount", "cost");
        var activities = new CsvText("id", "employee", "date", "kind", "customer", "value");
        var expenses = new CsvText("id", "employee", "date", "category", "amount");
        var targets = new CsvText("subject", "metric", "period", "value", "challenge");
        var ratings = new CsvText("employee", "period", "indicator", "points", "rater", "comment");
        var metrics = new CsvText("subject", "metric", "period", "value");
        int saleNo = 0, activityNo = 0, expenseNo = 0;

        foreach (var month in months)
        {
            Month(month, rng, DateTime.DaysInMonth(month.Year, month.Month));
        }

        // A month's data: targets and team metrics in full; sales, activities and expenses only on its first
        // `through` days, with amounts of work scaled to them (a complete month: through = days, nothing scaled).
        void Month(DateOnly month, Random rng, int through)
        {
            var period = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var days = DateTime.DaysInMonth(month.Year, month.Month);
            var share = through == days ? 1.0 : through / (double)days;
            int Part(int count) => through == days ? count : (int)Math.Round(count * share);
            DateOnly Day() => month.AddDays(rng.Next(through));
            var teamVehicles = new Dictionary<string, int>(StringComparer.Ordinal);
            var teamRevenue = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var p in people.Where(p => p.Position == "salesperson"))
            {
                var vehicles = 4 + rng.Next(7);
                var revenue = vehicles * 170_000m;
                targets.Row(p.Id, "vehicles", period, N(vehicles), N(vehicles + 2));
                targets.Row(p.Id, "revenue", period, N(revenue), N(revenue * 1.2m));
                targets.Row(p.Id, "gross_margin", period, N(revenue * 0.08m), null);
                var leads = 3 + rng.Next(4);
                targets.Row(p.Id, "new_leads", period, N(leads), null);
                teamVehicles[p.OrgUnit] = teamVehicles.GetValueOrDefault(p.OrgUnit) + vehicles;
                teamRevenue[p.OrgUnit] = teamRevenue.GetValueOrDefault(p.OrgUnit) + revenue;

                // Actual results between about 55% and 135% of target, so every grade appears.
                var sold = Math.Max(0, (int)Math.Round(vehicles * (0.55 + (rng.NextDouble() * 0.8)) * share));
                while (sold > 0)
                {
                    var units = sold >= 2 && rng.Next(5) == 0 ? 2 : 1;
                    sold -= units;
                    var product = rng.Next(Products.Length);
                    var amount = units * Prices[product] * (0.95m + (rng.Next(10) / 100m));
                    var cost = decimal.Round(amount * (0.9m + (rng.Next(5) / 100m)), 2, MidpointRounding.AwayFromZero);
                    sales.Row($"XS-{++saleNo:00000}", p.Id, CsvText.Date(Day()), $"客户{rng.Next(1000):000}", Products[product], N(units), N(amount), N(cost));
                }

                void Activity(string kind, int count, Func<string?>? value = null)
                {
                    for (var i = 0; i < count; i++)
                    {
                        activities.Row($"HD-{++activityNo:000000}", p.Id, CsvText.Date(Day()), kind, $"潜客{rng.Next(1000):000}", value?.Invoke());
                    }
                }

                Activity("lead", Part(Math.Max(0, leads - 2 + rng.Next(5))));
                var due = 3 + rng.Next(5);
                var done = Math.Max(1, due - rng.Next(2));
                Activity("followup_due", Part(due));
                Activity("followup_on_time", Part(Math.Max(0, due - rng.Next(3))));
                Activity("followup_done", Part(done));
                Activity("conversion", Part(rng.Next(done + 1)));
                Activity("survey", 1 + rng.Next(3), () => N(75 + rng.Next(26)));
                Activity("complaint", rng.Next(10) == 0 ? 1 : 0);
            }

            foreach (var (team, v) in teamVehicles)
            {
                targets.Row(team, "team_vehicles", period, N(v), null);
                targets.Row(team, "team_revenue", period, N(teamRevenue[team]), null);
                metrics.Row(team, "info_completeness", period, N(0.8m + (rng.Next(19) / 100m)));
                metrics.Row(team, "opening_customers", period, N(80 + rng.Next(50)));
                metrics.Row(team, "churned_customers", period, N(4 + rng.Next(10)));
            }

            foreach (var p in people.Where(p => p.Position == "supervisor"))
            {
                ratings.Row(p.Id, period, "team_management", N(14 + rng.Next(17)), p.Manager, "组员培训与带教情况");
                var analysis = N(9 + rng.Next(12));
                if (through == days || p.Id != "S32")
                {
                    // The open month: S32's report analysis is not rated yet (待评分).
                    ratings.Row(p.Id, period, "sales_analysis", analysis, p.Manager, "周报与竞品分析");
                }
            }

            for (var s = 1; s <= 3; s++)
            {
                var store = $"ST{s}";
                var revenue = teamRevenue[$"{store}-T1"] + teamRevenue[$"{store}-T2"];
                metrics.Row(store, "average_inventory", period, N(4_000_000 + (rng.Next(100) * 10_000)));
                expenses.Row($"FY-{++expenseNo:0000}", $"M{s:00}", CsvText.Date(Day()), "advertising", N(decimal.Round(revenue * (0.015m + (rng.Next(20) / 1000m)), 2, MidpointRounding.AwayFromZero)));
                expenses.Row($"FY-{++expenseNo:0000}", $"S{s}1", CsvText.Date(Day()), "event", N(20_000 + (rng.Next(40) * 1000)));
            }
        }

        foreach (var quarter in calendar.Quarters)
        {
            for (var s = 1; s <= 3; s++)
            {
                targets.Row($"ST{s}", "team_vehicles", quarter, N(3 * 60), null);
                targets.Row($"ST{s}", "team_revenue", quarter, N(3 * 60 * 170_000m), null);
                targets.Row($"M{s:00}", "expense_ratio", quarter, "0.03", null);
                targets.Row($"M{s:00}", "inventory_turnover", quarter, "3.5", null);
                ratings.Row($"M{s:00}", quarter, "market_execution", N(10 + rng.Next(11)), "G01", "推广活动与厂家政策执行");
                ratings.Row($"M{s:00}", quarter, "team_building", N(10 + rng.Next(11)), "G01", "招聘与培训");
                ratings.Row($"M{s:00}", quarter, "cross_department", N(8 + rng.Next(8)), "G01", "跨部门协作");
            }
        }

        // The open month to date, from a generator of its own so the months before stay exactly as they were.
        Month(calendar.OpenMonth, new Random(1126), calendar.DataThrough.Day);

        static UploadFile F(string source, CsvText csv) => new(source, source + ".csv", Encoding.UTF8.GetBytes(csv.ToString()));
        return
        [
            F(DataSources.OrgUnits, org), F(DataSources.Employees, employees), F(DataSources.Sales, sales),
            F(DataSources.Expenses, expenses), F(DataSources.Activities, activities), F(DataSources.Targets, targets),
            F(DataSources.Ratings, ratings), F(DataSources.Metrics, metrics),
        ];
    }

    private static string N(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
