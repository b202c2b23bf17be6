using System.Globalization;
using System.Text;

namespace Jixiao.Crash.Tests;

/// <summary>
/// A large sales file built once per test run: <see cref="Rows"/> rows for the demo's salespeople P01–P27, dated in one
/// month, whose ids all start with a fixed-width mark (<c>K0000-</c>). <see cref="For"/> gives the file of upload number
/// <c>n</c> by writing <c>n</c> into every id's mark (a copy and a few bytes per row, not a new file), so each upload
/// inserts only new rows and the rows of each one can be counted by their prefix.
/// </summary>
public sealed class BigUpload
{
    private const int MarkDigits = 4;

    private readonly byte[] _template;
    private readonly int[] _marks;

    public BigUpload(int rows, string month, int seed)
    {
        Rows = rows;
        var random = new Random(seed);
        var text = new StringBuilder(rows * 72);
        text.Append("id,employee,date,customer,product,units,amount,cost,contract,contract_signed\n");
        string[] products = ["sedan", "suv", "mpv", "ev"];
        for (var i = 0; i < rows; i++)
        {
            var amount = random.Next(100_000, 300_000);
            text.Append(CultureInfo.InvariantCulture, $"K{new string('0', MarkDigits)}-{i},P{random.Next(1, 28):00},{month}-{random.Next(1, 29):00},");
            text.Append(CultureInfo.InvariantCulture, $"客户{i % 997},{products[i % 4]},1,{amount},{amount - random.Next(1_000, 20_000)},,\n");
        }

        _template = Encoding.UTF8.GetBytes(text.ToString());
        // Each row's mark follows the "K" that starts its line (the header is the first line).
        _marks = new int[rows];
        var row = 0;
        for (var b = 0; b < _template.Length && row < rows; b++)
        {
            if (_template[b] == (byte)'\n' && b + 1 < _template.Length)
            {
                _marks[row++] = b + 2;
            }
        }
    }

    public int Rows { get; }

    public int Bytes => _template.Length;

    /// <summary>The id prefix of upload <paramref name="n"/>'s rows.</summary>
    public static string Prefix(int n) => "K" + n.ToString("D" + MarkDigits, CultureInfo.InvariantCulture) + "-";

    /// <summary>The file of upload <paramref name="n"/> (0–9999): the template with <see cref="Prefix"/>(n) in every id.</summary>
    public byte[] For(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, 9999);
        var file = (byte[])_template.Clone();
        var digits = Encoding.ASCII.GetBytes(n.ToString("D" + MarkDigits, CultureInfo.InvariantCulture));
        foreach (var at in _marks)
        {
            digits.CopyTo(file, at);
        }

        return file;
    }
}
