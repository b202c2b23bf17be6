using System.Globalization;
using System.Text;

namespace Jixiao.Application.Import;

/// <summary>Writes RFC 4180 CSV that the data directory loader reads back exactly.</summary>
internal sealed class CsvText
{
    private readonly StringBuilder _text = new();

    public CsvText(params string[] header) => Row(header);

    public CsvText Row(params string?[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                _text.Append(',');
            }

            var f = fields[i] ?? string.Empty;
            if (f.AsSpan().IndexOfAny(",\"\r\n") >= 0 || f.Trim() != f)
            {
                _text.Append('"').Append(f.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                _text.Append(f);
            }
        }

        _text.Append('\n');
        return this;
    }

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;

    public static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    public override string ToString() => _text.ToString();
}
