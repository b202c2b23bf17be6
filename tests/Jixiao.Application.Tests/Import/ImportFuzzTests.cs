using System.Globalization;
using System.Text;
using CsCheck;
using Jixiao.Application.Excel;
using Jixiao.Application.Import;
using Jixiao.Application.Tests.Excel;
using Jixiao.TestSupport;

namespace Jixiao.Application.Tests.Import;

/// <summary>
/// Malformed uploads, generated: CSV text and bytes, worksheet XML and damaged workbooks go through the upload path
/// (workbook conversion, the loader with the upload limits). Every input is answered with a dataset or with located
/// errors that read well in each language, never a throw; a dataset only holds texts its columns can store.
/// Short by default; JIXIAO_FUZZ_SECONDS=N for a long run.
/// </summary>
public sealed class ImportFuzzTests
{
    private static readonly CultureInfo[] Cultures = [CultureInfo.GetCultureInfo("zh-CN"), CultureInfo.GetCultureInfo("en"), CultureInfo.GetCultureInfo("zh-TW")];

    private static readonly LoadOptions Upload = LoadOptions.Default with
    {
        MaxRows = 50,
        MaxRowsFiles = new HashSet<string> { "sales.csv" },
        MaxFieldChars = ImportLimits.Default.MaxFieldChars,
    };

    /// <summary>Field values: valid ones and the nasty ones (bad dates and numbers, quotes, line breaks, bad UTF-8, long texts).</summary>
    private static readonly string[] Values =
    [
        "S1", "S2", "E3", "E9", "suv", "2026-01-05", "2026-02-30", "2026-13-01", "26-1-5", "", " ", "1", "0", "-0", "1e30", "１２", "1,234.5", "12.5万",
        "NaN", "9999999999999999999999999999", "0.001", "\"a,b\"", "\"a\"\"b\"", "\"unterminated", "a\"b", "\r", "\n", "\r\n", "\t", "\uFEFF", "中文",
        "\0", new string('x', 201), new string('长', 65), "=cmd|' /C calc'!A0", "@SUM(A1)",
    ];

    private static readonly Gen<string> Record = Gen.Int[0, Values.Length - 1].Array[0, 12].Select(ix => string.Join(',', ix.Select(i => Values[i])));

    private static readonly Gen<string> Csv = Gen.Select(Gen.Bool, Record.Array[0, 8], Gen.OneOf("\n", "\r\n"), (bom, records, eol) =>
        (bom ? "\uFEFF" : string.Empty) + "id,employee,date,customer,product,units,amount" + eol + string.Join(eol, records) + eol);

    /// <summary>Valid CSV bytes with a few bytes replaced by arbitrary ones (invalid UTF-8, NUL, quotes, line breaks).</summary>
    private static readonly Gen<byte[]> CsvBytes = Gen.Select(Csv, Gen.Int[0, 1000].Array[1, 4], Gen.Byte.Array[4], (text, at, bytes) =>
    {
        var b = Encoding.UTF8.GetBytes(text);
        for (var k = 0; k < at.Length && b.Length > 0; k++)
        {
            b[at[k] % b.Length] = bytes[k];
        }

        return b;
    });

    private static readonly string[] RowNumbers = ["", " r=\"2\"", " r=\"3\"", " r=\"2\"", " r=\"1048576\"", " r=\"1048577\"", " r=\"2147483647\"", " r=\"-1\"", " r=\"x\""];

    private static readonly string[] References = ["", "A{0}", "B{0}", "F{0}", "a{0}", "XFD{0}", "XFE{0}", "FXSHRXW{0}", "A0", "{0}", "CW{0}"];

    private static readonly string[] Types = ["", " t=\"s\"", " t=\"str\"", " t=\"inlineStr\"", " t=\"n\"", " t=\"b\"", " t=\"e\"", " t=\"d\"", " t=\"zz\""];

    private static readonly string[] Contents =
    [
        "", "<v>1</v>", "<v>0</v>", "<v>-1</v>", "<v>99999</v>", "<v>46037</v>", "<v>1e308</v>", "<v>NaN</v>", "<v>#N/A</v>", "<v>S1</v>", "<v>E3</v>",
        "<f>A1*2</f>", "<f>A1</f><v>2</v>", "<is><t>S1</t></is>", "<is><r><t>E</t></r><r><t>3</t></r></is>", "<is><t>" + new string('x', 4001) + "</t></is>",
        "<v>2026-01-05</v>", "<is><t xml:space=\"preserve\"> a,\"b\"\n</t></is>",
    ];

    private static readonly Gen<string> Cell = Gen.Select(Gen.Int[0, References.Length - 1], Gen.Int[0, Types.Length - 1], Gen.Int[0, 4], Gen.Int[0, Contents.Length - 1],
        (r, t, s, c) => $"<c{(References[r].Length == 0 ? "" : $" r=\"{References[r]}\"")}{Types[t]}{(s == 0 ? "" : $" s=\"{s}\"")}>{Contents[c]}</c>");

    private static readonly Gen<string> SheetData = Gen.Select(Gen.Int[0, RowNumbers.Length - 1], Cell.Array[0, 8])
        .Array[0, 8]
        .Select(rows => HostileWorkbooks.Header + string.Concat(rows.Select((row, i) =>
        {
            var number = RowNumbers[row.Item1];
            var n = number.Length == 0 ? (i + 2).ToString(CultureInfo.InvariantCulture) : number.Split('"')[1];
            return $"<row{number}>{string.Concat(row.Item2.Select(c => c.Replace("{0}", n, StringComparison.Ordinal)))}</row>";
        })));

    private static readonly Gen<string?> Merges = Gen.OneOf<string?>(null, "<mergeCells><mergeCell ref=\"A2:B2\"/></mergeCells>", "<mergeCells><mergeCell ref=\"ZZZZ9:A\"/></mergeCells>");

    private static void AssertAnswered(IReadOnlyList<DataError> errors, DataLoadResult? loaded)
    {
        foreach (var e in errors)
        {
            Assert.True(e.Line >= 0 && e.Column >= 0, e.ToString());
            Assert.True(e.Column == 0 || e.ColumnLabel is null || e.ColumnLabel.All(char.IsAsciiLetterUpper), e.ToString());
            foreach (var culture in Cultures)
            {
                var message = (e with { File = "upload" }).Format(culture);
                Assert.DoesNotContain("{0}", message, StringComparison.Ordinal);
                Assert.DoesNotContain(e.Code.ToString(), message, StringComparison.Ordinal);
            }
        }

        if (loaded?.Dataset is { } d && d.Sales is { } sales)
        {
            // What an import would store fits its columns.
            for (var i = 0; i < sales.Count; i++)
            {
                Assert.True(sales.Id[i].Length is > 0 and <= 200 && sales.Customer[i].Length <= 200 && !sales.Customer[i].Contains('\0', StringComparison.Ordinal));
            }
        }
    }

    private static void LoadCsv(byte[] bytes)
    {
        using var dir = new DataDirectory();
        dir.WriteBytes("sales.csv", bytes);
        var loaded = DataDirectoryLoader.Load(dir.Path, Upload);
        AssertAnswered(loaded.Errors, loaded);
    }

    private static void LoadWorkbook(byte[] workbook)
    {
        using var dir = new DataDirectory();
        XlsxUpload upload;
        using (var csv = new StreamWriter(Path.Combine(dir.Path, "sales.csv"), false, new UTF8Encoding(false)))
        {
            upload = XlsxUpload.Convert(new MemoryStream(workbook, writable: false), "s.xlsx", TableSchemas.Sales, ImportLimits.Default with { MaxRows = 50 }, csv);
        }

        if (!upload.Converted)
        {
            Assert.NotEmpty(upload.Errors);
            AssertAnswered(upload.Errors, null);
            return;
        }

        var loaded = DataDirectoryLoader.Load(dir.Path, Upload);
        AssertAnswered(upload.MergeErrors(loaded.Errors), loaded);
    }

    [Fact]
    public void Load_WhenCsvIsMalformed_ThenDatasetOrLocatedErrors() =>
        Csv.Sample(text => LoadCsv(Encoding.UTF8.GetBytes(text)), seed: Fuzz.Seed, iter: Fuzz.Iter(300), time: Fuzz.Time, threads: 1);

    [Fact]
    public void Load_WhenCsvBytesAreDamaged_ThenDatasetOrLocatedErrors() =>
        CsvBytes.Sample(LoadCsv, seed: Fuzz.Seed, iter: Fuzz.Iter(300), time: Fuzz.Time, threads: 1);

    [Fact]
    public void Convert_WhenWorksheetXmlIsMalformed_ThenDatasetOrLocatedErrors() =>
        Gen.Select(SheetData, Merges).Sample((data, merges) =>
            LoadWorkbook(HostileWorkbooks.Sheet(data, merges, "<si><t>S1</t></si><si><t>E3</t></si>")),
            seed: Fuzz.Seed, iter: Fuzz.Iter(300), time: Fuzz.Time, threads: 1);

    [Fact]
    public void Convert_WhenWorkbookBytesAreDamaged_ThenInvalidWorkbookOrLocatedErrors()
    {
        var valid = HostileWorkbooks.Sheet(HostileWorkbooks.Header + HostileWorkbooks.DataRow(2), null, "<si><t>S1</t></si>");
        Gen.Select(Gen.Int[0, valid.Length - 1].Array[1, 8], Gen.Byte.Array[8], Gen.Int[0, valid.Length]).Sample((at, bytes, cut) =>
        {
            var b = (byte[])valid.Clone();
            for (var k = 0; k < at.Length; k++)
            {
                b[at[k]] = bytes[k];
            }

            LoadWorkbook(b[..Math.Max(cut, 4)]);
        }, seed: Fuzz.Seed, iter: Fuzz.Iter(500), time: Fuzz.Time, threads: 1);
    }
}
