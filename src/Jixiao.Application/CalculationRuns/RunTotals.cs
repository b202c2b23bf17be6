using System.Text.Json;
using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.CalculationRuns;

/// <summary>
/// The headline figures of a run (the calculation page's KPI line), aggregated in the database: people computed, the sum
/// of their pay totals and, for a run of an open period, the sum of the projected pay totals (null when no result carries a
/// projection). Decimal sums are exact on both providers (PostgreSQL numeric; SQLite through EF Core's decimal aggregate).
/// </summary>
public sealed record RunTotals(int People, decimal PayTotal, decimal? ProjectedPayTotal)
{
    // Results are serialised with the projection last: a result whose details end so has none (only a shortcut; any
    // other result is parsed).
    private const string NoProjection = "\"Projection\":null}";

    public static async Task<RunTotals> ForRunAsync(JixiaoDbContext db, long runId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = db.Results.AsNoTracking().Where(r => r.RunId == runId);
        var people = await rows.CountAsync(ct).ConfigureAwait(false);
        var pay = people == 0 ? 0m : await rows.SumAsync(r => r.PayTotal, ct).ConfigureAwait(false);
        decimal? projected = null;
        await foreach (var json in rows.Where(r => !r.DetailsJson.EndsWith(NoProjection)).Select(r => r.DetailsJson).AsAsyncEnumerable().WithCancellation(ct).ConfigureAwait(false))
        {
            if (JsonSerializer.Deserialize<ResultDetails>(json)?.Projection is { } p)
            {
                projected = (projected ?? 0m) + p.PayTotal;
            }
        }

        return new RunTotals(people, pay, projected);
    }
}
