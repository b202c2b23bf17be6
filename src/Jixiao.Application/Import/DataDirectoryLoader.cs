using Jixiao.Domain.Compensation.Ledger;
using Jixiao.Domain.Data;
using Jixiao.Domain.Plans;

namespace Jixiao.Application.Import;

/// <summary>
/// Loads a data directory of CSV files (see docs/data-format.md) into a <see cref="Dataset"/>, all or nothing:
/// every error is reported with file, line and column, and any error means no dataset.
/// </summary>
public static class DataDirectoryLoader
{
    /// <summary>Reads the CSV files of <paramref name="directory"/>.</summary>
    public static DataLoadResult Load(string directory) => Load(directory, LoadOptions.Default);

    /// <summary>
    /// Reads the CSV files of <paramref name="directory"/> that <paramref name="plan"/> can read: transaction files
    /// and metrics.csv that none of its metrics takes values from are not read (nor checked). Every file that is
    /// read is checked in full, exactly as by <see cref="Load(string)"/>; texts the engine never reads (row ids,
    /// customers, contracts) are left empty in the dataset, so it is for calculating, not for storing.
    /// </summary>
    public static DataLoadResult Load(string directory, Plan plan) => Load(directory, plan, keepRowIds: false);

    /// <summary>
    /// As <see cref="Load(string, Plan)"/>; with <paramref name="keepRowIds"/> the row ids (and the other texts) are
    /// kept, so that explanations can name the rows they came from (<c>sales:XS-1001 ×0.5</c>).
    /// </summary>
    public static DataLoadResult Load(string directory, Plan plan, bool keepRowIds) =>
        Load(directory, LoadOptions.Default with { Skip = UnusedFiles(plan), DropTexts = !keepRowIds });

    /// <summary>The optional files no metric of <paramref name="plan"/> takes values from.</summary>
    internal static IReadOnlySet<string> UnusedFiles(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var used = new HashSet<MetricSource>();
        foreach (var m in plan.Metrics)
        {
            used.Add(m.Source);
        }

        var skip = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (source, spec) in (ReadOnlySpan<(MetricSource, TableSpec)>)[
            (MetricSource.Collections, TableSchemas.Collections),
            (MetricSource.Expenses, TableSchemas.Expenses),
            (MetricSource.Activities, TableSchemas.Activities),
            (MetricSource.Input, TableSchemas.Metrics)])
        {
            if (!used.Contains(source))
            {
                skip.Add(spec.FileName);
            }
        }

        return skip;
    }

    internal static DataLoadResult Load(string directory, LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(directory))
        {
            return new DataLoadResult(null, [new DataError(string.Empty, 0, 0, null, DataErrorCode.MissingDirectory, [directory])]);
        }

        var ctx = new LoadContext(directory, options);

        // Unit managers are employees and employees belong to units: read both, then check both.
        var orgErrors = ctx.NewErrors(TableSchemas.OrgUnits);
        var org = ReferenceTables.ReadOrgUnits(ctx, orgErrors);
        org.Index.Freeze();
        var peopleErrors = ctx.NewErrors(TableSchemas.Employees);
        var people = ReferenceTables.ReadEmployees(ctx, peopleErrors, org);

        // Every other file looks employees up by id, millions of times: with no more ids to add, let the index
        // read numeric ids directly.
        people.Index.Freeze();
        ReferenceTables.CheckOrgUnits(org, people, orgErrors);
        ReferenceTables.CheckEmployees(people, peopleErrors);
        ctx.Commit(orgErrors);
        ctx.Commit(peopleErrors);
        if (ctx.Stopped)
        {
            return new DataLoadResult(null, ctx.Errors);
        }

        options.Phase?.Invoke("org+employees");
        // Without a readable employees.csv, references to employees cannot be checked: that file's error says so.
        var employeeIndex = people.Map is null ? null : people.Index;
        // Only credits depend on sales: read every file side by side, report in file order. A file whose errors
        // pass the limit hides the errors of the files after it, as when they were read one after the other.
        var salesErrors = ctx.NewErrors(TableSchemas.Sales);
        var creditErrors = ctx.NewErrors(TableSchemas.Credits);
        var collectionErrors = ctx.NewErrors(TableSchemas.Collections);
        var expenseErrors = ctx.NewErrors(TableSchemas.Expenses);
        var activityErrors = ctx.NewErrors(TableSchemas.Activities);
        var targetErrors = ctx.NewErrors(TableSchemas.Targets);
        var ratingErrors = ctx.NewErrors(TableSchemas.Ratings);
        var metricErrors = ctx.NewErrors(TableSchemas.Metrics);
        // Each task also builds its table when its file read cleanly (sorting rows by day is a pass over memory per column).
        SalesTable? sales = null;
        Credit[] credits = [];
        CollectionsTable? collections = null;
        ExpensesTable? expenses = null;
        ActivitiesTable? activities = null;
        var targets = TargetTable.Empty;
        var ratings = RatingTable.Empty;
        List<DirectValue> metrics = [];
        var assignmentErrors = ctx.NewErrors(TableSchemas.Assignments);
        List<EmployeeAssignment> assignments = [];
        var salaryErrors = ctx.NewErrors(TableSchemas.Salaries);
        List<SalaryRow> salaries = [];
        Parallel.Invoke(
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism },
            () =>
            {
                var (columns, salesIds) = ReadTransactions(ctx, TableSchemas.Sales, employeeIndex, salesErrors);
                var rows = ReferenceTables.ReadCredits(ctx, creditErrors, salesIds, employeeIndex);
                options.Phase?.Invoke("credits");
                if (columns is not null && salesErrors.Items.Count == 0 && creditErrors.Items.Count == 0)
                {
                    var order = SortOrder(columns.Int("date"));
                    sales = BuildSales(columns, order);
                    credits = RemapCredits(rows, order);
                    options.Phase?.Invoke("built sales");
                }
            },
            () =>
            {
                targets = ReferenceTables.ReadTargets(ctx, targetErrors, people, org);
                options.Phase?.Invoke("targets");
            },
            () =>
            {
                ratings = ReferenceTables.ReadRatings(ctx, ratingErrors, people);
                options.Phase?.Invoke("ratings");
            },
            () => activities = Build(ReadTransactions(ctx, TableSchemas.Activities, employeeIndex, activityErrors).Columns, activityErrors, BuildActivities),
            () => collections = Build(ReadTransactions(ctx, TableSchemas.Collections, employeeIndex, collectionErrors).Columns, collectionErrors, BuildCollections),
            () => expenses = Build(ReadTransactions(ctx, TableSchemas.Expenses, employeeIndex, expenseErrors).Columns, expenseErrors, BuildExpenses),
            () => metrics = ReferenceTables.ReadMetrics(ctx, metricErrors, people, org),
            () => assignments = AssignmentTable.Read(ctx, assignmentErrors, people, org),
            () => salaries = SalaryTable.Read(ctx, salaryErrors, people));
        ctx.Commit(salesErrors);
        if (ctx.Stopped)
        {
            return new DataLoadResult(null, ctx.Errors);
        }

        foreach (var errors in (ErrorList[])[creditErrors, collectionErrors, expenseErrors, activityErrors, targetErrors, ratingErrors, metricErrors, assignmentErrors, salaryErrors])
        {
            ctx.Commit(errors);
        }

        options.Phase?.Invoke("other files");
        if (ctx.Errors.Count > 0)
        {
            return new DataLoadResult(null, ctx.Errors);
        }

        var units = new OrgUnit[org.Rows.Count];
        for (var i = 0; i < units.Length; i++)
        {
            units[i] = org.Rows[i].Unit;
        }

        var employees = new Employee[people.Rows.Count];
        for (var i = 0; i < employees.Length; i++)
        {
            employees[i] = people.Rows[i].Employee;
        }

        if (assignments.Count > 0)
        {
            AssignmentTable.ApplyLatest(employees, assignments, id => people.Find(id));
        }

        var dataset = new Dataset(units, employees, sales, collections, expenses, activities, credits, targets, ratings, metrics) { Assignments = assignments, Salaries = salaries };
        options.Phase?.Invoke("dataset");
        return new DataLoadResult(dataset, []);
    }

    private static (TransactionColumns? Columns, RowIdIndex? Ids) ReadTransactions(LoadContext ctx, TableSpec spec, Utf8Index? employees,
        ErrorList errors)
    {
        var path = ctx.PathOf(spec);
        if (!ctx.Reads(spec))
        {
            return default;
        }

        var columns = TransactionReader.Read(path, spec, employees, ctx.Options, errors);
        var maxRows = ctx.Options.MaxRowsOf(spec.FileName);
        if (columns is not null && columns.Rows > maxRows)
        {
            // The file is read by then (an upload's size is bounded), but neither checked for duplicates nor kept.
            errors.Add(columns.Lines.LineOf(maxRows), 0, null, DataErrorCode.TooManyRows, ErrorList.Number(maxRows));
            return default;
        }

        RowIdIndex? ids = null;
        if (columns is not null && columns.Rows > 0)
        {
            var idColumn = spec.IndexOf("id");
            var idText = columns.Strings[idColumn]!;
            ids = RowIdIndex.Build(idText, ctx.Options.MaxParallelism, out var duplicates);
            ctx.Options.Phase?.Invoke("dedup " + spec.FileName);
            foreach (var (row, first) in duplicates)
            {
                var id = idText.Utf8(row);
                if (!id.IsEmpty)
                {
                    errors.Add(columns.Lines.LineOf(row), columns.Map.Position(idColumn), columns.Map.Names[idColumn], DataErrorCode.DuplicateId,
                        ErrorList.Text(id), ErrorList.Number(columns.Lines.LineOf(first)));
                }
            }

            if (ctx.Options.DropTexts)
            {
                // Checked and indexed: the dataset does not need the ids themselves.
                columns.Strings[idColumn] = new StringColumn([], new int[columns.Rows + 1]);
            }
        }

        return (columns, ids);
    }

    private static T? Build<T>(TransactionColumns? columns, ErrorList errors, Func<TransactionColumns, T> build)
        where T : class => columns is null || errors.Items.Count > 0 ? null : build(columns);

    /// <summary>The stable by-day order of rows, or null when they already are in order.</summary>
    private static int[]? SortOrder(int[] days) => Columns.IsSorted(days) ? null : Columns.StableOrderByDay(days);

    private static T[] Permute<T>(T[] source, int[]? order) => order is null ? source : Columns.Permute(source, order);

    private static StringColumn Permute(StringColumn source, int[]? order) => order is null ? source : source.Permute(order);

    private static CategoryColumn Permute(CategoryColumn source, int[]? order) => order is null ? source : source.Permute(order);

    /// <summary>Runs the column permutations side by side: on ten million rows each is a pass over memory.</summary>
    private static void InParallel(int rows, params Action[] actions)
    {
        if (rows < 100_000)
        {
            foreach (var a in actions)
            {
                a();
            }
        }
        else
        {
            Parallel.Invoke(actions);
        }
    }

    private static SalesTable BuildSales(TransactionColumns c, int[]? order)
    {
        StringColumn id = null!, customer = null!, contract = null!;
        int[] employee = null!, day = null!, signed = null!;
        CategoryColumn product = null!;
        long[] units = null!, amount = null!, cost = null!;
        InParallel(
            c.Rows,
            () => id = Permute(c.String("id"), order),
            () => customer = Permute(c.String("customer"), order),
            () => contract = Permute(c.String("contract"), order),
            () => employee = Permute(c.Int("employee"), order),
            () => day = Permute(c.Int("date"), order),
            () => signed = Permute(c.Int("contract_signed"), order),
            () => product = Permute(c.Category("product"), order),
            () => units = Permute(c.Long("units"), order),
            () => amount = Permute(c.Long("amount"), order),
            () => cost = Permute(c.Long("cost"), order));
        return new SalesTable(id, employee, day, customer, product, units, amount, cost, contract, signed);
    }

    private static CollectionsTable BuildCollections(TransactionColumns c)
    {
        var order = SortOrder(c.Int("date"));
        StringColumn id = null!, contract = null!;
        int[] employee = null!, day = null!, signed = null!;
        long[] amount = null!;
        InParallel(
            c.Rows,
            () => id = Permute(c.String("id"), order),
            () => contract = Permute(c.String("contract"), order),
            () => employee = Permute(c.Int("employee"), order),
            () => day = Permute(c.Int("date"), order),
            () => signed = Permute(c.Int("contract_signed"), order),
            () => amount = Permute(c.Long("amount"), order));
        return new CollectionsTable(id, employee, day, contract, signed, amount);
    }

    private static ExpensesTable BuildExpenses(TransactionColumns c)
    {
        var order = SortOrder(c.Int("date"));
        StringColumn id = null!;
        int[] employee = null!, day = null!;
        CategoryColumn category = null!;
        long[] amount = null!;
        InParallel(
            c.Rows,
            () => id = Permute(c.String("id"), order),
            () => employee = Permute(c.Int("employee"), order),
            () => day = Permute(c.Int("date"), order),
            () => category = Permute(c.Category("category"), order),
            () => amount = Permute(c.Long("amount"), order));
        return new ExpensesTable(id, employee, day, category, amount);
    }

    private static ActivitiesTable BuildActivities(TransactionColumns c)
    {
        var order = SortOrder(c.Int("date"));
        StringColumn id = null!, customer = null!;
        int[] employee = null!, day = null!;
        CategoryColumn kind = null!;
        long[] value = null!;
        InParallel(
            c.Rows,
            () => id = Permute(c.String("id"), order),
            () => customer = Permute(c.String("customer"), order),
            () => employee = Permute(c.Int("employee"), order),
            () => day = Permute(c.Int("date"), order),
            () => kind = Permute(c.Category("kind"), order),
            () => value = Permute(c.Long("value"), order));
        return new ActivitiesTable(id, employee, day, kind, customer, value);
    }

    /// <summary>Credits name sales by their row in file order; the table is sorted by day, so map them to the new rows.</summary>
    private static Credit[] RemapCredits(List<ReferenceTables.CreditRow> credits, int[]? order)
    {
        int[]? newRow = null;
        if (order is not null && credits.Count > 0)
        {
            newRow = new int[order.Length];
            for (var i = 0; i < order.Length; i++)
            {
                newRow[order[i]] = i;
            }
        }

        var result = new Credit[credits.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var c = credits[i];
            result[i] = new Credit(newRow is null ? c.SaleRow : newRow[c.SaleRow], c.Employee, c.Share, c.Indirect, c.Referrer);
        }

        // OrderBy is stable: the shares of one sale keep their file order.
        return [.. result.OrderBy(x => x.SaleRow)];
    }
}
