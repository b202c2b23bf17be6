using Jixiao.Application.Synthetic;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;

namespace Jixiao.Bench.Tests;

/// <summary>
/// The bench's correctness check on a tiny data set: jixiao's close and DuckDB's SQL (bench/duckdb) must
/// give every person the same points, total, grade, coefficient and pay. No timing here; that is bench/.
/// </summary>
public sealed class BenchAgreementTests : IClassFixture<BenchAgreementTests.TinyData>
{
    private readonly TinyData _data;

    public BenchAgreementTests(TinyData data) => _data = data;

    [Theory]
    [InlineData("2026-10")]
    [InlineData("2026-02")]
    public void Close_WhenTinyDataSet_ThenJixiaoAndDuckDbAgreeOnEveryone(string period)
    {
        var plan = JixiaoTotals.LoadPlan(Path.Combine(AppContext.BaseDirectory, "bench-plan.yaml"));

        var (jixiao, duck) = BenchRun.Both(_data.Dataset, _data.DuckDb, plan, Period.Parse(period));

        var agreement = Agreement.Compare(jixiao, duck, "jixiao", "DuckDB");
        Assert.True(agreement.Agrees, string.Join(Environment.NewLine, agreement.Differences));
        Assert.True(jixiao.Count > 1900, $"only {jixiao.Count} people were computed");

        // The data set exercises every path the SQL reproduces: all grades, pay of each kind, split credits.
        Assert.Equal(["A", "B", "C", "S"], jixiao.Select(p => p.Grade).Distinct().Order(StringComparer.Ordinal));
        for (var i = 0; i < PersonTotals.Pay.Count; i++)
        {
            Assert.Contains(jixiao, p => p.PayCents[i] > 0);
        }
    }

    [Theory]
    [InlineData("2026-10")]
    [InlineData("2026-03")]
    public void Close_WhenEveryoneExplained_ThenSameResultsAsTheFastPath(string period)
    {
        // With an explanation asked for, a person takes the general path; without, the per-card fast path.
        var plan = JixiaoTotals.LoadPlan(Path.Combine(AppContext.BaseDirectory, "bench-plan.yaml"));
        var everyone = _data.Dataset.Employees.Select(e => e.Id).ToList();

        var fast = Calculator.Run(plan, _data.Dataset, Period.Parse(period));
        var general = Calculator.Run(plan, _data.Dataset, Period.Parse(period), new CalculationOptions { Explain = everyone });

        Assert.True(fast.Results.Count > 1900, $"only {fast.Results.Count} people were computed");
        Assert.Equal(CloseOnly.Describe(general), CloseOnly.Describe(fast));
    }

    [Fact]
    public void Compare_WhenOnePersonDiffers_ThenReportsThatPerson()
    {
        var a = new PersonTotals("E1", [100, 200], 300, "C", 0, [0, 0, 0]);
        var b = a with { PayCents = [0, 1, 0] };

        var agreement = Agreement.Compare([a], [b], "left", "right");

        Assert.False(agreement.Agrees);
        Assert.Equal(1, agreement.DifferenceCount);
        Assert.Contains("E1", agreement.Differences[0], StringComparison.Ordinal);
    }

    /// <summary>2,000 employees and 100,000 sales rows written once for the class, loaded by both engines.</summary>
    public sealed class TinyData : IDisposable
    {
        private readonly string _directory;

        public TinyData()
        {
            _directory = Path.Combine(Path.GetTempPath(), "jixiao-bench-tests-" + Guid.NewGuid().ToString("N"));
            BenchDataGenerator.Write(_directory, 2_000, 100_000, seed: 42);
            Dataset = BenchRun.Load(_directory);
            DuckDb = new DuckDbPeer();
            DuckDb.Load(_directory);
            DuckDb.Prepare();
        }

        internal Dataset Dataset { get; }

        internal DuckDbPeer DuckDb { get; }

        public void Dispose()
        {
            DuckDb.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
