using System.Globalization;
using System.Text;

namespace Jixiao.Domain.Data;

/// <summary>How a date typed or sent by a user reads (<see cref="RecordDates.Parse"/>).</summary>
public enum DateInput
{
    /// <summary>Nothing given.</summary>
    Empty,

    /// <summary>A date within <see cref="RecordDates.Earliest"/> … <see cref="RecordDates.Latest"/>.</summary>
    Ok,

    /// <summary>Not a calendar date written yyyy-MM-dd.</summary>
    Invalid,

    /// <summary>A calendar date outside <see cref="RecordDates.Earliest"/> … <see cref="RecordDates.Latest"/>.</summary>
    OutOfRange,
}

/// <summary>
/// The one rule for the dates a record carries (hire, probation end, leave, effective and appointment dates, and every
/// date in an uploaded file): written yyyy-MM-dd (full-width digits accepted) and within 1900-01-01 … 2100-12-31.
/// The API, the pages, the organisation service and the CSV/Excel loader all apply it, so a date one path stores is
/// one every other path reads (a stored 0001-01-01 once broke every later upload).
/// </summary>
public static class RecordDates
{
    /// <summary>The earliest date a record may carry.</summary>
    public static DateOnly Earliest { get; } = new(1900, 1, 1);

    /// <summary>The latest date a record may carry.</summary>
    public static DateOnly Latest { get; } = new(2100, 12, 31);

    /// <summary>Whether <paramref name="date"/> is within <see cref="Earliest"/> … <see cref="Latest"/>.</summary>
    public static bool Contains(DateOnly date) => date >= Earliest && date <= Latest;

    /// <summary>Whether a year is within the range's years (every date of it is).</summary>
    public static bool ContainsYear(int year) => year >= Earliest.Year && year <= Latest.Year;

    /// <summary><see cref="Earliest"/> and <see cref="Latest"/> as yyyy-MM-dd, for messages.</summary>
    public static (string Earliest, string Latest) Bounds => (Text(Earliest), Text(Latest));

    /// <summary>Reads <paramref name="text"/> (trimmed; NFKC, so full-width digits and hyphens work).</summary>
    public static DateInput Parse(string? text, out DateOnly date)
    {
        date = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return DateInput.Empty;
        }

        var t = text.Trim();
        if (!t.IsNormalized(NormalizationForm.FormKC))
        {
            t = t.Normalize(NormalizationForm.FormKC);
        }

        if (!DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return DateInput.Invalid;
        }

        return Contains(date) ? DateInput.Ok : DateInput.OutOfRange;
    }

    /// <summary>A date as yyyy-MM-dd.</summary>
    public static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
