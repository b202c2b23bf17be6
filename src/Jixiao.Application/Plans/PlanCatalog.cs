using Jixiao.Application.Persistence;
using Jixiao.Domain.Plans;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Plans;

/// <summary>A stored plan version (without its YAML).</summary>
public sealed record PlanVersionInfo(long Id, int Number, DateOnly EffectiveFrom, DateTime CreatedAt, string? CreatedBy);

/// <summary>A plan with its versions, newest first.</summary>
public sealed record PlanInfo(string Code, string Name, IReadOnlyList<PlanVersionInfo> Versions);

/// <summary>A stored version with its YAML and the plan it loads to.</summary>
public sealed record StoredPlanVersion(string Code, string Name, PlanVersionInfo Version, string Yaml, Plan Plan);

/// <summary>The line of a plan file a problem points at, and a caret under its column.</summary>
public sealed record ProblemContext(string Line, string Caret);

/// <summary>Plans and their versions for the plans page: list, read one version, and where a problem is in the file.</summary>
public static class PlanCatalog
{
    public static async Task<IReadOnlyList<PlanInfo>> ListAsync(JixiaoDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var plans = await db.Plans.AsNoTracking().Include(p => p.Versions).OrderBy(p => p.Code).ToListAsync(ct).ConfigureAwait(false);
        return [.. plans.Select(p => new PlanInfo(p.Code, p.Name, [.. p.Versions.OrderByDescending(v => v.Number).Select(Info)]))];
    }

    /// <summary>One version of a plan, loaded; null when it does not exist.</summary>
    public static async Task<StoredPlanVersion?> VersionAsync(JixiaoDbContext db, string code, int number, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Code == code, ct).ConfigureAwait(false);
        if (plan is null)
        {
            return null;
        }

        var version = await db.PlanVersions.AsNoTracking().SingleOrDefaultAsync(v => v.PlanId == plan.Id && v.Number == number, ct).ConfigureAwait(false);
        var loaded = version is null ? null : StoredPlans.Of(version);
        return version is null || loaded is null ? null : new StoredPlanVersion(plan.Code, plan.Name, Info(version), version.Yaml, loaded);
    }

    /// <summary>The text of line <paramref name="line"/> (1-based) and a caret under <paramref name="column"/> (1-based); null outside the file.</summary>
    public static ProblemContext? Context(string yaml, int line, int column)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var lines = yaml.Split('\n');
        if (line < 1 || line > lines.Length)
        {
            return null;
        }

        var text = lines[line - 1].TrimEnd('\r').Replace('\t', ' ');
        var at = Math.Clamp(column, 1, text.Length + 1);
        // Full-width characters take two columns in a monospaced font: pad them with an ideographic space.
        var pad = string.Concat(text.Take(at - 1).Select(c => c > '\u2E7F' ? '\u3000' : ' '));
        return new ProblemContext(text, pad + "^");
    }

    private static PlanVersionInfo Info(PlanVersionEntity v) => new(v.Id, v.Number, v.EffectiveFrom, v.CreatedAt, v.CreatedBy);
}
