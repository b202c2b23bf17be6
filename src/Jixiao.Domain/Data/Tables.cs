namespace Jixiao.Domain.Data;

/// <summary>
/// Columns every transaction table shares. Rows are kept in ascending <see cref="Day"/> order (stable),
/// so a period is a contiguous row range; <see cref="Employee"/> is the dense index into
/// <see cref="Dataset.Employees"/>.
/// </summary>
public abstract class TransactionTable
{
    /// <summary>Creates the shared columns and checks lengths and order.</summary>
    protected TransactionTable(StringColumn id, int[] employee, int[] day)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(employee);
        ArgumentNullException.ThrowIfNull(day);
        if (id.Count != employee.Length || day.Length != employee.Length)
        {
            throw new ArgumentException("Column lengths differ.");
        }

        if (!Columns.IsSorted(day))
        {
            throw new ArgumentException("Rows must be sorted by day; use Columns.StableOrderByDay and Permute first.");
        }

        Id = id;
        Employee = employee;
        Day = day;
    }

    /// <summary>External id of each row (stable across re-imports).</summary>
    public StringColumn Id { get; }

    /// <summary>Dense employee index of each row.</summary>
    public int[] Employee { get; }

    /// <summary><see cref="DateOnly.DayNumber"/> of each row.</summary>
    public int[] Day { get; }

    /// <summary>Number of rows.</summary>
    public int Count => Day.Length;

    /// <summary>
    /// How many stored rows each row stands for, or null when each row is one stored row. A row with a weight is the sum
    /// of its stored rows (money, units and values summed; same employee, filter category and, where it matters, day and
    /// contract date): read by an aggregate query for sums and counts only (<c>LastYearActuals</c>). Sums, counts and
    /// averages of such a table equal those of the stored rows; minimums, maximums, split credits (credited rows must
    /// weigh 1) and pay read rows, not weights, so a weighted table is never given to a calculation run.
    /// </summary>
    public int[]? Weight
    {
        get => _weight;
        init
        {
            if (value is not null)
            {
                Require(value.Length, "weight");
            }

            _weight = value;
        }
    }

    private readonly int[]? _weight;

    /// <summary>Rows [From, To) dated within [first, last].</summary>
    public (int From, int To) RowsBetween(DateOnly first, DateOnly last) =>
        Columns.RangeOfDays(Day, first.DayNumber, last.DayNumber);

    /// <summary>Checks that a column has one entry per row.</summary>
    protected void Require(int length, string column)
    {
        if (length != Count)
        {
            throw new ArgumentException($"Column '{column}' has {length} rows, expected {Count}.");
        }
    }
}

/// <summary>Sales orders/contracts (销售). Money in cents, units in 1/10,000.</summary>
public sealed class SalesTable : TransactionTable
{
    /// <summary>Creates the table; all columns must have the same length and rows be sorted by day.</summary>
    public SalesTable(StringColumn id, int[] employee, int[] day, StringColumn customer, CategoryColumn product,
        long[] units, long[] amountCents, long[] costCents, StringColumn contract, int[] contractSignedDay)
        : base(id, employee, day)
    {
        Customer = customer;
        Product = product;
        Units = units;
        AmountCents = amountCents;
        CostCents = costCents;
        Contract = contract;
        ContractSignedDay = contractSignedDay;
        Require(customer.Count, "customer");
        Require(product.Count, "product");
        Require(units.Length, "units");
        Require(amountCents.Length, "amount");
        Require(costCents.Length, "cost");
        Require(contract.Count, "contract");
        Require(contractSignedDay.Length, "contract_signed");
    }

    /// <summary>An empty table.</summary>
    public static SalesTable Empty { get; } = new(StringColumn.Empty, [], [], StringColumn.Empty, CategoryColumn.Empty, [], [], [], StringColumn.Empty, []);

    public StringColumn Customer { get; }

    public CategoryColumn Product { get; }

    /// <summary>Units sold × 10,000.</summary>
    public long[] Units { get; }

    public long[] AmountCents { get; }

    public long[] CostCents { get; }

    public StringColumn Contract { get; }

    /// <summary>Day number the contract was signed, or <see cref="Columns.NoDay"/>.</summary>
    public int[] ContractSignedDay { get; }
}

/// <summary>Cash received on contracts (回款), in cents.</summary>
public sealed class CollectionsTable : TransactionTable
{
    /// <summary>Creates the table.</summary>
    public CollectionsTable(StringColumn id, int[] employee, int[] day, StringColumn contract, int[] contractSignedDay, long[] amountCents)
        : base(id, employee, day)
    {
        Contract = contract;
        ContractSignedDay = contractSignedDay;
        AmountCents = amountCents;
        Require(contract.Count, "contract");
        Require(contractSignedDay.Length, "contract_signed");
        Require(amountCents.Length, "amount");
    }

    /// <summary>An empty table.</summary>
    public static CollectionsTable Empty { get; } = new(StringColumn.Empty, [], [], StringColumn.Empty, [], []);

    public StringColumn Contract { get; }

    public int[] ContractSignedDay { get; }

    public long[] AmountCents { get; }
}

/// <summary>Selling expenses (销售费用: travel, entertainment, commission paid out, PR), in cents.</summary>
public sealed class ExpensesTable : TransactionTable
{
    /// <summary>Creates the table.</summary>
    public ExpensesTable(StringColumn id, int[] employee, int[] day, CategoryColumn category, long[] amountCents)
        : base(id, employee, day)
    {
        Category = category;
        AmountCents = amountCents;
        Require(category.Count, "category");
        Require(amountCents.Length, "amount");
    }

    /// <summary>An empty table.</summary>
    public static ExpensesTable Empty { get; } = new(StringColumn.Empty, [], [], CategoryColumn.Empty, []);

    public CategoryColumn Category { get; }

    public long[] AmountCents { get; }
}

/// <summary>Leads, follow-ups, conversions, visits, proposals, complaints, surveys — one row per event.</summary>
public sealed class ActivitiesTable : TransactionTable
{
    /// <summary>Creates the table.</summary>
    public ActivitiesTable(StringColumn id, int[] employee, int[] day, CategoryColumn kind, StringColumn customer, long[] value)
        : base(id, employee, day)
    {
        Kind = kind;
        Customer = customer;
        Value = value;
        Require(kind.Count, "kind");
        Require(customer.Count, "customer");
        Require(value.Length, "value");
    }

    /// <summary>An empty table.</summary>
    public static ActivitiesTable Empty { get; } = new(StringColumn.Empty, [], [], CategoryColumn.Empty, StringColumn.Empty, []);

    public CategoryColumn Kind { get; }

    public StringColumn Customer { get; }

    /// <summary>Value × 10,000 (e.g. a survey score), or <see cref="Columns.NoValue"/>.</summary>
    public long[] Value { get; }
}

/// <summary>
/// One share of a sale credited to an employee (业绩分配). Shares of a sale sum to exactly 1. <paramref name="Indirect"/>:
/// the part was not won directly (非直接开拓客户, seed 003 §五.1) and counts at the plan's indirect rate;
/// <paramref name="Referrer"/>: the external person who brought the sale (外部人员提供的销售信息, §五.4), whose part is
/// taken out of this one (<see cref="Compensation.SaleCreditRules"/>).
/// </summary>
public readonly record struct Credit(int SaleRow, int Employee, decimal Share, bool Indirect = false, string? Referrer = null);

/// <summary>A target (目标值) for a subject (employee or org unit id), metric and period.</summary>
public sealed record TargetRow(string Subject, string Metric, string Period, decimal Value, decimal? Challenge, int Line = 0);

/// <summary>A rater's points for a rating-rule indicator.</summary>
public sealed record RatingRow(string Employee, string Period, string Indicator, decimal Points, string? Rater, string? Comment, int Line = 0);

/// <summary>A metric value given directly (metrics.csv) for a subject and period.</summary>
public sealed record DirectValue(string Subject, string Metric, string Period, decimal Value, int Line = 0);
