using System.Runtime.CompilerServices;
using Jixiao.Domain.Data;

namespace Jixiao.Application.Import;

/// <summary>
/// Strict ISO 8601 calendar dates (yyyy-MM-dd) from UTF-8 bytes, as <see cref="DateOnly.DayNumber"/>, within
/// <see cref="RecordDates"/> (1900-01-01 … 2100-12-31), the rule every other path applies too.
/// </summary>
internal static class DateParser
{
    private static readonly int MinDay = RecordDates.Earliest.DayNumber;
    private static readonly int MaxDay = RecordDates.Latest.DayNumber;

    /// <summary>Parses <paramref name="text"/> (trimmed); full-width digits and hyphens are accepted after NFKC.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out int dayNumber) =>
        TryParseAny(text, out dayNumber) && dayNumber >= MinDay && dayNumber <= MaxDay;

    /// <summary>
    /// Whether <paramref name="text"/>, which <see cref="TryParse"/> refused, is a calendar date outside the range
    /// (the error then says so instead of "not a date").
    /// </summary>
    public static bool IsOutOfRange(ReadOnlySpan<byte> text) => TryParseAny(text, out _);

    /// <summary>The error for a value <see cref="TryParse"/> refused: out of range, or not a date.</summary>
    public static DataErrorCode ErrorOf(ReadOnlySpan<byte> text) => IsOutOfRange(text) ? DataErrorCode.DateOutOfRange : DataErrorCode.InvalidDate;

    private static bool TryParseAny(ReadOnlySpan<byte> text, out int dayNumber)
    {
        if (TryParseAscii(text, out dayNumber))
        {
            return true;
        }

        if (text.Length > 10 && NumberParser.HasNonAscii(text))
        {
            var normalised = NumberParser.Normalise(text);
            return normalised is not null && TryParseAscii(normalised, out dayNumber);
        }

        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryParseAscii(ReadOnlySpan<byte> s, out int dayNumber)
    {
        dayNumber = 0;
        if (s.Length != 10 || s[4] != (byte)'-' || s[7] != (byte)'-')
        {
            return false;
        }

        var y0 = (uint)(s[0] - '0');
        var y1 = (uint)(s[1] - '0');
        var y2 = (uint)(s[2] - '0');
        var y3 = (uint)(s[3] - '0');
        var m0 = (uint)(s[5] - '0');
        var m1 = (uint)(s[6] - '0');
        var d0 = (uint)(s[8] - '0');
        var d1 = (uint)(s[9] - '0');
        if (y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || m0 > 9 || m1 > 9 || d0 > 9 || d1 > 9)
        {
            return false;
        }

        var year = (int)((y0 * 1000) + (y1 * 100) + (y2 * 10) + y3);
        var month = (int)((m0 * 10) + m1);
        var day = (int)((d0 * 10) + d1);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        dayNumber = new DateOnly(year, month, day).DayNumber;
        return true;
    }
}
