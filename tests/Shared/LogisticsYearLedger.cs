namespace Jixiao.Testing;

/// <summary>
/// The pay ledger of <see cref="LogisticsYear"/> worked out by hand, as lines of the payroll file
/// (<c>employee,component,earned_period,pay_month,status,amount</c>). Rules: docs/pay-ledger.md and the logistics template's
/// payment section — management bonus the next month; commission (A team, B) in the month after the quarter, forfeited by a
/// leaver before that month; C 30% in the 2nd month of the next quarter and 70% after the 2027 Spring Festival (February) ×
/// the department's annual completion; D quarterly, the next month; fixed pay in its month, A's withheld after a missed
/// quarter and paid back on recovery. The same expectation is checked through <c>jixiao payouts</c> and through the web
/// app's ledger on SQLite and PostgreSQL (<see cref="LogisticsLedgerScenario"/>).
/// </summary>
public static class LogisticsYearLedger
{
    /// <summary>
    /// What the refund of 30,000 on B3's March sale, entered after April's payroll was approved, adds: March recomputed —
    /// credit 70,000 → task 50 × 0.7 = 35, total 80 → B: 0.80 + 9 ÷ 14 × 0.10 = 0.8643 → bonus 864.30 (was 1,000.00, paid in
    /// April); commission 70,000 ÷ 1,200,000 × 36,000 = 2,100.00, month target missed (was 3,000.00, paid in April). April
    /// stays as approved; May gets −135.70 and −900.00.
    /// </summary>
    public static readonly string[] RefundCorrections =
    [
        "B3,management_bonus,2026-03,2026-05,clawed_back,-135.70",
        "B3,commission,2026-03,2026-05,clawed_back,-900.00",
    ];

    /// <summary>The ledger as of 2027-03-31 (every 2026 amount is due by February 2027), by hand.</summary>
    public static List<string> Expected()
    {
        var e = new List<string>();
        void Add(string who, string component, string earned, string pay, string status, string amount) =>
            e.Add($"{who},{component},{earned},{pay},{status},{amount}");
        static string M(int m) => m <= 12 ? $"2026-{m:D2}" : $"2027-{m - 12:D2}";
        static int After(int m) => ((m - 1) / 3 + 1) * 3 + 1;   // the month after the month's quarter

        // ---- A1: team of B1 (+ B2 from April). Team task credit 100,000 (Jan–Mar), 200,000 (Apr–Jun), 250,000 (Jul–Dec)
        // against 150,000 a month; team collections = target → 20 points; ratings 12 + 12.
        //   Jan–Mar: r = 0.6667 → 50 × 0.6667 = 33.33; total 77.33 → B: 0.80 + (77.33 − 71) ÷ 14 × 0.10 = 0.8452 → 3,000 × 0.8452 = 2,535.60
        //   Apr–Jun: r = 1.3333 → 66.67; total 110.67 → A+: 1.01 + (110.67 − 96) ÷ 24 × 0.19 = 1.1261 → 3,378.30
        //   Jul–Dec: r = 1.6667 → capped 1.4 → 70; total 114 → 1.01 + 18 ÷ 24 × 0.19 = 1.1525 → 3,457.50
        // Team commission = credit ÷ annual 1,800,000 (Σ months) × 120,000: 6,666.67 / 13,333.33 / 16,666.67.
        // Salary 20,000. Withholding: annual task 12 × 150,000 = 1,800,000; Q1 requires 20% = 360,000, actual 300,000 → missed,
        // 83.33%: April–June 20,000 × 300,000 ÷ 360,000 = 16,666.67 paid, 3,333.33 withheld. Q2 actual 600,000 ≥ 25% = 450,000;
        // cumulative 900,000 ≥ 45% = 810,000 → recovered: 3 × 3,333.33 paid back in July. Q3 750,000 ≥ 450,000: full pay.
        for (var m = 1; m <= 12; m++)
        {
            if (m is >= 4 and <= 6)
            {
                Add("A1", "salary", M(m), M(m), "paid", "16666.67");
                Add("A1", "salary", M(m), M(m), "withheld", "3333.33");
                Add("A1", "salary", M(m), "2026-07", "paid_back", "3333.33");
            }
            else
            {
                Add("A1", "salary", M(m), M(m), "paid", "20000.00");
            }

            Add("A1", "management_bonus", M(m), M(m + 1), "paid", m <= 3 ? "2535.60" : m <= 6 ? "3378.30" : "3457.50");
            Add("A1", "team_commission", M(m), M(After(m)), "paid", m <= 3 ? "6666.67" : m <= 6 ? "13333.33" : "16666.67");
        }

        // ---- B1: meets every month's target (task 50 + collections 20 + ratings 25 = 95 → A, coefficient 1.0000).
        // Tier b1 until June: bonus 1,000.00; commission 100,000 ÷ 1,500,000 × 36,000 = 2,400 < the month's 3,000 guaranteed
        // → 3,000.00. Tier b2 from July (target 150,000): bonus 1,500.00; commission 150,000 ÷ 1,500,000 × 48,000 = 4,800.00.
        // May includes 60% of the joint sale (40,000 + 60,000). Salary 8,000.
        for (var m = 1; m <= 12; m++)
        {
            Add("B1", "salary", M(m), M(m), "paid", "8000.00");
            Add("B1", "management_bonus", M(m), M(m + 1), "paid", m <= 6 ? "1000.00" : "1500.00");
            Add("B1", "commission", M(m), M(After(m)), "paid", m <= 6 ? "3000.00" : "4800.00");
        }

        // ---- B2: hired 2026-04-01; 100,000 a month (May: 60,000 + 40% of the joint sale); 95 points → 1,000.00;
        // commission 100,000 ÷ 900,000 × 36,000 = 4,000.00. Salary 8,000 from April.
        for (var m = 4; m <= 12; m++)
        {
            Add("B2", "salary", M(m), M(m), "paid", "8000.00");
            Add("B2", "management_bonus", M(m), M(m + 1), "paid", "1000.00");
            Add("B2", "commission", M(m), M(After(m)), "paid", "4000.00");
        }

        // ---- B3: leaves 2026-11-20. January–October as B1 in the first half (bonus 1,000.00, commission 100,000 ÷ 1,200,000
        // × 36,000 = 3,000.00). October's commission is due in January 2027, after leaving → forfeited 3,000.00; October's
        // bonus is paid in November (left on the 20th, after the 1st). November: forfeited at the close (left before 11-30),
        // 0.00 at its pay month. Salary 8,000; November 20 of 30 days = 5,333.33.
        for (var m = 1; m <= 11; m++)
        {
            Add("B3", "salary", M(m), M(m), "paid", m == 11 ? "5333.33" : "8000.00");
            if (m <= 10)
            {
                Add("B3", "management_bonus", M(m), M(m + 1), "paid", "1000.00");
            }

            if (m <= 9)
            {
                Add("B3", "commission", M(m), M(After(m)), "paid", "3000.00");
            }
        }

        Add("B3", "commission", "2026-10", "2027-01", "forfeited", "3000.00");
        Add("B3", "management_bonus", "2026-11", "2026-12", "forfeited", "0.00");
        Add("B3", "commission", "2026-11", "2027-01", "forfeited", "0.00");

        // ---- C1: department (R1) task credit per quarter 300,000 / 600,000 / 750,000 / 750,000 against 700,000; ratings 24 + 24.
        //   Q1 r = 0.4286 → 17.14; total 65.14 → B-, coefficient 0 → bonus 0.00 (no line)
        //   Q2 r = 0.8571 → 34.29; total 82.29 → B: 0.80 + 11.29 ÷ 14 × 0.10 = 0.8806 → 9,000 × 0.8806 = 7,925.40
        //   Q3, Q4 r = 1.0714 → 42.86; total 90.86 → A: 0.90 + 4.86 ÷ 9 × 0.10 = 0.9540 → 8,586.00
        // 30% in the 2nd month of the next quarter: 2,377.62 (Aug), 2,575.80 (Nov), 2,575.80 (Feb 2027).
        // 70% = remainder: 5,547.78, 6,010.20, 6,010.20 × annual completion 2,400,000 ÷ 2,800,000 = 6/7 →
        // 4,755.24, 5,151.60, 5,151.60 in February 2027. Salary 12,000.
        for (var m = 1; m <= 12; m++)
        {
            Add("C1", "salary", M(m), M(m), "paid", "12000.00");
        }

        Add("C1", "presales_bonus", "2026-Q2", "2026-08", "paid", "2377.62");
        Add("C1", "presales_bonus", "2026-Q3", "2026-11", "paid", "2575.80");
        Add("C1", "presales_bonus", "2026-Q4", "2027-02", "paid", "2575.80");
        Add("C1", "presales_bonus", "2026-Q2", "2027-02", "paid", "4755.24");
        Add("C1", "presales_bonus", "2026-Q3", "2027-02", "paid", "5151.60");
        Add("C1", "presales_bonus", "2026-Q4", "2027-02", "paid", "5151.60");

        // ---- D1: net sales × 4%, paid the month after the quarter: Q1 50,000 → 2,000.00 (April); Q2 none; Q3 100,000 →
        // 4,000.00 (October); Q4 25,000 → 1,000.00 (January 2027).
        Add("D1", "part_time_commission", "2026-Q1", "2026-04", "paid", "2000.00");
        Add("D1", "part_time_commission", "2026-Q3", "2026-10", "paid", "4000.00");
        Add("D1", "part_time_commission", "2026-Q4", "2027-01", "paid", "1000.00");
        return e;
    }

    public static void AssertSameLines(List<string> expected, List<string> actual)
    {
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0, "missing:\n" + string.Join('\n', missing) + "\nextra:\n" + string.Join('\n', extra));
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }
}
