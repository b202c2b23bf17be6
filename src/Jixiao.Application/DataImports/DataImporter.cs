using System.Text;
using Jixiao.Application.Datasets;
using Jixiao.Application.Excel;
using Jixiao.Application.Import;
using Jixiao.Application.Persistence;
using Jixiao.Application.Telemetry;
using Jixiao.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.DataImports;

/// <summary>
/// Imports uploaded CSV and Excel files into the database, all or nothing and idempotent by external id.
/// </summary>
/// <remarks>
/// Parsing and validation are the data directory loader's: the uploaded files are written verbatim into a
/// temporary directory next to the organisation (and, for credits, the sales ids) taken from the database, so
/// uploads report the same errors, by line and column and in the user's language, as `jixiao calc --data`.
/// A workbook's first worksheet is converted to that CSV first (<see cref="XlsxUpload"/>); its errors name the
/// uploaded file, the row Excel shows and the column letter.
/// The rule for existing rows: a row whose external id is already stored replaces that row when any value
/// differs (and records this upload as its source), and is left alone when every value is the same; stored
/// rows that are not in the file are kept. Re-uploading a file therefore changes no data row.
/// Everything is written in one transaction: an interrupted import leaves nothing behind.
/// </remarks>
public sealed class DataImporter(JixiaoDbContext db, TimeProvider time, ImportLimits? limits = null)
{
    private readonly ImportLimits _limits = limits ?? ImportLimits.Default;

    // Who imports and when: changed ratings and targets are audited row by row with their values before and after.
    private string? _userId;
    private DateTime _now;

    /// <summary>Imports one file.</summary>
    public Task<ImportOutcome> ImportAsync(UploadFile file, string? userId, DateOnly effectiveFrom, CancellationToken ct = default) =>
        ImportAsync([file], userId, effectiveFrom, ct);

    /// <summary>
    /// Imports several files together (e.g. org_units and employees, which refer to each other).
    /// <paramref name="effectiveFrom"/> is the day changed employee assignments take effect.
    /// </summary>
    public async Task<ImportOutcome> ImportAsync(IReadOnlyList<UploadFile> files, string? userId, DateOnly effectiveFrom, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        using var span = JixiaoTelemetry.Source.StartActivity("jixiao.import");
        foreach (var f in files)
        {
            if (!DataSources.IsKnown(f.Source))
            {
                throw new ArgumentException($"Unknown data source '{f.Source}'.", nameof(files));
            }
        }

        var tooLarge = files.Where(f => f.Length > _limits.MaxFileBytes)
            .Select(f => new DataError(f.FileName, 0, 0, null, DataErrorCode.FileTooLarge, [ErrorList.Number(_limits.MaxFileMegabytes)]))
            .ToList();
        if (tooLarge.Count > 0)
        {
            return new ImportOutcome([], tooLarge);
        }

        var sources = files.Select(f => f.Source).ToHashSet(StringComparer.Ordinal);
        var directory = Directory.CreateTempSubdirectory("jixiao-import-");
        Dataset dataset;
        List<DataError> warnings;
        try
        {
            // Workbooks become CSV row by row, CSV files are copied: either way the loader reads files, not memory.
            var workbooks = new Dictionary<string, XlsxUpload>(StringComparer.Ordinal);
            foreach (var f in files)
            {
                var path = Path.Combine(directory.FullName, f.Source + ".csv");
                if (XlsxUpload.IsWorkbook(f.FileName, f.Start()))
                {
                    await using var content = f.OpenRead();
                    await using var csv = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
                    workbooks[f.Source] = XlsxUpload.Convert(content, f.FileName, TableSchemas.ForSource(f.Source), _limits, csv);
                }
                else
                {
                    await using var content = f.OpenRead();
                    await using var target = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                    await content.CopyToAsync(target, ct).ConfigureAwait(false);
                }
            }

            if (workbooks.Values.Any(w => !w.Converted))
            {
                return new ImportOutcome([], [.. workbooks.Values.SelectMany(w => w.Errors)]);
            }

            warnings = await WriteReferenceFilesAsync(directory.FullName, sources, ct).ConfigureAwait(false);
            var loaded = DataDirectoryLoader.Load(directory.FullName, LoadOptions.Default with
            {
                MaxRows = _limits.MaxRows,
                MaxRowsFiles = sources.Select(s => s + ".csv").ToHashSet(StringComparer.Ordinal),
                MaxFieldChars = _limits.MaxFieldChars,
            });
            var errors = workbooks.Count == 0 ? loaded.Errors : WorkbookErrors(loaded.Errors, workbooks);
            if (errors.Count > 0)
            {
                // Errors in files the database provided cannot be fixed by the uploader unless they concern their rows.
                return new ImportOutcome([], errors) { Warnings = warnings };
            }

            dataset = loaded.Dataset!;

            // Closed is closed: ratings, targets and metric values a closed period reads are refused by row (ClosedRows).
            var closed = await ClosedRows.CheckAsync(db, directory.FullName, dataset, sources, ct).ConfigureAwait(false);
            if (closed.Count > 0)
            {
                return new ImportOutcome([], workbooks.Count == 0 ? closed : WorkbookErrors(closed, workbooks));
            }

            // One source per sale: a sale split in the web app (业绩分配) is not split again by an upload.
            var split = await AppSplitCredits.CheckAsync(db, directory.FullName, sources, ct).ConfigureAwait(false);
            if (split.Count > 0)
            {
                return new ImportOutcome([], workbooks.Count == 0 ? split : WorkbookErrors(split, workbooks));
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }

        var now = time.GetUtcNow().UtcDateTime;
        (_userId, _now) = (userId, now);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (tx.ConfigureAwait(false))
            {
                var uploads = new List<Upload>();
                foreach (var source in DataSources.All.Where(sources.Contains))
                {
                    var file = files.First(f => f.Source == source);
                    var upload = new Upload { Source = source, FileName = file.FileName, UploadedBy = userId, UploadedAt = now };
                    db.Uploads.Add(upload);
                    await db.SaveChangesAsync(ct).ConfigureAwait(false);
                    var (inserted, updated, unchanged) = await ApplyAsync(source, dataset, upload.Id, effectiveFrom, ct).ConfigureAwait(false);
                    if (db.Entry(upload).State == EntityState.Detached)
                    {
                        // Saved in batches: the change tracker was cleared.
                        db.Uploads.Attach(upload);
                    }

                    upload.Rows = inserted + updated + unchanged;
                    upload.Inserted = inserted;
                    upload.Updated = updated;
                    upload.Unchanged = unchanged;
                    db.Audit(now, userId, "data.upload", source,
                        $"{file.FileName}: {upload.Rows} rows, {inserted} new, {updated} changed, {unchanged} unchanged");
                    await db.SaveChangesAsync(ct).ConfigureAwait(false);
                    uploads.Add(upload);
                }

                await tx.CommitAsync(ct).ConfigureAwait(false);
                foreach (var upload in uploads)
                {
                    JixiaoTelemetry.RecordImport(upload.Source, upload.Rows);
                }

                return new ImportOutcome(uploads, []) { Warnings = warnings };
            }
        }).ConfigureAwait(false);
    }

    /// <summary>The loader's errors with those of workbooks moved to their worksheets, in the order of the sources.</summary>
    private static List<DataError> WorkbookErrors(IReadOnlyList<DataError> loaded, Dictionary<string, XlsxUpload> workbooks)
    {
        var bySource = new List<(int Order, DataError Error)>();
        foreach (var e in loaded)
        {
            var source = e.File.EndsWith(".csv", StringComparison.Ordinal) ? e.File[..^4] : e.File;
            if (!workbooks.ContainsKey(source))
            {
                bySource.Add((Order(source), e));
            }
        }

        foreach (var (source, workbook) in workbooks)
        {
            bySource.AddRange(workbook.MergeErrors(loaded).Select(e => (Order(source), e)));
        }

        return [.. bySource.OrderBy(x => x.Order).Select(x => x.Error)];

        static int Order(string source)
        {
            for (var i = 0; i < DataSources.All.Count; i++)
            {
                if (DataSources.All[i] == source)
                {
                    return i;
                }
            }

            return int.MaxValue;
        }
    }

    /// <summary>
    /// Writes the reference files the upload needs from the database (org units, employees, sales for credits). A stored
    /// row the loader would refuse (dates outside <see cref="RecordDates"/>, a leave date before the hire date) is written
    /// as a readable row and returned as a warning: the uploader's file is checked, the stored row is reported to be
    /// corrected on the 人员 page, and no upload of another source fails because of it.
    /// </summary>
    private async Task<List<DataError>> WriteReferenceFilesAsync(string directory, HashSet<string> uploaded, CancellationToken ct)
    {
        var warnings = new List<DataError>();
        if (!uploaded.Contains(DataSources.OrgUnits))
        {
            // Without the employees file from the database, unit managers might name people the upload does not
            // contain: an employees-only upload leaves units (and their managers) as they are, so they are not checked.
            var withManagers = !uploaded.Contains(DataSources.Employees);
            var csv = withManagers ? new CsvText("id", "name", "parent", "manager") : new CsvText("id", "name", "parent");
            foreach (var u in await db.OrgUnits.AsNoTracking().OrderBy(u => u.Id).ToListAsync(ct).ConfigureAwait(false))
            {
                csv.Row(withManagers ? [u.Id, u.Name, u.ParentId, u.ManagerId] : [u.Id, u.Name, u.ParentId]);
            }

            if (await db.OrgUnits.AnyAsync(ct).ConfigureAwait(false))
            {
                await File.WriteAllTextAsync(Path.Combine(directory, "org_units.csv"), csv.ToString(), ct).ConfigureAwait(false);
            }
        }

        if (!uploaded.Contains(DataSources.Employees))
        {
            var csv = new CsvText("id", "name", "org_unit", "manager", "position", "category", "level", "tier", "hire_date", "leave_date");
            var people = await db.Employees.AsNoTracking().Include(e => e.Assignments).OrderBy(e => e.Id).ToListAsync(ct).ConfigureAwait(false);
            foreach (var e in people)
            {
                var a = DatasetBuilder.Current(e.Assignments, null);
                if (a is not null)
                {
                    var (hire, leave) = ReadableDates(e, warnings);
                    csv.Row(e.Id, e.Name, a.OrgUnitId, a.ManagerId, a.Position, a.Category, a.Level, a.Tier, CsvText.Date(hire), CsvText.Date(leave));
                }
            }

            if (people.Count > 0)
            {
                await File.WriteAllTextAsync(Path.Combine(directory, "employees.csv"), csv.ToString(), ct).ConfigureAwait(false);
            }
        }

        if (uploaded.Contains(DataSources.Credits) && !uploaded.Contains(DataSources.Sales))
        {
            // Credits name sales: the stored sales make those references checkable.
            var csv = new CsvText("id", "employee", "date", "product", "units", "amount");
            foreach (var s in await db.Sales.AsNoTracking().Select(s => new { s.ExternalId, s.EmployeeId, s.Date }).ToListAsync(ct).ConfigureAwait(false))
            {
                csv.Row(s.ExternalId, s.EmployeeId, CsvText.Date(s.Date), "-", "0", "0");
            }

            await File.WriteAllTextAsync(Path.Combine(directory, "sales.csv"), csv.ToString(), ct).ConfigureAwait(false);
        }

        return warnings;
    }

    /// <summary>
    /// A stored employee's hire and leave dates as the loader accepts them: a hire date outside the range is moved to its
    /// nearest end, a leave date outside it or before the hire date is left out; each change is a warning.
    /// </summary>
    private static (DateOnly Hire, DateOnly? Leave) ReadableDates(EmployeeEntity e, List<DataError> warnings)
    {
        var hire = e.HireDate;
        if (!RecordDates.Contains(hire))
        {
            warnings.Add(new DataError("", 0, 0, null, DataErrorCode.StoredRowInvalid, [e.Id, "hire_date", RecordDates.Text(hire)]));
            hire = hire < RecordDates.Earliest ? RecordDates.Earliest : RecordDates.Latest;
        }

        var leave = e.LeaveDate;
        if (leave is { } left && (!RecordDates.Contains(left) || left < hire))
        {
            warnings.Add(new DataError("", 0, 0, null, DataErrorCode.StoredRowInvalid, [e.Id, "leave_date", RecordDates.Text(left)]));
            leave = null;
        }

        return (hire, leave);
    }

    private async Task<(int Inserted, int Updated, int Unchanged)> ApplyAsync(string source, Dataset d, long uploadId, DateOnly effectiveFrom, CancellationToken ct)
    {
        switch (source)
        {
            case DataSources.OrgUnits:
                return await ApplyOrgUnitsAsync(d, effectiveFrom, ct).ConfigureAwait(false);
            case DataSources.Employees:
                return await ApplyEmployeesAsync(d, effectiveFrom, ct).ConfigureAwait(false);
            case DataSources.Sales:
                {
                    var t = d.Sales;
                    var rows = Enumerable.Range(0, t.Count).Select(i => new SaleRow
                    {
                        ExternalId = t.Id[i],
                        EmployeeId = d.Employees[t.Employee[i]].Id,
                        Date = DateOnly.FromDayNumber(t.Day[i]),
                        Customer = t.Customer[i],
                        Product = t.Product[i],
                        Units = Quantity(t.Units[i]),
                        Amount = Money(t.AmountCents[i]),
                        Cost = Money(t.CostCents[i]),
                        Contract = t.Contract[i],
                        ContractSigned = Day(t.ContractSignedDay[i]),
                    });
                    return await UpsertAsync(db.Sales, rows, uploadId, ct).ConfigureAwait(false);
                }

            case DataSources.Credits:
                return await UpsertAsync(db.Credits, d.Credits.Select(c => new CreditRow
                {
                    ExternalId = Key(d.Sales.Id[c.SaleRow], d.Employees[c.Employee].Id),
                    SaleId = d.Sales.Id[c.SaleRow],
                    EmployeeId = d.Employees[c.Employee].Id,
                    Share = c.Share,
                    Indirect = c.Indirect,
                    Referrer = c.Referrer,
                }), uploadId, ct).ConfigureAwait(false);
            case DataSources.Collections:
                {
                    var t = d.Collections;
                    var rows = Enumerable.Range(0, t.Count).Select(i => new CollectionRow
                    {
                        ExternalId = t.Id[i],
                        EmployeeId = d.Employees[t.Employee[i]].Id,
                        Date = DateOnly.FromDayNumber(t.Day[i]),
                        Contract = t.Contract[i],
                        ContractSigned = Day(t.ContractSignedDay[i]),
                        Amount = Money(t.AmountCents[i]),
                    });
                    return await UpsertAsync(db.Collections, rows, uploadId, ct).ConfigureAwait(false);
                }

            case DataSources.Expenses:
                {
                    var t = d.Expenses;
                    var rows = Enumerable.Range(0, t.Count).Select(i => new ExpenseRow
                    {
                        ExternalId = t.Id[i],
                        EmployeeId = d.Employees[t.Employee[i]].Id,
                        Date = DateOnly.FromDayNumber(t.Day[i]),
                        Category = t.Category[i],
                        Amount = Money(t.AmountCents[i]),
                    });
                    return await UpsertAsync(db.Expenses, rows, uploadId, ct).ConfigureAwait(false);
                }

            case DataSources.Activities:
                {
                    var t = d.Activities;
                    var rows = Enumerable.Range(0, t.Count).Select(i => new ActivityRow
                    {
                        ExternalId = t.Id[i],
                        EmployeeId = d.Employees[t.Employee[i]].Id,
                        Date = DateOnly.FromDayNumber(t.Day[i]),
                        Kind = t.Kind[i],
                        Customer = t.Customer[i],
                        Value = t.Value[i] == Columns.NoValue ? null : Quantity(t.Value[i]),
                    });
                    return await UpsertAsync(db.Activities, rows, uploadId, ct).ConfigureAwait(false);
                }

            case DataSources.Targets:
                return await UpsertAsync(db.Targets, d.Targets.Select(t => new TargetDataRow
                {
                    ExternalId = Key(t.Subject, t.Metric, t.Period),
                    Subject = t.Subject,
                    Metric = t.Metric,
                    Period = t.Period,
                    Value = t.Value,
                    Challenge = t.Challenge,
                }), uploadId, ct).ConfigureAwait(false);
            case DataSources.Ratings:
                return await UpsertAsync(db.Ratings, d.Ratings.Select(r => new RatingDataRow
                {
                    ExternalId = Key(r.Employee, r.Period, r.Indicator, r.Rater ?? string.Empty),
                    EmployeeId = r.Employee,
                    Period = r.Period,
                    Indicator = r.Indicator,
                    Points = r.Points,
                    Rater = r.Rater,
                    Comment = r.Comment,
                }), uploadId, ct).ConfigureAwait(false);
            case DataSources.Metrics:
                return await UpsertAsync(db.MetricValues, d.DirectValues.Select(m => new MetricValueRow
                {
                    ExternalId = Key(m.Subject, m.Metric, m.Period),
                    Subject = m.Subject,
                    Metric = m.Metric,
                    Period = m.Period,
                    Value = m.Value,
                }), uploadId, ct).ConfigureAwait(false);
            case DataSources.Salaries:
                return await UpsertAsync(db.Salaries, d.Salaries.Select(s => new SalaryDataRow
                {
                    ExternalId = Key(s.Employee, s.EffectiveFrom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                    EmployeeId = s.Employee,
                    EffectiveFrom = s.EffectiveFrom,
                    MonthlyAmount = s.MonthlyAmount,
                }), uploadId, ct).ConfigureAwait(false);
            default:
                throw new ArgumentOutOfRangeException(nameof(source), source, null);
        }
    }

    /// <summary>The external id of a row keyed by several columns ("a|b|c").</summary>
    public static string Key(params string[] parts) => string.Join('|', parts);

    private static decimal Money(long cents) => cents / 100m;

    private static decimal Quantity(long scaled) => scaled / (decimal)Columns.Scale;

    private static DateOnly? Day(int day) => day == Columns.NoDay ? null : DateOnly.FromDayNumber(day);

    /// <summary>
    /// Inserts or updates <paramref name="incoming"/> by external id in batches of <see cref="ImportLimits.BatchRows"/>:
    /// each batch is saved (inside the caller's transaction) and the change tracker cleared, so memory does not grow
    /// with the upload.
    /// </summary>
    private async Task<(int, int, int)> UpsertAsync<T>(DbSet<T> set, IEnumerable<T> incoming, long uploadId, CancellationToken ct)
        where T : DataRow
    {
        int inserted = 0, updated = 0, unchanged = 0;
        foreach (var batch in incoming.Chunk(Math.Max(1, _limits.BatchRows)))
        {
            var existing = new Dictionary<string, T>(StringComparer.Ordinal);
            foreach (var chunk in batch.Select(r => r.ExternalId).Chunk(500))
            {
                foreach (var row in await set.Where(r => chunk.Contains(r.ExternalId)).ToListAsync(ct).ConfigureAwait(false))
                {
                    existing[row.ExternalId] = row;
                }
            }

            foreach (var row in batch)
            {
                if (existing.TryGetValue(row.ExternalId, out var old))
                {
                    row.Id = old.Id;
                    row.UploadId = old.UploadId;
                    if (row is IVersioned fresh && old is IVersioned stored)
                    {
                        // The version is the store's, not the file's: an identical row stays unchanged.
                        fresh.Version = stored.Version;
                    }

                    var before = Describe(old);
                    var entry = db.Entry(old);
                    entry.CurrentValues.SetValues(row);
                    if (entry.State == EntityState.Modified)
                    {
                        old.UploadId = uploadId;
                        updated++;
                        AuditChange(old, before);
                    }
                    else
                    {
                        unchanged++;
                    }
                }
                else
                {
                    row.UploadId = uploadId;
                    set.Add(row);
                    inserted++;
                }
            }

            await db.SaveChangesAsync(ct).ConfigureAwait(false);
            db.ChangeTracker.Clear();
        }

        return (inserted, updated, unchanged);
    }

    /// <summary>A rating's or target's values as the audit log shows them (null for other rows: not audited row by row).</summary>
    private static string? Describe(DataRow row) => row switch
    {
        TargetDataRow t => t.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + (t.Challenge is { } c ? " / " + c.ToString(System.Globalization.CultureInfo.InvariantCulture) : ""),
        RatingDataRow r => r.Points.ToString(System.Globalization.CultureInfo.InvariantCulture) + (r.Comment is null ? "" : " · " + r.Comment),
        _ => null,
    };

    private void AuditChange(DataRow row, string? before)
    {
        switch (row)
        {
            case TargetDataRow t:
                db.Audit(_now, _userId, "target.change", t.ExternalId, "upload", t.Period, t.Subject, before, Describe(t));
                break;
            case RatingDataRow r:
                db.Audit(_now, _userId, "rating.change", r.Period, r.Indicator, r.Period, r.EmployeeId, before, Describe(r));
                break;
        }
    }

    private async Task<(int, int, int)> ApplyOrgUnitsAsync(Dataset d, DateOnly effectiveFrom, CancellationToken ct)
    {
        var existing = await db.OrgUnits.ToDictionaryAsync(u => u.Id, StringComparer.Ordinal, ct).ConfigureAwait(false);
        int inserted = 0, updated = 0, unchanged = 0;
        foreach (var u in d.OrgUnits)
        {
            if (existing.TryGetValue(u.Id, out var old))
            {
                var changed = old.Name != u.Name || old.ParentId != u.ParentId || old.ManagerId != u.ManagerId;
                if (old.ManagerId != u.ManagerId
                    && await Organisation.UnitManagers.AppointAsync(db, u.Id, old.ManagerId, u.ManagerId, effectiveFrom, effectiveFrom, ct).ConfigureAwait(false) is not null)
                {
                    // On or before the latest appointment's start: the upload corrects that appointment's manager.
                    var latest = await db.UnitManagers.Where(m => m.OrgUnitId == u.Id).OrderByDescending(m => m.ValidFrom).FirstAsync(ct).ConfigureAwait(false);
                    latest.ManagerId = u.ManagerId;
                }

                old.Name = u.Name;
                old.ParentId = u.ParentId;
                old.ManagerId = u.ManagerId;
                _ = changed ? updated++ : unchanged++;
            }
            else
            {
                db.OrgUnits.Add(new OrgUnitEntity { Id = u.Id, Name = u.Name, ParentId = u.ParentId, ManagerId = u.ManagerId });
                inserted++;
            }
        }

        return (inserted, updated, unchanged);
    }

    private async Task<(int, int, int)> ApplyEmployeesAsync(Dataset d, DateOnly effectiveFrom, CancellationToken ct)
    {
        var existing = await db.Employees.Include(e => e.Assignments).ToDictionaryAsync(e => e.Id, StringComparer.Ordinal, ct).ConfigureAwait(false);
        int inserted = 0, updated = 0, unchanged = 0;
        foreach (var e in d.Employees)
        {
            if (!existing.TryGetValue(e.Id, out var old))
            {
                var person = new EmployeeEntity { Id = e.Id, Name = e.Name, HireDate = e.HireDate, LeaveDate = e.LeaveDate };
                person.Assignments.Add(NewAssignment(e, e.HireDate));
                db.Employees.Add(person);
                inserted++;
                continue;
            }

            var changed = old.Name != e.Name || old.HireDate != e.HireDate || old.LeaveDate != e.LeaveDate;
            old.Name = e.Name;
            old.HireDate = e.HireDate;
            old.LeaveDate = e.LeaveDate;
            var current = DatasetBuilder.Current(old.Assignments, null);
            if (current is null || !SameAssignment(current, e))
            {
                changed = true;
                if (current is null)
                {
                    old.Assignments.Add(NewAssignment(e, e.HireDate));
                }
                else if (effectiveFrom <= current.ValidFrom)
                {
                    // A correction of the assignment in force rather than a transfer.
                    Copy(e, current);
                }
                else
                {
                    // A transfer: history before effectiveFrom keeps the old unit, manager and position.
                    current.ValidTo = effectiveFrom;
                    old.Assignments.Add(NewAssignment(e, effectiveFrom));
                }
            }

            _ = changed ? updated++ : unchanged++;
        }

        return (inserted, updated, unchanged);
    }

    private static bool SameAssignment(Assignment a, Employee e) =>
        a.OrgUnitId == e.OrgUnitId && a.ManagerId == e.ManagerId && a.Position == e.Position
        && a.Category == e.Category && a.Level == e.Level && a.Tier == e.Tier;

    private static Assignment NewAssignment(Employee e, DateOnly from)
    {
        var a = new Assignment { EmployeeId = e.Id, OrgUnitId = e.OrgUnitId, Position = e.Position, ValidFrom = from };
        Copy(e, a);
        return a;
    }

    private static void Copy(Employee e, Assignment a)
    {
        a.OrgUnitId = e.OrgUnitId;
        a.ManagerId = e.ManagerId;
        a.Position = e.Position;
        a.Category = e.Category;
        a.Level = e.Level;
        a.Tier = e.Tier;
    }
}
