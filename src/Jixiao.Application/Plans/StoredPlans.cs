using System.Collections.Concurrent;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Plans;

namespace Jixiao.Application.Plans;

/// <summary>
/// The parsed plans of stored plan versions, parsed once per process (bench/README.md, "/me and /team on PostgreSQL"): a
/// stored version is never changed (<see cref="PlanVersionEntity"/> rows are only added), and parsing one costs 1–5 ms, which
/// the pages paid several times per request. Keyed by the YAML text itself, so a cached plan is always the parse of exactly
/// the text asked about — also when two databases (tests, several companies' files) store different plans under the same
/// version id. <see cref="Plan"/> is immutable, so one instance serves every request. Bounded: past
/// <see cref="MaxEntries"/> texts the cache starts over.
/// </summary>
public static class StoredPlans
{
    /// <summary>How many distinct plan texts are kept at most.</summary>
    public const int MaxEntries = 64;

    private static readonly ConcurrentDictionary<string, Plan?> Parsed = new(StringComparer.Ordinal);

    /// <summary>The plan of <paramref name="version"/>, or null when its text no longer loads.</summary>
    public static Plan? Of(PlanVersionEntity version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return Of(version.Yaml);
    }

    /// <summary>The plan a stored version's <paramref name="yaml"/> holds, or null when it no longer loads (as <c>PlanLoader.Load(yaml).Plan</c>).</summary>
    public static Plan? Of(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        if (Parsed.TryGetValue(yaml, out var plan))
        {
            return plan;
        }

        plan = PlanLoader.Load(yaml).Plan;
        if (Parsed.Count >= MaxEntries)
        {
            Parsed.Clear();
        }

        Parsed[yaml] = plan;
        return plan;
    }

    /// <summary>The plan of <paramref name="version"/>; throws when the stored text no longer loads.</summary>
    public static Plan Required(PlanVersionEntity version) =>
        Of(version) ?? throw new InvalidOperationException("The stored plan version no longer loads.");
}
