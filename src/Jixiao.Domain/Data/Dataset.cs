namespace Jixiao.Domain.Data;

/// <summary>Everything one calculation reads: org tree, employees and the transaction tables.</summary>
public sealed partial class Dataset
{
    private readonly Dictionary<string, int> _employeeIndex;
    private readonly Dictionary<string, int> _unitIndex;
    private readonly Dictionary<string, int[]> _targetsByPeriod;
    private readonly Dictionary<string, int[]> _ratingsByPeriod;

    /// <summary>Creates a dataset; ids must be unique and transaction tables must use indexes into <paramref name="employees"/>.</summary>
    public Dataset(
        IReadOnlyList<OrgUnit> orgUnits,
        IReadOnlyList<Employee> employees,
        SalesTable? sales = null,
        CollectionsTable? collections = null,
        ExpensesTable? expenses = null,
        ActivitiesTable? activities = null,
        IReadOnlyList<Credit>? credits = null,
        IReadOnlyList<TargetRow>? targets = null,
        IReadOnlyList<RatingRow>? ratings = null,
        IReadOnlyList<DirectValue>? directValues = null)
    {
        OrgUnits = orgUnits;
        Employees = employees;
        Sales = sales ?? SalesTable.Empty;
        Collections = collections ?? CollectionsTable.Empty;
        Expenses = expenses ?? ExpensesTable.Empty;
        Activities = activities ?? ActivitiesTable.Empty;
        Credits = credits ?? [];
        Targets = targets ?? [];
        Ratings = ratings ?? [];
        DirectValues = directValues ?? [];
        _employeeIndex = new Dictionary<string, int>(employees.Count, StringComparer.Ordinal);
        for (var i = 0; i < employees.Count; i++)
        {
            if (!_employeeIndex.TryAdd(employees[i].Id, i))
            {
                throw new ArgumentException($"Duplicate employee id '{employees[i].Id}'.", nameof(employees));
            }
        }

        _unitIndex = new Dictionary<string, int>(orgUnits.Count, StringComparer.Ordinal);
        for (var i = 0; i < orgUnits.Count; i++)
        {
            if (!_unitIndex.TryAdd(orgUnits[i].Id, i))
            {
                throw new ArgumentException($"Duplicate org unit id '{orgUnits[i].Id}'.", nameof(orgUnits));
            }
        }

        // A close reads the targets and ratings of one or a few periods out of millions of rows: group them once here.
        Dictionary<string, int[]>? targetsByPeriod = null, ratingsByPeriod = null;
        var targetRows = Targets;
        var ratingRows = Ratings;
        Parallel.Invoke(
            () => targetsByPeriod = ByPeriod(targetRows, static t => t.Period),
            () => ratingsByPeriod = ByPeriod(ratingRows, static r => r.Period));
        _targetsByPeriod = targetsByPeriod!;
        _ratingsByPeriod = ratingsByPeriod!;
    }

    public IReadOnlyList<OrgUnit> OrgUnits { get; }

    public IReadOnlyList<Employee> Employees { get; private set; }

    public SalesTable Sales { get; }

    public CollectionsTable Collections { get; }

    public ExpensesTable Expenses { get; }

    public ActivitiesTable Activities { get; }

    /// <summary>Split credits; a sale with no credit rows is credited 100% to its own employee.</summary>
    public IReadOnlyList<Credit> Credits { get; }

    public IReadOnlyList<TargetRow> Targets { get; }

    public IReadOnlyList<RatingRow> Ratings { get; }

    public IReadOnlyList<DirectValue> DirectValues { get; }

    /// <summary>Dense index of an employee id, or -1.</summary>
    public int EmployeeIndex(string id) => _employeeIndex.TryGetValue(id, out var i) ? i : -1;

    /// <summary>Index of an org unit id, or -1.</summary>
    public int OrgUnitIndex(string id) => _unitIndex.TryGetValue(id, out var i) ? i : -1;

    /// <summary>Indexes into <see cref="Targets"/> of the rows of <paramref name="period"/> (e.g. 2026-10), in list order.</summary>
    public ReadOnlySpan<int> TargetRowsOf(string period) => _targetsByPeriod.TryGetValue(period, out var rows) ? rows : [];

    /// <summary>Indexes into <see cref="Ratings"/> of the rows of <paramref name="period"/>, in list order.</summary>
    public ReadOnlySpan<int> RatingRowsOf(string period) => _ratingsByPeriod.TryGetValue(period, out var rows) ? rows : [];

    private static Dictionary<string, int[]> ByPeriod<T>(IReadOnlyList<T> rows, Func<T, string> periodOf)
    {
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        string? last = null;
        List<int>? current = null;
        for (var r = 0; r < rows.Count; r++)
        {
            var period = periodOf(rows[r]);

            // Loaders share one string per distinct period, and rows of a period come together: skip the hash then.
            if (!ReferenceEquals(period, last))
            {
                if (!groups.TryGetValue(period, out current))
                {
                    current = [];
                    groups[period] = current;
                }

                last = period;
            }

            current!.Add(r);
        }

        var result = new Dictionary<string, int[]>(groups.Count, StringComparer.Ordinal);
        foreach (var (period, list) in groups)
        {
            result[period] = [.. list];
        }

        return result;
    }
}
