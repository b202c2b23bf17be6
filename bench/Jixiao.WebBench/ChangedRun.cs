using System.Globalization;
using System.Text.Json;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Evaluations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Jixiao.WebBench;

/// <summary>
/// The bench's second run of the period, so that HR's comparison with the previous run has something to compare (issue
/// 13): a copy of the period's latest succeeded run, stored as a new draft run, as if some inputs had changed: every
/// <c>step</c>-th result (by row id; about 200 people at any size, half of a 200-person company) has its total + 1 and
/// its pay total + 10, and every <c>gone</c>-th person (about 1,000; a third of a small company) was not computed, for a
/// missing rating of <c>attitude</c> (the not-computed list; the comparison shows them as removed). It computed fewer
/// people, so it never becomes the run employees see (docs/decisions/0019). Written in one INSERT … SELECT inside the database
/// (seconds at 100,000 people; computing the period again would read 10M sales), columns taken from the EF model.
/// Only the bench's own setup calls it (after seeding, and <c>bench/web/run.sh</c> on an existing cache); it adds a run
/// once, recognised by its fingerprint, and changes nothing else. The copied results keep their stored details (the
/// explanation of a changed person still shows the first run's numbers): a bench fixture, not a calculation.
/// </summary>
public static class ChangedRun
{
    /// <summary>How the added run's fingerprint starts.</summary>
    public const string Marker = "bench-changed-run: ";

    /// <summary>Adds the run unless the period has one already; returns the new run's id, or null when none was added.</summary>
    public static async Task<long?> AddAsync(JixiaoDbContext db, string period, TextWriter log, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(log);
        var runs = await db.Runs.AsNoTracking().Where(r => r.Period == period).OrderBy(r => r.Id).ToListAsync(ct);
        if (runs.Any(r => r.InputFingerprint.StartsWith(Marker, StringComparison.Ordinal)))
        {
            log.WriteLine($"  {period} already has the bench's changed run");
            return null;
        }

        var first = runs.LastOrDefault(r => r.Status == RunStatus.Succeeded && r.Visibility != RunVisibility.Discarded)
            ?? throw new InvalidOperationException($"No succeeded run of {period} to copy.");
        var rows = db.Results.AsNoTracking().Where(r => r.RunId == first.Id);
        var count = await rows.CountAsync(ct);
        var lowest = count == 0 ? 0 : await rows.MinAsync(r => r.Id, ct);
        var step = Math.Max(2, count / 200);
        var gone = Math.Max(3, count / 1000);
        var missing = await rows.Where(r => (r.Id - lowest) % gone == 1).OrderBy(r => r.Id).Select(r => r.EmployeeId).ToListAsync(ct);
        var errors = (first.ErrorsJson is null ? [] : JsonSerializer.Deserialize<List<CalculationError>>(first.ErrorsJson) ?? [])
            .Concat(missing.Select(id => new CalculationError(id, CalculationErrorCode.MissingRating, ["attitude", period]))).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var run = new CalculationRun
        {
            Period = first.Period,
            PlanVersionId = first.PlanVersionId,
            InputFingerprint = string.Create(CultureInfo.InvariantCulture, $"{Marker}run {first.Id} with every {step}th result's total + 1 and pay + 10, every {gone}th not computed"),
            CodeVersion = first.CodeVersion,
            StartedBy = first.StartedBy,
            StartedAt = first.StartedAt,
            FinishedAt = first.FinishedAt,
            Status = RunStatus.Succeeded,
            Computed = first.Computed - missing.Count,
            Failed = first.Failed + missing.Count,
            ErrorsJson = JsonSerializer.Serialize(errors),
            Visibility = RunVisibility.Draft,
        };
        db.Runs.Add(run);
        await db.SaveChangesAsync(ct);

        var entity = db.Model.FindEntityType(typeof(PersonResult)) ?? throw new InvalidOperationException("PersonResult is not in the model.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        string Column(string property) => "\"" + entity.FindProperty(property)!.GetColumnName(store) + "\"";
        var picked = string.Create(CultureInfo.InvariantCulture, $"({Column(nameof(PersonResult.Id))} - {lowest}) % {step} = 0");
        var properties = entity.GetProperties().Where(p => p.Name != nameof(PersonResult.Id)).Select(p => p.Name).ToList();
        var values = properties.Select(p => p switch
        {
            nameof(PersonResult.RunId) => run.Id.ToString(CultureInfo.InvariantCulture),
            nameof(PersonResult.Total) => $"CASE WHEN {picked} THEN {Column(p)} + 1 ELSE {Column(p)} END",
            nameof(PersonResult.PayTotal) => $"CASE WHEN {picked} THEN {Column(p)} + 10 ELSE {Column(p)} END",
            _ => Column(p),
        });
        var sql = string.Create(CultureInfo.InvariantCulture,
            $"INSERT INTO \"{table}\" ({string.Join(", ", properties.Select(Column))}) SELECT {string.Join(", ", values)} FROM \"{table}\" WHERE {Column(nameof(PersonResult.RunId))} = {first.Id} AND NOT (({Column(nameof(PersonResult.Id))} - {lowest}) % {gone} = 1)");
#pragma warning disable EF1002 // Only numbers and the model's own column names are in the SQL.
        var copied = await db.Database.ExecuteSqlRawAsync(sql, ct);
#pragma warning restore EF1002
        await transaction.CommitAsync(ct);
        log.WriteLine($"  added run {run.Id} of {period}: {copied:N0} results of run {first.Id}, every {step}th changed, {missing.Count:N0} not computed");
        return run.Id;
    }
}
