using Jixiao.Domain.Calculation;

namespace Jixiao.Domain.Tests.Calculation;

public class DecimalScalingTests
{
    private static readonly (decimal Divisor, int Digits)[] Scales = [(1m, 0), (100m, 2), (10_000m, 4)];

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(-1L)]
    [InlineData(1200L)]
    [InlineData(1230L)]
    [InlineData(-1230L)]
    [InlineData(12345L)]
    [InlineData(100_000_000L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    [InlineData(long.MinValue + 1)]
    public void DividedByPowerOfTen_WhenGivenEdgeValues_ThenSameBitsAsDecimalDivision(long value)
    {
        foreach (var (divisor, digits) in Scales)
        {
            Assert.Equal(decimal.GetBits(value / divisor), decimal.GetBits(MetricEngine.DividedByPowerOfTen(value, digits)));
        }
    }

    [Fact]
    public void DividedByPowerOfTen_WhenGivenManyValues_ThenSameBitsAsDecimalDivision()
    {
        var random = new Random(7);
        for (var i = 0; i < 200_000; i++)
        {
            var bits = random.Next(1, 64);
            var value = random.NextInt64() >> (64 - bits);
            if (i % 3 == 0)
            {
                value = value / 1000 * 1000;
            }

            if (i % 2 == 0)
            {
                value = -value;
            }

            foreach (var (divisor, digits) in Scales)
            {
                Assert.Equal(decimal.GetBits(value / divisor), decimal.GetBits(MetricEngine.DividedByPowerOfTen(value, digits)));
            }
        }
    }
}
