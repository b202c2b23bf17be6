using System.Text;
using Jixiao.Application.Import;

namespace Jixiao.Application.Tests.Import;

public sealed class Utf8IndexTests
{
    private static Utf8Index Of(params string[] keys)
    {
        var index = new Utf8Index();
        foreach (var k in keys)
        {
            index.GetOrAdd(Encoding.UTF8.GetBytes(k));
        }

        return index;
    }

    private static int Find(Utf8Index index, string key) => index.Find(Encoding.UTF8.GetBytes(key));

    [Fact]
    public void Freeze_WhenIdsArePrefixAndFixedDigits_ThenNumericAndSameAnswers()
    {
        var keys = Enumerable.Range(1, 500).Select(i => "E" + (i * 3).ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).Reverse().ToArray();
        var index = Of(keys);
        var probes = keys.Concat(["E000001", "E00003", "E0000030", "X000003", "e000003", "E00000A", "E 00003", "E999999", "E000000", "", "E", "000003"]).ToArray();
        var before = probes.Select(p => Find(index, p)).ToArray();

        index.Freeze();

        Assert.True(index.IsNumeric);
        Assert.Equal(before, probes.Select(p => Find(index, p)).ToArray());
        Assert.Equal(0, Find(index, "E001500"));
        Assert.Equal(499, Find(index, "E000003"));
        Assert.Equal(-1, Find(index, "E000004"));
    }

    [Theory]
    [InlineData("E000001", "E00002")] // lengths differ
    [InlineData("E000001", "F000002")] // prefixes differ
    [InlineData("E000001", "E00000X")] // not all digits
    [InlineData("ABC", "ABD")] // no digits at all
    [InlineData("E000001", "E900000")] // too sparse: 900,000 for two keys
    public void Freeze_WhenNotOneNumericPattern_ThenHashedAndSameAnswers(string a, string b)
    {
        var index = Of(a, b);

        index.Freeze();

        Assert.False(index.IsNumeric);
        Assert.Equal(0, Find(index, a));
        Assert.Equal(1, Find(index, b));
        Assert.Equal(-1, Find(index, a + "0"));
    }

    [Fact]
    public void Freeze_WhenMixedDigitCountsSharePrefix_ThenNumericOnCommonDigits()
    {
        // "E1A0001" shares no common prefix once only the last 4 digits are numeric: hashed.
        var mixed = Of("E000001", "E1A0001");
        mixed.Freeze();
        Assert.False(mixed.IsNumeric);
        Assert.Equal(1, Find(mixed, "E1A0001"));

        // Digits within the prefix: "AB12-0007" and "AB12-0123" share "AB12-".
        var shared = Of("AB12-0007", "AB12-0123");
        shared.Freeze();
        Assert.True(shared.IsNumeric);
        Assert.Equal(1, Find(shared, "AB12-0123"));
        Assert.Equal(-1, Find(shared, "AB13-0123"));
        Assert.Equal(-1, Find(shared, "AB12-0124"));
    }

    [Fact]
    public void GetOrAdd_AfterFreeze_ThenNewKeyFound()
    {
        var index = Of("E000001", "E000002");
        index.Freeze();
        Assert.True(index.IsNumeric);

        var added = index.GetOrAdd("X-other"u8, out var isNew);

        Assert.True(isNew);
        Assert.False(index.IsNumeric);
        Assert.Equal(added, Find(index, "X-other"));
        Assert.Equal(1, Find(index, "E000002"));
    }
}
