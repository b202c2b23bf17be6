using System.Collections;
using Jixiao.Domain.Compensation;
using Jixiao.Domain.Data;
using Jixiao.Domain.Grades;
using Jixiao.Domain.Plans;
using Jixiao.Domain.Scoring;

namespace Jixiao.Domain.Calculation;

/// <summary>
/// Where each number of one scorecard's result lives in a person's row of a <see cref="ResultStore"/>:
/// four slots (points, actual, target, achievement) per indicator and per top-level part, then the
/// total, the coefficient and one amount per pay component of the plan.
/// </summary>
internal sealed class CardLayout
{
    public const int Points = 0;
    public const int Actual = 1;
    public const int Target = 2;
    public const int Achievement = 3;
    public const int Width = 4;

    public CardLayout(Scorecard card, Plan plan, PartCodes partCodes)
    {
        Card = card;
        Scale = card.GradeScale is { } code && plan.GradeScales.TryGetValue(code, out var scale) ? scale : null;
        var indicators = new IndicatorSlots[card.Indicators.Count];
        var next = 0;
        for (var i = 0; i < indicators.Length; i++)
        {
            var ind = card.Indicators[i];
            var offset = next;
            next += Width;
            PartSlots[]? parts = null;
            if (ind.Rule is SumOfPartsRule sum)
            {
                parts = new PartSlots[sum.Parts.Count];
                for (var p = 0; p < parts.Length; p++)
                {
                    parts[p] = new PartSlots(sum.Parts[p], partCodes.Of(ind.Code, sum.Parts[p]), next, UnitOf(sum.Parts[p].Rule, plan));
                    next += Width;
                }
            }

            indicators[i] = new IndicatorSlots(ind, RuleName(ind.Rule), offset, parts, UnitOf(ind.Rule, plan));
        }

        Indicators = indicators;
        Total = next++;
        Coefficient = next++;
        Pay = next;
        Size = next + plan.Pay.Count;
    }

    public Scorecard Card { get; }

    public IndicatorSlots[] Indicators { get; }

    /// <summary>The card's grade scale; null when it has none (or names one the plan lacks).</summary>
    public GradeScale? Scale { get; }

    public int Total { get; }

    public int Coefficient { get; }

    /// <summary>The slot of the plan's first pay component; component k is at Pay + k.</summary>
    public int Pay { get; }

    /// <summary>Slots per person.</summary>
    public int Size { get; }

    /// <summary>The unit of a rule's actual and target: its metric's unit (元 for a money field without one); else null.</summary>
    internal static string? UnitOf(ScoringRule rule, Plan plan)
    {
        var metric = rule switch
        {
            RatioRule r => r.Metric,
            BandsRule b => b.Metric,
            DeductionRule d => d.Metric,
            _ => -1,
        };
        if (metric < 0 || metric >= plan.Metrics.Count)
        {
            return null;
        }

        var m = plan.Metrics[metric];
        if (!string.IsNullOrWhiteSpace(m.Unit))
        {
            return m.Unit.Trim();
        }

        return m.IsMoney && m.Aggregate != Aggregate.Count ? MoneyUnit : null;
    }

    /// <summary>The unit of money amounts.</summary>
    public const string MoneyUnit = "元";

    private static string RuleName(ScoringRule r) => r switch
    {
        RatioRule => "ratio",
        BandsRule => "bands",
        DeductionRule => "deduction",
        SumOfPartsRule => "sum_of_parts",
        RatingRule => "rating",
        _ => "formula",
    };
}

/// <summary>An indicator of a card and its first slot; Parts when it is a sum of parts.</summary>
internal sealed record IndicatorSlots(Indicator Indicator, string Rule, int Offset, PartSlots[]? Parts, string? Unit);

/// <summary>A top-level part of a sum_of_parts indicator, the code its errors use, and its first slot.</summary>
internal sealed record PartSlots(ScoringPart Part, string Code, int Offset, string? Unit);

/// <summary>
/// The results of one close, stored by column: one row of decimals per person (laid out by the person's
/// <see cref="CardLayout"/>) with a flag per slot, instead of a tree of objects per person. The close fills
/// it from several threads (each person's row is written by one thread only); readers see it as the list
/// of <see cref="EmployeeResult"/> it always was, each built on first access and then kept.
/// </summary>
internal sealed class ResultStore : IReadOnlyList<EmployeeResult>
{
    /// <summary>Flag of a slot: no value (null), a value; for pay slots also: component applied and forfeited.</summary>
    public const byte None = 0;
    public const byte HasValue = 1;
    public const byte Forfeited = 2;

    private readonly IReadOnlyList<Employee> _employees;
    private readonly int[] _employee;
    private readonly CardLayout[] _layout;
    private readonly int[] _offset;
    private readonly IReadOnlyList<PayComponent> _pay;
    private int[] _rows = [];
    private EmployeeResult?[]? _materialized;

    /// <summary>Rows for <paramref name="employee"/>[i] computed with <paramref name="layout"/>[i], all empty.</summary>
    public ResultStore(IReadOnlyList<Employee> employees, IReadOnlyList<PayComponent> pay, int[] employee, CardLayout[] layout)
    {
        _employees = employees;
        _pay = pay;
        _employee = employee;
        _layout = layout;
        _offset = new int[employee.Length + 1];
        for (var i = 0; i < employee.Length; i++)
        {
            _offset[i + 1] = _offset[i] + layout[i].Size;
        }

        // Every slot read is written first (points, total) or guarded by its flag: no need to clear 16 bytes a slot.
        Values = GC.AllocateUninitializedArray<decimal>(_offset[^1]);
        Flags = new byte[_offset[^1]];
        Grade = new string?[employee.Length];
        Unit = new string[employee.Length];
        Computed = new bool[employee.Length];
    }

    public decimal[] Values { get; }

    public byte[] Flags { get; }

    public string?[] Grade { get; }

    public string[] Unit { get; }

    /// <summary>Whether row i was computed (false: the person has errors and no result).</summary>
    public bool[] Computed { get; }

    public int Count => _rows.Length;

    public EmployeeResult this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _rows.Length);
            var row = _rows[index];
            var cache = _materialized;
            if (cache is null)
            {
                Interlocked.CompareExchange(ref _materialized, new EmployeeResult?[_rows.Length], null);
                cache = _materialized;
            }

            if (cache[index] is { } done)
            {
                return done;
            }

            var built = Build(row);
            return Interlocked.CompareExchange(ref cache[index], built, null) ?? built;
        }
    }

    /// <summary>The first slot of row i.</summary>
    public int OffsetOf(int row) => _offset[row];

    /// <summary>Called once the rows are filled: the computed rows, in row order, become the list.</summary>
    public void Seal()
    {
        var count = 0;
        foreach (var c in Computed)
        {
            count += c ? 1 : 0;
        }

        var rows = new int[count];
        var k = 0;
        for (var i = 0; i < Computed.Length; i++)
        {
            if (Computed[i])
            {
                rows[k++] = i;
            }
        }

        _rows = rows;
    }

    public IEnumerator<EmployeeResult> GetEnumerator()
    {
        for (var i = 0; i < _rows.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private decimal? Get(int slot) => Flags[slot] == None ? null : Values[slot];

    private EmployeeResult Build(int row)
    {
        var layout = _layout[row];
        var at = _offset[row];
        var indicators = new IndicatorResult[layout.Indicators.Length];
        for (var i = 0; i < indicators.Length; i++)
        {
            var slots = layout.Indicators[i];
            var s = at + slots.Offset;
            PartResult[]? parts = null;
            if (slots.Parts is { } partSlots)
            {
                parts = new PartResult[partSlots.Length];
                for (var p = 0; p < parts.Length; p++)
                {
                    var ps = at + partSlots[p].Offset;
                    parts[p] = new PartResult(partSlots[p].Part.Name, Values[ps + CardLayout.Points], Get(ps + CardLayout.Actual), Get(ps + CardLayout.Target), Get(ps + CardLayout.Achievement), partSlots[p].Unit);
                }
            }

            var ind = slots.Indicator;
            indicators[i] = new IndicatorResult(ind.Code, ind.Name, slots.Rule, ind.Rule.Points, Values[s + CardLayout.Points], Get(s + CardLayout.Actual), Get(s + CardLayout.Target), Get(s + CardLayout.Achievement), parts, slots.Unit);
        }

        var pay = new List<PayLine>();
        for (var c = 0; c < _pay.Count; c++)
        {
            var flag = Flags[at + layout.Pay + c];
            if (flag != None)
            {
                pay.Add(new PayLine(_pay[c].Code, _pay[c].Name, Values[at + layout.Pay + c], flag == Forfeited));
            }
        }

        var e = _employee[row];
        var emp = _employees[e];
        return new EmployeeResult(e, emp.Id, emp.Name, Unit[row], layout.Card.Code, indicators, Values[at + layout.Total], Grade[row], Get(at + layout.Coefficient), pay);
    }
}
