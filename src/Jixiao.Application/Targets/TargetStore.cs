using System.Security.Cryptography;
using System.Text;
using Jixiao.Application.Access;
using Jixiao.Application.DataImports;
using Jixiao.Application.Evaluations;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Targets;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Targets;

/// <summary>How a save ended.</summary>
public enum WriteStatus
{
    Saved,

    /// <summary>Someone saved some of the rows since the writer read them: nothing was stored.</summary>
    Conflict,

    /// <summary>Some rows would change targets a closed period reads (docs/decisions/0019): nothing was stored.</summary>
    Closed,
}

/// <summary>
/// The outcome of a save; <see cref="Conflicts"/> lists the keys ("subject|metric|period") that were stale, or (status
/// <see cref="WriteStatus.Closed"/>) that a closed period reads, <see cref="ClosedPeriod"/> the first such period.
/// </summary>
public sealed record WriteOutcome(WriteStatus Status, IReadOnlyList<string> Conflicts, int Inserted = 0, int Updated = 0, int Unchanged = 0, long UploadId = 0, string? ClosedPeriod = null);

/// <summary>
/// Stores targets as the engine reads them (<see cref="TargetDataRow"/>, one per subject, metric and period),
/// all or nothing, with an optimistic-concurrency check. A row's version is the id of the save (an
/// <see cref="Upload"/> of source "targets") that last changed it: every save creates one, so a stale
/// version is detected without a column of its own, and the conditional UPDATE closes the race with
/// a concurrent save.
/// </summary>
public sealed class TargetStore(JixiaoDbContext db, TimeProvider time)
{
    /// <summary>The external id of a target row (as the CSV import builds it).</summary>
    public static string Key(string subject, string metric, string period) => DataImporter.Key(subject, metric, period);

    /// <summary>Whether a principal may read targets of <paramref name="subject"/> (an employee or org unit id).</summary>
    public static bool CanRead(AccessScope scope, string subject)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Kind == ScopeKind.Everyone || scope.Units.Contains(subject) || scope.CanSee(subject);
    }

    /// <summary>
    /// Whether a principal allowed to set targets may write those of <paramref name="subject"/>: the rule of
    /// <see cref="TargetRights"/> (never a target they are measured on).
    /// </summary>
    public static bool CanWrite(AccessScope scope, string subject) => TargetRights.Of(scope, subject) == TargetRight.Allowed;

    /// <summary>A short fingerprint of the stored rows with these keys (which exist, and which save wrote them).</summary>
    public async Task<string> TokenAsync(IReadOnlyCollection<string> keys, CancellationToken ct = default)
    {
        var rows = await Existing(keys, ct).ConfigureAwait(false);
        return TokenOf(rows.Values);
    }

    private static string TokenOf(IEnumerable<TargetDataRow> rows)
    {
        var text = new StringBuilder();
        foreach (var r in rows.OrderBy(r => r.ExternalId, StringComparer.Ordinal))
        {
            text.Append(r.ExternalId).Append('\u001f').Append(r.UploadId).Append('\u001e');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static string Describe(decimal value, decimal? challenge) =>
        value.ToString(System.Globalization.CultureInfo.InvariantCulture)
        + (challenge is { } c ? " / " + c.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");

    private async Task<Dictionary<string, TargetDataRow>> Existing(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var result = new Dictionary<string, TargetDataRow>(StringComparer.Ordinal);
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var list = chunk.ToList();
            foreach (var r in await db.Targets.AsNoTracking().Where(t => list.Contains(t.ExternalId)).ToListAsync(ct).ConfigureAwait(false))
            {
                result[r.ExternalId] = r;
            }
        }

        return result;
    }

    /// <summary>
    /// Inserts or updates <paramref name="rows"/> in one transaction. With <paramref name="expectedToken"/> the
    /// stored rows must still have that fingerprint (a decomposition applied after its preview); without it
    /// each row's <see cref="TargetWrite.Version"/> must match. Any mismatch stores nothing; so does a row that would
    /// change a target a closed period reads (<see cref="ClosedPeriods"/>). Every changed row is audited with its values
    /// before and after; new rows are counted in the save's audit entry.
    /// </summary>
    public async Task<WriteOutcome> UpsertAsync(IReadOnlyList<TargetWrite> rows, string? expectedToken, string? userId, string action, string fileName, string detail,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var now = time.GetUtcNow().UtcDateTime;
        var closed = await ClosedPeriods.ReadAsync(db, ct).ConfigureAwait(false);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (tx.ConfigureAwait(false))
            {
                var keys = rows.Select(r => Key(r.Subject, r.Metric, r.Period)).ToList();
                var existing = await Existing(keys, ct).ConfigureAwait(false);
                var locked = new List<string>();
                string? lockedBy = null;
                for (var i = 0; i < rows.Count; i++)
                {
                    var stored = existing.GetValueOrDefault(keys[i]);
                    var changes = stored is null || stored.Value != rows[i].Value || stored.Challenge != rows[i].Challenge;
                    if (changes && closed.LockingTarget(rows[i].Period) is { } by)
                    {
                        locked.Add(keys[i]);
                        lockedBy ??= by;
                    }
                }

                if (locked.Count > 0)
                {
                    return new WriteOutcome(WriteStatus.Closed, locked, ClosedPeriod: lockedBy);
                }

                var conflicts = new List<string>();
                if (expectedToken is not null)
                {
                    if (!string.Equals(TokenOf(existing.Values), expectedToken, StringComparison.Ordinal))
                    {
                        conflicts.AddRange(keys);
                    }
                }
                else
                {
                    for (var i = 0; i < rows.Count; i++)
                    {
                        var stored = existing.GetValueOrDefault(keys[i]);
                        if (stored is null ? rows[i].Version is not null and not 0 : rows[i].Version != stored.UploadId)
                        {
                            conflicts.Add(keys[i]);
                        }
                    }
                }

                if (conflicts.Count > 0)
                {
                    return new WriteOutcome(WriteStatus.Conflict, conflicts);
                }

                var upload = new Upload { Source = DataSources.Targets, FileName = fileName, UploadedBy = userId, UploadedAt = now, Rows = rows.Count };
                db.Uploads.Add(upload);
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
                int inserted = 0, updated = 0, unchanged = 0;
                for (var i = 0; i < rows.Count; i++)
                {
                    var r = rows[i];
                    if (existing.TryGetValue(keys[i], out var stored))
                    {
                        if (stored.Value == r.Value && stored.Challenge == r.Challenge)
                        {
                            unchanged++;
                            continue;
                        }

                        var id = stored.Id;
                        var seen = stored.UploadId;
                        var changed = await db.Targets.Where(t => t.Id == id && t.UploadId == seen)
                            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, r.Value).SetProperty(t => t.Challenge, r.Challenge).SetProperty(t => t.UploadId, upload.Id), ct)
                            .ConfigureAwait(false);
                        if (changed == 0)
                        {
                            await tx.RollbackAsync(ct).ConfigureAwait(false);
                            return new WriteOutcome(WriteStatus.Conflict, [keys[i]]);
                        }

                        db.Audit(now, userId, "target.change", keys[i], action, r.Period, r.Subject, Describe(stored.Value, stored.Challenge), Describe(r.Value, r.Challenge));
                        updated++;
                    }
                    else
                    {
                        db.Targets.Add(new TargetDataRow
                        {
                            ExternalId = keys[i],
                            Subject = r.Subject,
                            Metric = r.Metric,
                            Period = r.Period,
                            Value = r.Value,
                            Challenge = r.Challenge,
                            UploadId = upload.Id,
                        });
                        inserted++;
                    }
                }

                upload.Inserted = inserted;
                upload.Updated = updated;
                upload.Unchanged = unchanged;
                db.Audit(now, userId, action, fileName, $"{detail}; {rows.Count} rows, {inserted} new, {updated} changed, {unchanged} unchanged");
                try
                {
                    await db.SaveChangesAsync(ct).ConfigureAwait(false);
                }
                catch (DbUpdateException)
                {
                    // A concurrent save inserted one of the new keys first (unique external id).
                    await tx.RollbackAsync(ct).ConfigureAwait(false);
                    db.ChangeTracker.Clear();
                    return new WriteOutcome(WriteStatus.Conflict, keys.Where(k => !existing.ContainsKey(k)).ToList());
                }

                await tx.CommitAsync(ct).ConfigureAwait(false);
                return new WriteOutcome(WriteStatus.Saved, [], inserted, updated, unchanged, upload.Id);
            }
        }).ConfigureAwait(false);
    }
}
