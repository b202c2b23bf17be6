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
        TargetColumns = targets is null ? TargetTable.Empty : TargetTable.From(targets);
        RatingColumns = ratings is null ? RatingTable.Empty : RatingTable.From(ratings);
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

        // A close reads the targets and ratings of one or a few periods out of millions of rows: group them once here,
        // and resolve each distinct subject to its employee and org unit index.
        Dictionary<string, int[]>? targetsByPeriod = null, ratingsByPeriod = null;
        var targetTable = TargetColumns;
        var ratingTable = RatingColumns;
        Parallel.Invoke(
            () => targetsByPeriod = ByPeriod(targetTable.Period, targetTable.Count, targetTable.Periods),
            () => ratingsByPeriod = ByPeriod(ratingTable.Period, ratingTable.Count, ratingTable.Periods),
            () =>
            {
                TargetSubjectEmployee = IndexesOf(targetTable.Subjects, _employeeIndex);
                TargetSubjectUnit = IndexesOf(targetTable.Subjects, _unitIndex);
                RatingEmployee = IndexesOf(ratingTable.Employees, _employeeIndex);
            });
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

    public IReadOnlyList<TargetRow> Targets => TargetColumns;

    public IReadOnlyList<RatingRow> Ratings => RatingColumns;

    /// <summary>The targets as columns (the same rows as <see cref="Targets"/>).</summary>
    public TargetTable TargetColumns { get; }

    /// <summary>The ratings as columns (the same rows as <see cref="Ratings"/>).</summary>
    public RatingTable RatingColumns { get; }

    /// <summary>Per <see cref="TargetTable.Subjects"/> entry: the employee index, or -1.</summary>
    internal int[] TargetSubjectEmployee { get; private set; } = [];

    /// <summary>Per <see cref="TargetTable.Subjects"/> entry: the org unit index, or -1.</summary>
    internal int[] TargetSubjectUnit { get; private set; } = [];

    /// <summary>Per <see cref="RatingTable.Employees"/> entry: the employee index, or -1.</summary>
    internal int[] RatingEmployee { get; private set; } = [];

    public IReadOnlyList<DirectValue> DirectValues { get; }

    /// <summary>Dense index of an employee id, or -1.</summary>
    public int EmployeeIndex(string id) => _employeeIndex.TryGetValue(id, out var i) ? i : -1;

    /// <summary>Index of an org unit id, or -1.</summary>
    public int OrgUnitIndex(string id) => _unitIndex.TryGetValue(id, out var i) ? i : -1;

    /// <summary>Indexes into <see cref="Targets"/> of the rows of <paramref name="period"/> (e.g. 2026-10), in list order.</summary>
    public ReadOnlySpan<int> TargetRowsOf(string period) => _targetsByPeriod.TryGetValue(period, out var rows) ? rows : [];

    /// <summary>Indexes into <see cref="Ratings"/> of the rows of <paramref name="period"/>, in list order.</summary>
    public ReadOnlySpan<int> RatingRowsOf(string period) => _ratingsByPeriod.TryGetValue(period, out var rows) ? rows : [];

    private static Dictionary<string, int[]> ByPeriod(int[] period, int count, IReadOnlyList<string> periods)
    {
        var groups = Codes.Group(period.AsSpan(0, count), periods.Count);
        var result = new Dictionary<string, int[]>(groups.Length, StringComparer.Ordinal);
        for (var p = 0; p < groups.Length; p++)
        {
            // Two codes can only share a period text when a table was built by hand: keep the rows in list order then.
            result[periods[p]] = result.TryGetValue(periods[p], out var earlier) ? [.. earlier.Concat(groups[p]).Order()] : groups[p];
        }

        return result;
    }

    private static int[] IndexesOf(IReadOnlyList<string> ids, Dictionary<string, int> index)
    {
        var result = new int[ids.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = index.TryGetValue(ids[i], out var x) ? x : -1;
        }

        return result;
    }
}
