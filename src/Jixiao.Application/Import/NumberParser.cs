using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Jixiao.Application.Import;

/// <summary>What a number field may contain beyond plain digits.</summary>
[Flags]
internal enum NumberOptions
{
    None = 0,

    /// <summary>A leading '-' is accepted.</summary>
    AllowNegative = 1,

    /// <summary>Suffixes 元 (×1), 万 and 万元 (×10,000) and a leading ¥.</summary>
    MoneyUnits = 2,

    /// <summary>A trailing '%' (÷100).</summary>
    Percent = 4,
}

/// <summary>The outcome of parsing one number field.</summary>
internal enum NumberStatus
{
    Ok,
    Empty,
    Invalid,
    TooManyDecimals,
    Negative,
    OutOfRange,
}

/// <summary>
/// Strict, culture-invariant number parsing straight from UTF-8 bytes:
/// <c>-?¥?d{1,3}(,ddd)*|d+</c>, then <c>(.d+)?</c>, then a unit (元, 万, 万元, %) where the column allows it.
/// Fields with non-ASCII bytes that do not parse as they are are NFKC-normalised once and tried again,
/// which turns full-width digits, comma, point, minus and percent into ASCII.
/// </summary>
internal static class NumberParser
{
    private static readonly long[] Pow10 =
    [
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
        1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L,
    ];

    private static ReadOnlySpan<byte> Wan => "万"u8;

    private static ReadOnlySpan<byte> Yuan => "元"u8;

    private static ReadOnlySpan<byte> Yen => "¥"u8;

    /// <summary>
    /// Parses <paramref name="text"/> (already trimmed) as an integer count of 10^-<paramref name="scale"/>
    /// (scale 2: cents; scale 4: ten-thousandths). Extra decimal places are accepted only when they are zeros.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NumberStatus ParseScaled(ReadOnlySpan<byte> text, int scale, NumberOptions options, long maxAbs, out long value, out int allowedDecimals)
    {
        // Most fields are plain "-?digits(.digits)?": parse those in two tight loops and leave the rest to the full grammar.
        var n = text.Length;
        if ((uint)(n - 1) < 19)
        {
            ref var r = ref MemoryMarshal.GetReference(text);
            var i = 0;
            var negative = false;
            if (r == (byte)'-' && (options & NumberOptions.AllowNegative) != 0)
            {
                negative = true;
                i = 1;
            }

            ulong mantissa = 0;
            var first = i;
            uint d;
            while (i < n && (d = (uint)(Unsafe.Add(ref r, i) - '0')) <= 9)
            {
                mantissa = (mantissa * 10) + d;
                i++;
            }

            var digits = i - first;
            var fraction = 0;
            if (i < n && Unsafe.Add(ref r, i) == (byte)'.')
            {
                var dot = ++i;
                while (i < n && (d = (uint)(Unsafe.Add(ref r, i) - '0')) <= 9)
                {
                    mantissa = (mantissa * 10) + d;
                    i++;
                }

                fraction = i - dot;
                digits += fraction;
                if (fraction == 0)
                {
                    goto General;
                }
            }

            var shift = scale - fraction;
            if (i == n && digits > fraction && shift >= 0 && digits + shift <= 18)
            {
                mantissa *= (ulong)Pow10[shift];
                if (mantissa <= (ulong)maxAbs)
                {
                    allowedDecimals = scale;
                    value = negative ? -(long)mantissa : (long)mantissa;
                    return NumberStatus.Ok;
                }
            }
        }

    General:
        var status = ScanScaled(text, scale, options, maxAbs, out value, out allowedDecimals);
        if (status == NumberStatus.Invalid && HasNonAscii(text))
        {
            var normalised = Normalise(text);
            if (normalised is not null)
            {
                status = ScanScaled(normalised, scale, options, maxAbs, out value, out allowedDecimals);
            }
        }

        return status;
    }

    /// <summary>Parses a decimal with at most <paramref name="maxDecimals"/> places (after the unit is applied).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static NumberStatus ParseDecimal(ReadOnlySpan<byte> text, int maxDecimals, NumberOptions options, decimal maxAbs, out decimal value)
    {
        // Most fields are plain "digits(.digits)?" within the allowed places: the mantissa and the places as written
        // are exactly what the full grammar gives them.
        var n = text.Length;
        if ((uint)(n - 1) < 18)
        {
            ref var r = ref MemoryMarshal.GetReference(text);
            ulong mantissa = 0;
            var i = 0;
            uint d;
            while (i < n && (d = (uint)(Unsafe.Add(ref r, i) - '0')) <= 9)
            {
                mantissa = (mantissa * 10) + d;
                i++;
            }

            var places = 0;
            if (i > 0 && i < n && Unsafe.Add(ref r, i) == (byte)'.')
            {
                var dot = ++i;
                while (i < n && (d = (uint)(Unsafe.Add(ref r, i) - '0')) <= 9)
                {
                    mantissa = (mantissa * 10) + d;
                    i++;
                }

                places = i - dot;
                if (places == 0)
                {
                    i = -1;
                }
            }

            if (i == n && places <= maxDecimals)
            {
                var result = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, false, (byte)places);
                if (result <= maxAbs)
                {
                    value = result;
                    return NumberStatus.Ok;
                }
            }
        }

        var status = ScanDecimal(text, maxDecimals, options, maxAbs, out value);
        if (status == NumberStatus.Invalid && HasNonAscii(text))
        {
            var normalised = Normalise(text);
            if (normalised is not null)
            {
                status = ScanDecimal(normalised, maxDecimals, options, maxAbs, out value);
            }
        }

        return status;
    }

    /// <summary>Whether any byte is outside ASCII.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool HasNonAscii(ReadOnlySpan<byte> text) => !System.Text.Ascii.IsValid(text);

    /// <summary>NFKC-normalised and trimmed UTF-8, or null when the bytes are not valid UTF-8.</summary>
    public static byte[]? Normalise(ReadOnlySpan<byte> text)
    {
        if (!System.Text.Unicode.Utf8.IsValid(text))
        {
            return null;
        }

        var s = Encoding.UTF8.GetString(text).Normalize(NormalizationForm.FormKC).Trim();
        return Encoding.UTF8.GetBytes(s);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static NumberStatus ScanScaled(ReadOnlySpan<byte> s, int scale, NumberOptions options, long maxAbs, out long value, out int allowedDecimals)
    {
        value = 0;
        var status = Scan(s, options, out var negative, out var mantissa, out var fraction, out var exponent, out var overflow);
        allowedDecimals = scale + exponent;
        if (status != NumberStatus.Ok)
        {
            return status;
        }

        if (negative && mantissa != 0 && (options & NumberOptions.AllowNegative) == 0)
        {
            return NumberStatus.Negative;
        }

        if (overflow)
        {
            return NumberStatus.OutOfRange;
        }

        var shift = scale + exponent - fraction;
        ulong magnitude;
        if (shift >= 0)
        {
            if (shift >= Pow10.Length)
            {
                if (mantissa != 0)
                {
                    return NumberStatus.OutOfRange;
                }

                magnitude = 0;
            }
            else
            {
                var factor = (ulong)Pow10[shift];
                if (mantissa != 0 && mantissa > ulong.MaxValue / factor)
                {
                    return NumberStatus.OutOfRange;
                }

                magnitude = mantissa * factor;
            }
        }
        else
        {
            if (-shift >= Pow10.Length)
            {
                if (mantissa != 0)
                {
                    return NumberStatus.TooManyDecimals;
                }

                magnitude = 0;
            }
            else
            {
                var divisor = (ulong)Pow10[-shift];
                if (mantissa % divisor != 0)
                {
                    return NumberStatus.TooManyDecimals;
                }

                magnitude = mantissa / divisor;
            }
        }

        if (magnitude > (ulong)maxAbs)
        {
            return NumberStatus.OutOfRange;
        }

        value = negative ? -(long)magnitude : (long)magnitude;
        return NumberStatus.Ok;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static NumberStatus ScanDecimal(ReadOnlySpan<byte> s, int maxDecimals, NumberOptions options, decimal maxAbs, out decimal value)
    {
        value = 0m;
        var status = Scan(s, options, out var negative, out var mantissa, out var fraction, out var exponent, out var overflow);
        if (status != NumberStatus.Ok)
        {
            return status;
        }

        if (negative && mantissa != 0 && (options & NumberOptions.AllowNegative) == 0)
        {
            return NumberStatus.Negative;
        }

        if (overflow)
        {
            return NumberStatus.OutOfRange;
        }

        // Places after applying the unit: 12.5万 has -3, 50% has 2.
        var places = fraction - exponent;
        while (places > maxDecimals && mantissa % 10 == 0 && places > 0)
        {
            mantissa /= 10;
            places--;
        }

        if (places > maxDecimals)
        {
            return NumberStatus.TooManyDecimals;
        }

        decimal result;
        if (places >= 0)
        {
            result = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, false, (byte)places);
        }
        else
        {
            result = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, false, 0) * Pow10[-places];
        }

        if (result > maxAbs)
        {
            return NumberStatus.OutOfRange;
        }

        value = negative ? -result : result;
        return NumberStatus.Ok;
    }

    /// <summary>The grammar: sign, optional ¥, digits with optional groups of three, fraction, unit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static NumberStatus Scan(ReadOnlySpan<byte> s, NumberOptions options, out bool negative, out ulong mantissa, out int fraction, out int exponent, out bool overflow)
    {
        negative = false;
        mantissa = 0;
        fraction = 0;
        exponent = 0;
        overflow = false;
        if (s.IsEmpty)
        {
            return NumberStatus.Empty;
        }

        var i = 0;
        var n = s.Length;
        if (s[0] == (byte)'-')
        {
            negative = true;
            i = 1;
        }

        if ((options & NumberOptions.MoneyUnits) != 0 && s[i..].StartsWith(Yen))
        {
            i += Yen.Length;
        }

        const ulong limit = (ulong.MaxValue - 9) / 10;
        var integerDigits = 0;
        var group = 0;
        var grouped = false;
        while (i < n)
        {
            var c = s[i];
            var d = (uint)(c - '0');
            if (d <= 9)
            {
                if (mantissa > limit)
                {
                    overflow = true;
                }
                else
                {
                    mantissa = (mantissa * 10) + d;
                }

                integerDigits++;
                group++;
                i++;
            }
            else if (c == (byte)',')
            {
                if (group == 0 || (grouped ? group != 3 : group > 3))
                {
                    return NumberStatus.Invalid;
                }

                grouped = true;
                group = 0;
                i++;
            }
            else
            {
                break;
            }
        }

        if (integerDigits == 0 || (grouped && group != 3))
        {
            return NumberStatus.Invalid;
        }

        if (i < n && s[i] == (byte)'.')
        {
            i++;
            while (i < n)
            {
                var d = (uint)(s[i] - '0');
                if (d > 9)
                {
                    break;
                }

                if (mantissa > limit)
                {
                    overflow = true;
                }
                else
                {
                    mantissa = (mantissa * 10) + d;
                }

                fraction++;
                i++;
            }

            if (fraction == 0)
            {
                return NumberStatus.Invalid;
            }
        }

        if (i == n)
        {
            return NumberStatus.Ok;
        }

        var rest = s[i..];
        if ((options & NumberOptions.MoneyUnits) != 0)
        {
            if (rest.SequenceEqual(Yuan))
            {
                return NumberStatus.Ok;
            }

            if (rest.StartsWith(Wan) && (rest.Length == Wan.Length || rest[Wan.Length..].SequenceEqual(Yuan)))
            {
                exponent = 4;
                return NumberStatus.Ok;
            }
        }

        if ((options & NumberOptions.Percent) != 0 && rest.Length == 1 && rest[0] == (byte)'%')
        {
            exponent = -2;
            return NumberStatus.Ok;
        }

        return NumberStatus.Invalid;
    }
}
