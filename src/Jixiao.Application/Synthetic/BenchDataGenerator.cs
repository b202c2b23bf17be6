using System.Globalization;

namespace Jixiao.Application.Synthetic;

/// <summary>
/// Writes a deterministic synthetic data directory (the format of docs/data-format.md) for benchmarks
/// and tests: an org tree of one company, stores and teams; salespeople, supervisors and managers;
/// sales over the twelve months of 2026; activities, collections, expenses, credits, targets, metrics
/// and ratings. The same arguments always give byte-identical files.
/// </summary>
public static class BenchDataGenerator
{
    /// <summary>Products sold.</summary>
    public static IReadOnlyList<string> Products { get; } = ["sedan", "suv", "mpv", "ev"];

    /// <summary>Activity kinds written to activities.csv.</summary>
    public static IReadOnlyList<string> ActivityKinds { get; } =
        ["lead", "followup_due", "followup_on_time", "followup_done", "conversion", "visit", "proposal", "proposal_on_time", "complaint", "survey"];

    /// <summary>Metrics that get a target for every employee, month and quarter.</summary>
    public static IReadOnlyList<string> TargetMetrics { get; } = ["vehicles", "revenue", "gross_margin", "new_leads", "sales_amount"];

    private static readonly long[] BasePriceCents = [150_000_00, 250_000_00, 220_000_00, 180_000_00];
    private static readonly string[] ExpenseCategories = ["travel", "entertainment", "marketing", "training"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "慧"];
    private static readonly int Year2026 = new DateOnly(2026, 1, 1).DayNumber;

    private enum Role
    {
        GeneralManager,
        StoreManager,
        Supervisor,
        Salesperson,
    }

    private sealed record Person(string Id, string Unit, string? Manager, Role Role);

    /// <summary>Writes the CSV files into <paramref name="directory"/> (created when missing).</summary>
    /// <param name="directory">Target directory.</param>
    /// <param name="employees">Number of employees (at least 1).</param>
    /// <param name="sales">Number of sales rows.</param>
    /// <param name="seed">Seed of the pseudo-random sequence.</param>
    public static void Write(string directory, int employees, long sales, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(employees, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(sales);
        Directory.CreateDirectory(directory);
        var people = WriteOrgAndEmployees(directory, employees, seed);
        var sellers = people.Where(p => p.Role == Role.Salesperson).Select(p => p.Id).ToArray();
        if (sellers.Length == 0)
        {
            sellers = [.. people.Select(p => p.Id)];
        }

        WriteSales(directory, sellers, sales, seed);
        WriteCollections(directory, sellers, seed);
        WriteExpenses(directory, sellers, seed);
        WriteActivities(directory, sellers, seed);
        WriteTargets(directory, people);
        WriteMetrics(directory, people, seed);
        WriteRatings(directory, people, seed);
    }

    private static int Width(long count, int minimum) => Math.Max(minimum, count.ToString(CultureInfo.InvariantCulture).Length);

    private static List<Person> WriteOrgAndEmployees(string directory, int n, int seed)
    {
        var width = Width(n, 6);
        string Id(int number) => "E" + number.ToString("D" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

        var people = new List<Person>(n) { new(Id(1), "HQ", null, Role.GeneralManager) };
        var stores = Math.Max(1, n / 400);
        var members = n - 1;
        using var org = new Utf8CsvWriter(Path.Combine(directory, "org_units.csv"));
        org.Row("id", "name", "parent", "manager");
        org.Row("HQ", "总公司", string.Empty, Id(1));
        var next = 2;
        for (var s = 0; s < stores && members > 0; s++)
        {
            // Store s gets an even share of the remaining people: a manager, then teams of a supervisor and up to nine.
            var count = (members * (s + 1) / stores) - (members * s / stores);
            if (count == 0)
            {
                continue;
            }

            var store = "ST" + (s + 1).ToString("D3", CultureInfo.InvariantCulture);
            var storeManager = Id(next++);
            people.Add(new Person(storeManager, store, Id(1), Role.StoreManager));
            org.Row(store, "门店" + (s + 1).ToString("D3", CultureInfo.InvariantCulture), "HQ", storeManager);
            var remaining = count - 1;
            var team = 0;
            while (remaining > 0)
            {
                team++;
                var teamId = store + "-T" + team.ToString("D2", CultureInfo.InvariantCulture);
                var size = Math.Min(10, remaining);
                var supervisor = Id(next++);
                people.Add(new Person(supervisor, teamId, storeManager, Role.Supervisor));
                org.Row(teamId, "门店" + (s + 1).ToString("D3", CultureInfo.InvariantCulture) + "-" + team.ToString(CultureInfo.InvariantCulture) + "组", store, supervisor);
                for (var k = 1; k < size; k++)
                {
                    people.Add(new Person(Id(next++), teamId, supervisor, Role.Salesperson));
                }

                remaining -= size;
            }
        }

        var rng = new SplitMix(seed, 1);
        using var w = new Utf8CsvWriter(Path.Combine(directory, "employees.csv"));
        w.Row("id", "name", "org_unit", "manager", "position", "category", "level", "tier", "hire_date", "leave_date");
        var newcomerFrom = new DateOnly(2025, 7, 1).DayNumber;
        var hireFrom = new DateOnly(2016, 1, 1).DayNumber;
        var hireTo = new DateOnly(2025, 12, 31).DayNumber;
        foreach (var p in people)
        {
            var name = Surnames[rng.Next(Surnames.Length)] + GivenNames[rng.Next(GivenNames.Length)];
            var hire = hireFrom + rng.Next(hireTo - hireFrom + 1);
            var newcomer = p.Role == Role.Salesperson && hire >= newcomerFrom;
            w.Text(p.Id);
            w.Text(name);
            w.Text(p.Unit);
            w.Text(p.Manager ?? string.Empty);
            w.Text(p.Role switch
            {
                Role.Salesperson => "salesperson",
                Role.Supervisor => "supervisor",
                _ => "manager",
            });
            w.Text(p.Role == Role.Salesperson ? "B" : "A");
            w.Text(newcomer ? "newcomer" : "core");
            w.Text(newcomer ? string.Empty : "T" + (1 + rng.Next(3)).ToString(CultureInfo.InvariantCulture));
            w.Date(hire);
            if (p.Role == Role.Salesperson && rng.Next(50) == 0)
            {
                w.Date(Year2026 + 181 + rng.Next(180));
            }
            else
            {
                w.Empty();
            }

            w.End();
        }

        return people;
    }

    private static void WriteSales(string directory, string[] sellers, long sales, int seed)
    {
        var rng = new SplitMix(seed, 2);
        var width = Width(sales, 8);
        using var w = new Utf8CsvWriter(Path.Combine(directory, "sales.csv"));
        using var credits = new Utf8CsvWriter(Path.Combine(directory, "credits.csv"));
        w.Row("id", "employee", "date", "customer", "product", "units", "amount", "cost", "contract", "contract_signed");
        credits.Row("sale", "employee", "share");
        var products = new byte[Products.Count][];
        for (var i = 0; i < products.Length; i++)
        {
            products[i] = System.Text.Encoding.UTF8.GetBytes(Products[i]);
        }

        var sellerBytes = new byte[sellers.Length][];
        for (var i = 0; i < sellers.Length; i++)
        {
            sellerBytes[i] = System.Text.Encoding.UTF8.GetBytes(sellers[i]);
        }

        for (long i = 0; i < sales; i++)
        {
            var day = Year2026 + (int)(i * 365 / Math.Max(1, sales));
            var seller = rng.Next(sellers.Length);
            var product = rng.Next(products.Length);
            var units = rng.Next(20) == 0 ? 2 : 1;
            var refund = rng.Next(500) == 0;
            var amount = BasePriceCents[product] * (70 + rng.Next(61)) / 100 * units;
            var cost = amount * (85 + rng.Next(11)) / 100;
            if (refund)
            {
                units = -units;
                amount = -amount;
                cost = -cost;
            }

            w.Int(i + 1, width, "S");
            w.Field(sellerBytes[seller]);
            w.Date(day);
            w.Int(rng.Next(1_000_000), 6, "C");
            w.Field(products[product]);
            w.Int(units);
            w.Cents(amount);
            w.Cents(cost);
            if (rng.Next(10) < 3)
            {
                w.Int(i + 1, width, "K");
                w.Date(day - rng.Next(10));
            }
            else
            {
                w.Empty();
                w.Empty();
            }

            w.End();
            if (i % 97 == 0 && sellers.Length > 1)
            {
                var other = (seller + 1 + rng.Next(sellers.Length - 1)) % sellers.Length;
                credits.Int(i + 1, width, "S");
                credits.Field(sellerBytes[seller]);
                credits.Field("0.6"u8);
                credits.End();
                credits.Int(i + 1, width, "S");
                credits.Field(sellerBytes[other]);
                credits.Field("40%"u8);
                credits.End();
            }
        }
    }

    private static void WriteCollections(string directory, string[] sellers, int seed)
    {
        var rng = new SplitMix(seed, 3);
        using var w = new Utf8CsvWriter(Path.Combine(directory, "collections.csv"));
        w.Row("id", "employee", "date", "contract", "contract_signed", "amount");
        var id = 0L;
        for (var month = 1; month <= 12; month++)
        {
            var first = new DateOnly(2026, month, 1).DayNumber;
            var days = DateTime.DaysInMonth(2026, month);
            foreach (var seller in sellers)
            {
                for (var k = 0; k < 2; k++)
                {
                    var day = first + rng.Next(days);
                    w.Int(++id, 8, "R");
                    w.Text(seller);
                    w.Date(day);
                    w.Int(rng.Next(1_000_000), 8, "K");
                    w.Date(day - 30 - rng.Next(60));
                    var amount = (10_000_00L + rng.Next(290_000_00)) * (rng.Next(100) == 0 ? -1 : 1);
                    w.Cents(amount);
                    w.End();
                }
            }
        }
    }

    private static void WriteExpenses(string directory, string[] sellers, int seed)
    {
        var rng = new SplitMix(seed, 4);
        using var w = new Utf8CsvWriter(Path.Combine(directory, "expenses.csv"));
        w.Row("id", "employee", "date", "category", "amount");
        var id = 0L;
        for (var month = 1; month <= 12; month++)
        {
            var first = new DateOnly(2026, month, 1).DayNumber;
            var days = DateTime.DaysInMonth(2026, month);
            foreach (var seller in sellers)
            {
                var count = 1 + rng.Next(2);
                for (var k = 0; k < count; k++)
                {
                    w.Int(++id, 8, "X");
                    w.Text(seller);
                    w.Date(first + rng.Next(days));
                    w.Text(ExpenseCategories[rng.Next(ExpenseCategories.Length)]);
                    w.Cents(100_00 + rng.Next(4_900_00));
                    w.End();
                }
            }
        }
    }

    private static void WriteActivities(string directory, string[] sellers, int seed)
    {
        var rng = new SplitMix(seed, 5);
        using var w = new Utf8CsvWriter(Path.Combine(directory, "activities.csv"));
        w.Row("id", "employee", "date", "kind", "customer", "value");
        var id = 0L;
        for (var month = 1; month <= 12; month++)
        {
            var first = new DateOnly(2026, month, 1).DayNumber;
            var days = DateTime.DaysInMonth(2026, month);
            foreach (var seller in sellers)
            {
                foreach (var kind in ActivityKinds)
                {
                    // A few of each kind a month; complaints are rare.
                    var count = kind == "complaint" ? (rng.Next(10) == 0 ? 1 : 0) : kind == "lead" ? 2 + rng.Next(3) : rng.Next(2);
                    for (var k = 0; k < count; k++)
                    {
                        w.Int(++id, 8, "A");
                        w.Text(seller);
                        w.Date(first + rng.Next(days));
                        w.Text(kind);
                        w.Int(rng.Next(1_000_000), 6, "C");
                        if (kind == "survey")
                        {
                            w.Int(60 + rng.Next(41));
                        }
                        else
                        {
                            w.Empty();
                        }

                        w.End();
                    }
                }
            }
        }
    }

    private static void WriteTargets(string directory, List<Person> people)
    {
        using var w = new Utf8CsvWriter(Path.Combine(directory, "targets.csv"));
        w.Row("subject", "metric", "period", "value", "challenge");
        var periods = new List<(string Name, int Months)>();
        for (var m = 1; m <= 12; m++)
        {
            periods.Add(("2026-" + m.ToString("D2", CultureInfo.InvariantCulture), 1));
        }

        for (var q = 1; q <= 4; q++)
        {
            periods.Add(("2026-Q" + q.ToString(CultureInfo.InvariantCulture), 3));
        }

        foreach (var p in people)
        {
            var scale = p.Role == Role.Salesperson ? 1 : 5;
            foreach (var (period, months) in periods)
            {
                Target(w, p.Id, "vehicles", period, 10L * scale * months * 100, 12L * scale * months * 100);
                Target(w, p.Id, "revenue", period, 2_000_000_00L * scale * months, 2_400_000_00L * scale * months);
                Target(w, p.Id, "gross_margin", period, 200_000_00L * scale * months, -1);
                Target(w, p.Id, "new_leads", period, 30L * scale * months * 100, -1);
                Target(w, p.Id, "sales_amount", period, 2_000_000_00L * scale * months, -1);
            }
        }
    }

    private static void Target(Utf8CsvWriter w, string subject, string metric, string period, long valueCents, long challengeCents)
    {
        w.Text(subject);
        w.Text(metric);
        w.Text(period);
        w.Cents(valueCents);
        if (challengeCents >= 0)
        {
            w.Cents(challengeCents);
        }
        else
        {
            w.Empty();
        }

        w.End();
    }

    private static void WriteMetrics(string directory, List<Person> people, int seed)
    {
        var rng = new SplitMix(seed, 6);
        using var w = new Utf8CsvWriter(Path.Combine(directory, "metrics.csv"));
        w.Row("subject", "metric", "period", "value");
        foreach (var p in people)
        {
            for (var m = 1; m <= 12; m++)
            {
                w.Text(p.Id);
                w.Text("receivable");
                w.Text("2026-" + m.ToString("D2", CultureInfo.InvariantCulture));
                w.Cents(rng.Next(500_000_00));
                w.End();
            }
        }
    }

    private static void WriteRatings(string directory, List<Person> people, int seed)
    {
        var rng = new SplitMix(seed, 7);
        using var w = new Utf8CsvWriter(Path.Combine(directory, "ratings.csv"));
        w.Row("employee", "period", "indicator", "points", "rater", "comment");
        string[] comments = [string.Empty, string.Empty, "良好", "按时完成, 表现\"优秀\"", "需改进\n跟进不及时"];
        foreach (var p in people)
        {
            for (var m = 1; m <= 12; m++)
            {
                var period = "2026-" + m.ToString("D2", CultureInfo.InvariantCulture);
                foreach (var indicator in (string[])["attitude", "process"])
                {
                    w.Text(p.Id);
                    w.Text(period);
                    w.Text(indicator);
                    w.Int(rng.Next(11));
                    w.Text(p.Manager ?? string.Empty);
                    w.Text(comments[rng.Next(comments.Length)]);
                    w.End();
                }
            }
        }
    }

    /// <summary>SplitMix64: tiny, fast and the same on every platform and runtime version.</summary>
    private struct SplitMix(int seed, int stream)
    {
        private ulong _state = ((ulong)(uint)seed << 32) ^ ((ulong)(uint)stream * 0x9E3779B97F4A7C15UL);

        public int Next(int bound)
        {
            _state += 0x9E3779B97F4A7C15UL;
            var z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)((z >> 33) % (ulong)bound);
        }
    }
}
