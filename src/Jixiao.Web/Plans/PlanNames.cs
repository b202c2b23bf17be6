using System.Globalization;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Plans;
using Jixiao.Domain.Scoring;
using Jixiao.Web.Api;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Plans;

/// <summary>
/// The names a plan gives its scorecards, indicators, parts of a sum of parts, metrics and pay components, in the reader's
/// language (docs/plan-format.md): English pages take <c>name_en</c>, Traditional Chinese pages <c>name_zh_tw</c> or, when
/// the plan gives none, the Simplified name converted with OpenCC's data (<see cref="Localization.Traditional"/>);
/// Simplified Chinese pages the <c>name</c>. Stored results keep the names of the run's plan in Simplified Chinese; pages
/// and exports show them through this class.
/// </summary>
public sealed class PlanNames
{
    private readonly Dictionary<string, string> _indicators = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Indicator, string Part), string> _parts = [];
    private readonly Dictionary<string, string> _scorecards = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _pay = new(StringComparer.Ordinal);
    private readonly CultureInfo _culture;
    private readonly Lazy<ErrorArgumentNames?> _codes;

    private PlanNames(Plan? plan, CultureInfo culture)
    {
        _culture = culture;
        _codes = new(() => plan is null ? null : PlanCodeNames.For(plan, (name, en, tw) => In(name, en, tw, culture)));
        if (plan is null)
        {
            return;
        }

        foreach (var card in plan.Scorecards)
        {
            _scorecards[card.Code] = In(card.Name, card.NameEn, card.NameZhTw, culture);
            foreach (var i in card.Indicators)
            {
                _indicators.TryAdd(i.Code, In(i.Name, i.NameEn, i.NameZhTw, culture));
                if (i.Rule is SumOfPartsRule sum)
                {
                    foreach (var part in sum.Parts)
                    {
                        _parts.TryAdd((i.Code, part.Name), In(part.Name, part.NameEn, part.NameZhTw, culture));
                    }
                }
            }
        }

        foreach (var c in plan.Pay)
        {
            _pay[c.Code] = In(c.Name, c.NameEn, c.NameZhTw, culture);
        }
    }

    /// <summary>The names of <paramref name="plan"/> (null: every name as stored, converted for zh-TW) in <paramref name="culture"/>.</summary>
    public static PlanNames Of(Plan? plan, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return new PlanNames(plan, culture);
    }

    /// <summary>The names of the plan version a run computed with, in <paramref name="culture"/>.</summary>
    public static async Task<PlanNames> OfRunAsync(JixiaoDbContext db, long runId, CultureInfo culture, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var yaml = await (from r in db.Runs.AsNoTracking()
                          join v in db.PlanVersions.AsNoTracking() on r.PlanVersionId equals v.Id
                          where r.Id == runId
                          select v.Yaml).FirstOrDefaultAsync(ct);
        return Of(yaml is null ? null : Jixiao.Application.Plans.StoredPlans.Of(yaml), culture);
    }

    /// <summary>The names of the plan versions <paramref name="versionIds"/> in <paramref name="culture"/>, by version id.</summary>
    public static async Task<Dictionary<long, PlanNames>> OfVersionsAsync(JixiaoDbContext db, IEnumerable<long> versionIds, CultureInfo culture, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = versionIds.Distinct().ToList();
        var versions = await db.PlanVersions.AsNoTracking().Where(v => ids.Contains(v.Id)).Select(v => new { v.Id, v.Yaml }).ToListAsync(ct);
        return versions.ToDictionary(v => v.Id, v => Of(Jixiao.Application.Plans.StoredPlans.Of(v.Yaml), culture));
    }

    /// <summary>The plan's names for the codes a calculation error carries (null without a plan: the codes are shown).</summary>
    public ErrorArgumentNames? Codes => _codes.Value;

    /// <summary>A name in <paramref name="culture"/>: English, Traditional Chinese (given or converted), else Simplified.</summary>
    public static string In(string name, string? nameEn, string? nameZhTw, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        if (culture.Name.StartsWith("en", StringComparison.Ordinal))
        {
            return string.IsNullOrEmpty(nameEn) ? name : nameEn;
        }

        return culture.Name.StartsWith("zh-TW", StringComparison.Ordinal) || culture.Name.StartsWith("zh-Hant", StringComparison.Ordinal)
            ? string.IsNullOrEmpty(nameZhTw) ? Localization.Traditional.From(name) : nameZhTw
            : name;
    }

    /// <summary>The indicator's name; <paramref name="stored"/> (in the reader's script) when the plan does not have it.</summary>
    public string Indicator(string code, string stored) => _indicators.TryGetValue(code, out var n) ? n : Stored(stored);

    /// <summary>The scorecard's name; <paramref name="stored"/> (in the reader's script) when the plan does not have it.</summary>
    public string Scorecard(string code, string stored) => _scorecards.TryGetValue(code, out var n) ? n : Stored(stored);

    /// <summary>The pay component's name; <paramref name="stored"/> (in the reader's script) when the plan does not have it.</summary>
    public string Pay(string code, string stored) => _pay.TryGetValue(code, out var n) ? n : Stored(stored);

    /// <summary>A part of a sum of parts by the stored name.</summary>
    public string Part(string indicator, string stored) => _parts.TryGetValue((indicator, stored), out var n) ? n : Stored(stored);

    /// <summary>One person's stored result with every plan name in the reader's language.</summary>
    public ResultDto Localize(ResultDto result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result with
        {
            Indicators = [.. result.Indicators.Select(Localize)],
            Pay = [.. result.Pay.Select(p => p with { Name = Pay(p.Component, p.Name) })],
            Projection = result.Projection is { } projection
                ? projection with
                {
                    Indicators = [.. projection.Indicators.Select(Localize)],
                    Pay = [.. projection.Pay.Select(p => p with { Name = Pay(p.Component, p.Name) })],
                    // A pending part is "indicator.part": the part by its name as shown, so the page finds it.
                    Pending = [.. projection.Pending.Select(c => c.Split('.', 2) is [var i, var part] ? i + "." + Part(i, part) : c)],
                }
                : null,
        };
    }

    private IndicatorResult Localize(IndicatorResult i) => i with
    {
        Name = Indicator(i.Code, i.Name),
        Parts = i.Parts is null ? null : [.. i.Parts.Select(p => p with { Name = Part(i.Code, p.Name) })],
    };

    private string Stored(string name) => In(name, null, null, _culture);
}
