using Jixiao.Application.Persistence;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Evaluations;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Evaluations;

/// <summary>
/// What "closed is closed" locks (docs/decisions/0019-evaluation-cycle.md): the ratings of a closed period, the target
/// rows a closed period's calculation reads (its own, its months', and the target period of its commissions,
/// <see cref="Calculator.TargetPeriods"/>), and the metric values it reads (its own and its months'). Changing any of
/// them would make a re-run differ from the stored results; they are refused with <see cref="EvaluationErrorCode.PeriodClosed"/>.
/// </summary>
public sealed class ClosedPeriods
{
    private readonly Dictionary<string, string> _targets;
    private readonly Dictionary<string, string> _metrics;

    private ClosedPeriods(IReadOnlySet<string> closed, Dictionary<string, string> targets, Dictionary<string, string> metrics)
    {
        Closed = closed;
        _targets = targets;
        _metrics = metrics;
    }

    /// <summary>Nothing closed.</summary>
    public static ClosedPeriods None { get; } = new(new HashSet<string>(), [], []);

    /// <summary>The closed period keys.</summary>
    public IReadOnlySet<string> Closed { get; }

    /// <summary>The closed period whose ratings for <paramref name="period"/> are locked, or null.</summary>
    public string? LockingRating(string period) => Closed.Contains(period) ? period : null;

    /// <summary>The closed period that reads target rows of <paramref name="period"/>, or null.</summary>
    public string? LockingTarget(string period) => _targets.GetValueOrDefault(Normal(period));

    /// <summary>The closed period that reads metric values of <paramref name="period"/>, or null.</summary>
    public string? LockingMetric(string period) => _metrics.GetValueOrDefault(Normal(period));

    /// <summary>Reads the closed periods and what their calculations read (by the plan in force for each).</summary>
    public static async Task<ClosedPeriods> ReadAsync(JixiaoDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var code = PeriodStates.Code(PeriodState.Closed);
        var closed = await db.EvaluationPeriods.AsNoTracking().Where(p => p.State == code).Select(p => p.Key).ToListAsync(ct).ConfigureAwait(false);
        if (closed.Count == 0)
        {
            return None;
        }

        var plans = await PlanVersions.ReadAsync(db, ct).ConfigureAwait(false);
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        var metrics = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in closed.Order(StringComparer.Ordinal))
        {
            if (!Period.TryParse(key, out var period))
            {
                continue;
            }

            var read = plans.For(period) is { } plan ? Calculator.TargetPeriods(plan, period) : [period, .. period.Months()];
            foreach (var p in read)
            {
                targets.TryAdd(p.ToString(), key);
            }

            foreach (var p in (Period[])[period, .. period.Months()])
            {
                metrics.TryAdd(p.ToString(), key);
            }
        }

        return new ClosedPeriods(closed.ToHashSet(StringComparer.Ordinal), targets, metrics);
    }

    private static string Normal(string period) => Period.TryParse(period, out var p) ? p.ToString() : period;
}
