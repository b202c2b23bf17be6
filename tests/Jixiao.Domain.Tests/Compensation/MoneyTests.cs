using CsCheck;
using Jixiao.Domain.Compensation;

namespace Jixiao.Domain.Tests.Compensation;

public class MoneyTests
{
    [Theory]
    [InlineData("2.345", "2.35")]
    [InlineData("-2.345", "-2.35")]
    [InlineData("2.344", "2.34")]
    [InlineData("0.005", "0.01")]
    [InlineData("0.015", "0.02")]
    [InlineData("0.025", "0.03")]
    [InlineData("1.2349999", "1.23")]
    public void Round_WhenMidpoint_ThenAwayFromZero(string value, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            Money.Round(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void SplitCents_WhenThreeEqualShares_ThenOneCentGoesToFirstKey()
    {
        var parts = Money.SplitCents(100, [1m, 1m, 1m], ["c", "a", "b"]);
        Assert.Equal([33, 34, 33], parts);
    }

    [Fact]
    public void SplitCents_WhenRemaindersDiffer_ThenLargestRemainderGetsCent()
    {
        // 1000 cents by 0.333/0.333/0.334: exact 333, 333, 334 → no leftover.
        Assert.Equal([333, 333, 334], Money.SplitCents(1000, [0.333m, 0.333m, 0.334m]));

        // 10 cents by 1:1:1 → 3.33 each, one leftover cent to the first by position.
        Assert.Equal([4, 3, 3], Money.SplitCents(10, [1m, 1m, 1m]));

        // 7 cents by 0.5/0.3/0.2 → 3.5, 2.1, 1.4: floors 3,2,1 = 6; leftover to 3.5.
        Assert.Equal([4, 2, 1], Money.SplitCents(7, [0.5m, 0.3m, 0.2m]));
    }

    [Fact]
    public void SplitCents_WhenNegative_ThenMirrorsPositive()
    {
        Assert.Equal([-4, -3, -3], Money.SplitCents(-10, [1m, 1m, 1m]));
    }

    [Fact]
    public void SplitCents_WhenBadWeights_ThenThrows()
    {
        Assert.Throws<ArgumentException>(() => Money.SplitCents(10, []));
        Assert.Throws<ArgumentException>(() => Money.SplitCents(10, [0m, 0m]));
        Assert.Throws<ArgumentException>(() => Money.SplitCents(10, [1m, -1m]));
        Assert.Throws<ArgumentException>(() => Money.ToCents(1.234m));
    }

    [Fact]
    public void SplitCents_Property_PartsSumToTotalAndAreFair()
    {
        var gen = Gen.Select(
            Gen.Long[-10_000_000_00L, 10_000_000_00L],
            Gen.Int[1, 10_000].Array[1, 12]);
        gen.Sample((total, ints) =>
        {
            var weights = ints.Select(i => (decimal)i).ToArray();
            var parts = Money.SplitCents(total, weights);
            if (parts.Sum() != total)
            {
                return false;
            }

            // Each part is within one cent of its exact share.
            var sum = weights.Sum();
            for (var i = 0; i < parts.Length; i++)
            {
                var exact = total * weights[i] / sum;
                if (Math.Abs(parts[i] - exact) >= 1m)
                {
                    return false;
                }
            }

            return true;
        }, iter: 20_000);
    }

    [Fact]
    public void SplitCents_Property_IndependentOfInputOrderWhenKeyed()
    {
        var gen = Gen.Select(
            Gen.Long[0, 1_000_000L],
            Gen.Int[1, 100].Array[2, 8],
            Gen.Int);
        gen.Sample((total, ints, seed) =>
        {
            var keys = ints.Select((_, i) => "e" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var weights = ints.Select(i => (decimal)i).ToArray();
            var parts = Money.SplitCents(total, weights, keys);

            var order = Enumerable.Range(0, ints.Length).OrderBy(i => HashCode.Combine(seed, i)).ToArray();
            var shuffled = Money.SplitCents(total, order.Select(i => weights[i]).ToArray(), order.Select(i => keys[i]).ToArray());
            for (var j = 0; j < order.Length; j++)
            {
                if (shuffled[j] != parts[order[j]])
                {
                    return false;
                }
            }

            return true;
        }, iter: 10_000);
    }

    [Fact]
    public void Round_Property_MatchesAwayFromZeroDefinition()
    {
        Gen.Long[-1_000_000_000L, 1_000_000_000L].Sample(thousandths =>
        {
            var value = thousandths / 1000m;
            var rounded = Money.Round(value);
            var expectedMagnitude = Math.Floor((Math.Abs(value) * 100m) + 0.5m) / 100m;
            return rounded == Math.Sign(value) * expectedMagnitude;
        }, iter: 20_000);
    }

    [Fact]
    public void Round_WhenQuotientIsAMidpointWithRepresentationError_ThenRoundsAsTheExactValue()
    {
        // 30 × (1,000 ÷ 1,200,000) = 0.025 exactly; in decimal arithmetic 1,000 ÷ 1,200,000 is 0.00083333…33.
        var points = 30m * (1000m / 1200000m);
        Assert.NotEqual(0.025m, points);
        Assert.Equal(0.03m, Money.Round(points));

        // 6,000 × (1 ÷ 1,200,000) = 0.005 exactly → 0.01.
        Assert.Equal(0.01m, Money.Round(6000m * (1m / 1200000m)));
        Assert.Equal(-0.01m, Money.Round(-6000m * (1m / 1200000m)));
    }
}
