using Jixiao.Application.Import;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Datasets;

/// <summary>
/// Streams what one calculation of a period with a plan reads from the database straight into the columnar
/// <see cref="Dataset"/> (docs/decisions/0005-persistence.md, "Reading a period for a calculation"): plain data readers
/// on the context's connection, provider-neutral SQL, no entity per data row and no change tracking.
/// <list type="bullet">
/// <item>Transaction rows dated inside the period only, and collections, expenses, activities and metric values only
/// when a metric of the plan reads them; customers and contracts are never read; row ids only to order the rows (by
/// day, then external id) and, when <c>keepIds</c>, for explanations.</item>
/// <item>Targets of the periods a run can ask for (the period, its months and the target periods of commissions),
/// ratings of the period, metric values of the period and its months.</item>
/// <item>Money is read as <see cref="decimal"/> and kept in exact cents (a value with fractions of a cent is an error,
/// never truncated); ids are interned (employee index, codes into distinct strings).</item>
/// </list>
/// The fingerprint is a SHA-256 of everything read, in that order: same fingerprint and plan version ⇒ same numbers.
/// </summary>
public static partial class PeriodReader
{
    /// <summary>Reads what a calculation of <paramref name="period"/> with <paramref name="plan"/> needs.</summary>
    public static Task<StoredDataset> ReadAsync(JixiaoDbContext db, Period period, Plan plan, bool keepIds = false, CancellationToken ct = default) =>
        ReadCoreAsync(db, period, plan, keepIds, null, ct);

    /// <summary>
    /// Reads what an explanation of one person needs (<see cref="ExplanationScopeAsync"/>), through the same readers as a
    /// run, restricted in SQL: the rows of <see cref="Scope.People"/> and of the sales credited to them, the targets and
    /// direct values of <see cref="Scope.Subjects"/>, the people and those who share a sale with them; row ids kept.
    /// </summary>
    public static Task<StoredDataset> ReadForAsync(JixiaoDbContext db, Period period, Plan plan, Scope only, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(only);
        return ReadCoreAsync(db, period, plan, keepIds: true, only, ct);
    }

    /// <summary>
    /// Whose rows and which subjects' targets one person's numbers depend on: the person; their unit and its ancestors and
    /// every unit they manage with its descendants (subjects); with team metrics, everyone assigned to their team units at
    /// any time the period's rows can fall in.
    /// </summary>
    public static async Task<Scope> ExplanationScopeAsync(JixiaoDbContext db, Period period, string employee, bool team, CancellationToken ct = default)
    {
        var (people, subjects) = await DatasetBuilder.ScopeForAsync(db, period, employee, team, ct).ConfigureAwait(false);
        return new Scope(people, subjects);
    }

    private static async Task<StoredDataset> ReadCoreAsync(JixiaoDbContext db, Period period, Plan plan, bool keepIds, Scope? only, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(plan);
        var sources = plan.Metrics.Select(m => m.Source).ToHashSet();
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        }

        try
        {
            var sql = new Sql(db, connection) { Only = only };
            if (only is not null)
            {
                sql.Ids = await StaffAsync(sql, period, only, ct).ConfigureAwait(false);
            }

            using var hash = new Hasher();
            // Effective-dated unit managers (docs/transfers.md): the manager in force on the period's last day.
            var appointed = await Organisation.UnitManagers.OnAsync(db, period.End, ct).ConfigureAwait(false);
            var (units, employees, history) = await ReadOrganisationAsync(sql, period.End, appointed, hash, ct).ConfigureAwait(false);
            var index = new Dictionary<string, int>(employees.Count, StringComparer.Ordinal);
            for (var i = 0; i < employees.Count; i++)
            {
                index[employees[i].Id] = i;
            }

            var (sales, credits) = await ReadSalesAsync(sql, period, index, keepIds, hash, ct).ConfigureAwait(false);
            var collections = sources.Contains(MetricSource.Collections) ? await ReadCollectionsAsync(sql, period, index, keepIds, hash, ct).ConfigureAwait(false) : null;
            var expenses = sources.Contains(MetricSource.Expenses) ? await ReadExpensesAsync(sql, period, index, keepIds, hash, ct).ConfigureAwait(false) : null;
            var activities = sources.Contains(MetricSource.Activities) ? await ReadActivitiesAsync(sql, period, index, keepIds, hash, ct).ConfigureAwait(false) : null;
            var targets = await ReadTargetsAsync(sql, Calculator.TargetPeriods(plan, period), hash, ct).ConfigureAwait(false);
            var ratings = await ReadRatingsAsync(sql, period, hash, ct).ConfigureAwait(false);
            List<DirectValue> metrics = sources.Contains(MetricSource.Input)
                ? await ReadMetricValuesAsync(sql, [period, .. period.Months()], hash, ct).ConfigureAwait(false)
                : [];
            var (grades, corrected) = await ReadCorrectionsAsync(db, period, hash, ct).ConfigureAwait(false);
            var dataset = new Dataset(units, employees, sales, collections, expenses, activities, credits, targets, ratings, metrics)
            {
                Assignments = history,
                GradeOverrides = grades,
                PointsCorrections = corrected,
            };
            return new StoredDataset(dataset, hash.Finish());
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The organisation and everyone as a run of a period ending on <paramref name="end"/> places them (the assignment and
    /// the unit managers in force that day), with the assignment history of people who moved, read as a run reads it.
    /// </summary>
    public static async Task<Placement> ReadPlacementAsync(JixiaoDbContext db, DateOnly end, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(ct).ConfigureAwait(false);
        }

        try
        {
            using var hash = new Hasher();
            var appointed = await Organisation.UnitManagers.OnAsync(db, end, ct).ConfigureAwait(false);
            var (units, employees, history) = await ReadOrganisationAsync(new Sql(db, connection), end, appointed, hash, ct).ConfigureAwait(false);
            return new Placement(units, employees, history);
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The people and everyone who sold or shares a sale read for them (the engine needs each credited person).</summary>
    private static async Task<HashSet<string>> StaffAsync(Sql sql, Period period, Scope only, CancellationToken ct)
    {
        var ids = new HashSet<string>(only.People, StringComparer.Ordinal);
        string S(string property) => "s." + sql.Column<SaleRow>(property);
        var inPeriod = $"{S(nameof(SaleRow.Date))} >= @from AND {S(nameof(SaleRow.Date))} <= @to";
        await using var command = sql.Command("");
        command.CommandText = $"SELECT {S(nameof(SaleRow.EmployeeId))} FROM {sql.Table<SaleRow>()} s WHERE {inPeriod}{sql.Sales(command, "s")} UNION " +
            $"SELECT c.{sql.Column<CreditRow>(nameof(CreditRow.EmployeeId))} FROM {sql.Table<CreditRow>()} c JOIN {sql.Table<SaleRow>()} s " +
            $"ON {S(nameof(SaleRow.ExternalId))} = c.{sql.Column<CreditRow>(nameof(CreditRow.SaleId))} WHERE {inPeriod}{sql.Sales(command, "s")}";
        sql.Parameter(command, "@from", period.Start);
        sql.Parameter(command, "@to", period.End);
        await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            ids.Add(r.GetString(0));
        }

        return ids;
    }

    private static async Task<(List<OrgUnit> Units, List<Employee> Employees, List<EmployeeAssignment> History)> ReadOrganisationAsync(
        Sql sql, DateOnly end, IReadOnlyDictionary<string, string?> appointed, Hasher hash, CancellationToken ct)
    {
        var units = new List<OrgUnit>();
        await using (var command = sql.Command(sql.Select<OrgUnitEntity>(nameof(OrgUnitEntity.Id), nameof(OrgUnitEntity.Name), nameof(OrgUnitEntity.ParentId), nameof(OrgUnitEntity.ManagerId))))
        await using (var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                var id = r.GetString(0);
                units.Add(new OrgUnit(id, r.GetString(1), Text(r, 2), Organisation.UnitManagers.Of(appointed, id, Text(r, 3))));
            }
        }

        units.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        foreach (var u in units)
        {
            hash.Add("u", u.Id, u.Name, u.ParentId, u.ManagerId);
        }

        var assignments = new Dictionary<string, List<Assignment>>(StringComparer.Ordinal);
        await using (var command = sql.Command(sql.Select<Assignment>(
            nameof(Assignment.EmployeeId), nameof(Assignment.OrgUnitId), nameof(Assignment.ManagerId), nameof(Assignment.Position),
            nameof(Assignment.Category), nameof(Assignment.Level), nameof(Assignment.Tier), nameof(Assignment.ValidFrom), nameof(Assignment.ValidTo))))
        {
            command.CommandText += " WHERE 1 = 1" + sql.Staff(command, sql.Column<Assignment>(nameof(Assignment.EmployeeId)));
            await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                var a = new Assignment
                {
                    EmployeeId = r.GetString(0),
                    OrgUnitId = r.GetString(1),
                    ManagerId = Text(r, 2),
                    Position = r.GetString(3),
                    Category = r.GetString(4),
                    Level = r.GetString(5),
                    Tier = r.GetString(6),
                    ValidFrom = r.GetFieldValue<DateOnly>(7),
                    ValidTo = r.IsDBNull(8) ? null : r.GetFieldValue<DateOnly>(8),
                };
                if (!assignments.TryGetValue(a.EmployeeId, out var list))
                {
                    assignments[a.EmployeeId] = list = [];
                }

                list.Add(a);
            }
        }

        var staff = new List<(string Id, string Name, DateOnly Hired, DateOnly? Left)>();
        await using (var command = sql.Command(sql.Select<EmployeeEntity>(nameof(EmployeeEntity.Id), nameof(EmployeeEntity.Name), nameof(EmployeeEntity.HireDate), nameof(EmployeeEntity.LeaveDate))))
        {
            command.CommandText += " WHERE 1 = 1" + sql.Staff(command, sql.Column<EmployeeEntity>(nameof(EmployeeEntity.Id)));
            await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                staff.Add((r.GetString(0), r.GetString(1), r.GetFieldValue<DateOnly>(2), r.IsDBNull(3) ? null : r.GetFieldValue<DateOnly>(3)));
            }
        }

        staff.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        var employees = new List<Employee>(staff.Count);
        var history = new List<EmployeeAssignment>();
        foreach (var e in staff)
        {
            if (!assignments.TryGetValue(e.Id, out var own) || DatasetBuilder.Current(own, end) is not { } a)
            {
                continue;
            }

            // Transfers: the engine credits team rows by date and picks the assignment of the period's last day.
            if (own.Count > 1)
            {
                foreach (var h in own.OrderBy(x => x.ValidFrom))
                {
                    history.Add(new EmployeeAssignment(e.Id, h.OrgUnitId, h.ManagerId, h.Position, h.Category, h.Level, h.Tier, h.ValidFrom));
                    hash.Add("h", e.Id, h.OrgUnitId, h.ManagerId, h.Position, h.Category, h.Level, h.Tier, CsvText.Date(h.ValidFrom));
                }
            }

            employees.Add(new Employee(e.Id, e.Name, a.OrgUnitId, a.ManagerId, a.Position, a.Category, a.Level, a.Tier, e.Hired, e.Left));
            hash.Add("e", e.Id, e.Name, a.OrgUnitId, a.ManagerId, a.Position, a.Category, a.Level, a.Tier, CsvText.Date(e.Hired), CsvText.Date(e.Left));
        }

        return (units, employees, history);
    }
}

/// <summary>Org units (ordinal id order), the people placed on a day (ordinal id order) and the assignment history of those who moved.</summary>
public sealed record Placement(IReadOnlyList<OrgUnit> Units, IReadOnlyList<Employee> Employees, IReadOnlyList<EmployeeAssignment> History);

/// <summary>
/// What a restricted read covers: the people whose transaction rows and ratings are read (with the sales credited to them)
/// and the subjects (people and units) whose targets and direct values are read.
/// </summary>
public sealed record Scope(IReadOnlyCollection<string> People, IReadOnlyCollection<string> Subjects);
