using System.Globalization;
using System.IO.Compression;
using System.Text;
using Jixiao.Application.Excel;
using Jixiao.Application.Import;
using Jixiao.TestSupport;
using Xunit.Abstractions;
using static Jixiao.Application.Tests.Excel.HostileWorkbooks;

namespace Jixiao.Application.Tests.Excel;

/// <summary>The hostile workbooks of issue 9: each is refused with a located reason in the user's language, within bounded memory.</summary>
public sealed class XlsxLimitsTests
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    private static XlsxUpload Convert(byte[] workbook, ImportLimits? limits = null)
    {
        using var csv = new StringWriter(CultureInfo.InvariantCulture);
        return XlsxUpload.Convert(new MemoryStream(workbook, writable: false), "s.xlsx", TableSchemas.Sales, limits ?? ImportLimits.Default, csv);
    }

    private static DataError Refused(byte[] workbook, ImportLimits? limits = null)
    {
        var upload = Convert(workbook, limits);
        Assert.False(upload.Converted);
        return Assert.Single(upload.Errors);
    }

    [Fact]
    public void Convert_WhenARowIsNumbered2147483647_ThenInvalidRowNumberWithoutMakingTheRowsBetween()
    {
        // 1.2 KB that grew the server from 1.7 to 6 GB: every missing row became a blank CSV line.
        var error = Refused(Sheet(Header + DataRow(2) + DataRow(2147483647)));

        Assert.Equal(DataErrorCode.InvalidRowNumber, error.Code);
        Assert.Equal("s.xlsx：行号 2147483647 无效：行号须按顺序从 1 到 1,048,576；文件已损坏，请在 Excel 中重新保存", error.Format(Zh));
        Assert.Equal("s.xlsx: row number 2147483647 is not valid: rows are numbered in order from 1 to 1,048,576; the file is damaged, save it again in Excel",
            error.Format(En));
    }

    [Fact]
    public void Convert_WhenRowsOutOfOrder_ThenInvalidRowNumber()
    {
        Assert.Equal(DataErrorCode.InvalidRowNumber, Refused(Sheet(Header + DataRow(5) + DataRow(3))).Code);
        Assert.Equal(DataErrorCode.InvalidRowNumber, Refused(Sheet(Header + "<row r=\"-2\"/>")).Code);
    }

    [Fact]
    public void Convert_WhenRowsFarApart_ThenOnlyRowsWithDataAndErrorsAtTheExcelRow()
    {
        var upload = XlsxUpload.Convert(Sheet(Header + DataRow(2) + DataRow(1_048_576).Replace(">100<", ">abc<", StringComparison.Ordinal)), "s.xlsx", TableSchemas.Sales);

        Assert.True(upload.Converted);
        Assert.Equal(3, upload.Csv!.Count(c => c == '\n'));
        var dir = Directory.CreateTempSubdirectory("jixiao-xlsx-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "org_units.csv"), "id,name,parent\nHQ,总部,\n");
            File.WriteAllText(Path.Combine(dir.FullName, "employees.csv"), "id,name,org_unit,position,hire_date\nE1,张三,HQ,sales,2020-01-01\n");
            File.WriteAllText(Path.Combine(dir.FullName, "sales.csv"), upload.Csv);
            var error = Assert.Single(upload.MergeErrors(DataDirectoryLoader.Load(dir.FullName).Errors));
            Assert.Equal((1_048_576, "F", DataErrorCode.InvalidNumber), (error.Line, error.ColumnLabel, error.Code));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("FXSHRXW2")]
    [InlineData("XFE2")]
    [InlineData("A0")]
    [InlineData("A1048577")]
    [InlineData("A3")]
    [InlineData("2A")]
    [InlineData("A2x")]
    public void Convert_WhenCellReferenceIsNotExcels_ThenInvalidCellReferenceAtTheRow(string reference)
    {
        var error = Refused(Sheet(Header + $"<row r=\"2\"><c r=\"{reference}\" t=\"inlineStr\"><is><t>x</t></is></c></row>"));

        Assert.Equal((DataErrorCode.InvalidCellReference, 2, 0), (error.Code, error.Line, error.Column));
        Assert.Equal($"s.xlsx:2：单元格引用 '{reference}' 无效（列 A 至 XFD，行 1 至 1,048,576）；文件已损坏，请在 Excel 中重新保存", error.Format(Zh));
    }

    [Fact]
    public void Convert_WhenCellsRepeatAColumn_ThenInvalidCellReference() =>
        Assert.Equal(DataErrorCode.InvalidCellReference, Refused(Sheet(Header + "<row r=\"2\"><c r=\"B2\"><v>1</v></c><c r=\"A2\"><v>2</v></c></row>")).Code);

    [Fact]
    public void Convert_WhenAValueIsBeyondMaxColumns_ThenTooManyColumnsAtTheCell()
    {
        var error = Refused(Sheet(Header + "<row r=\"2\"><c r=\"CV2\"><v>1</v></c><c r=\"CW2\"><v>1</v></c></row>"));

        Assert.Equal((DataErrorCode.TooManyColumns, 2, 101, "CW"), (error.Code, error.Line, error.Column, error.ColumnLabel));
        Assert.Equal("s.xlsx:2:CW: more than 100 columns: a data file has at most 100", error.Format(En));

        // Formatting far to the right (empty styled cells) is not data.
        Assert.True(Convert(Sheet(Header + "<row r=\"2\"><c r=\"XFD2\" s=\"1\"/></row>")).Converted);
    }

    [Theory]
    [InlineData("99999")]
    [InlineData("-1")]
    [InlineData("1e3")]
    public void Convert_WhenSharedStringIndexIsMissing_ThenErrorAtTheCellNotA500(string index)
    {
        var upload = Convert(Sheet(Header + $"<row r=\"2\"><c r=\"A2\" t=\"s\"><v>{index}</v></c></row>", sharedStrings: "<si><t>S1</t></si>"));

        Assert.True(upload.Converted);
        var error = Assert.Single(upload.Errors);
        Assert.Equal((DataErrorCode.SharedStringMissing, 2, "A"), (error.Code, error.Line, error.ColumnLabel));
        Assert.Equal($"s.xlsx:2:A (id): the cell refers to shared text number {index}, which the workbook does not have; the file is damaged, save it again in Excel",
            error.Format(En));
    }

    [Fact]
    public void Convert_WhenACellIsLongerThanMaxFieldChars_ThenFieldTooLongAtTheCell()
    {
        var cell = (int n) => Sheet(Header + $"<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>{new string('中', n)}</t></is></c></row>");

        Assert.Empty(Convert(cell(4_000)).Errors);
        var upload = Convert(cell(4_001));
        Assert.True(upload.Converted);
        var error = Assert.Single(upload.Errors);
        Assert.Equal("s.xlsx:2:B（employee）：值超过允许的 4000 个字符", error.Format(Zh));

        var shared = Convert(Sheet(Header + "<row r=\"2\"><c r=\"B2\" t=\"s\"><v>0</v></c></row>", sharedStrings: $"<si><t>{new string('x', 4_001)}</t></si>"));
        Assert.Equal((DataErrorCode.FieldTooLong, 2, "B"), (shared.Errors[0].Code, shared.Errors[0].Line, shared.Errors[0].ColumnLabel));
    }

    [Fact]
    public void Convert_WhenSharedStringsPassTheirBudget_ThenWorkbookTooLarge()
    {
        var strings = string.Concat(Enumerable.Repeat("<si><t>" + new string('s', 1000) + "</t></si>", 1_500));

        var error = Refused(Sheet(Header, sharedStrings: strings), ImportLimits.Default with { MaxXlsxSharedStringsMegabytes = 1 });

        Assert.Equal(DataErrorCode.WorkbookTooLarge, error.Code);
        Assert.Equal(["1", "xl/sharedStrings.xml"], error.Arguments);
    }

    [Fact]
    public void Convert_WhenMoreRowsThanMaxRows_ThenTooManyRowsAtTheFirstRowBeyond()
    {
        var rows = Header + string.Concat(new[] { 2, 3, 7, 9, 12 }.Select(DataRow));

        var error = Refused(Sheet(rows), ImportLimits.Default with { MaxRows = 3 });

        Assert.Equal((DataErrorCode.TooManyRows, 9), (error.Code, error.Line));
        Assert.Equal("s.xlsx:9: more than 3 rows: upload at most 3 rows per file (split it into several files)", error.Format(En));
        Assert.True(Convert(Sheet(Header + string.Concat(new[] { 2, 3, 7 }.Select(DataRow))), ImportLimits.Default with { MaxRows = 3 }).Converted);
    }

    [Fact]
    public void Convert_WhenRowsUnpackBeyondThePartLimit_ThenWorkbookTooLargeCountedWhileInflating()
    {
        // About 20 MB of rows, without row numbers, in a zip of tens of KB.
        var unit = "<row><c t=\"inlineStr\"><is><t>S1</t></is></c><c t=\"inlineStr\"><is><t>E1</t></is></c></row>";
        var bomb = Repeated(Header, unit, 20L * (1 << 20) / unit.Length);
        Assert.True(bomb.Length < 200_000, $"{bomb.Length} bytes");

        var error = Refused(bomb, ImportLimits.Default with { MaxXlsxPartMegabytes = 8, MaxRows = int.MaxValue - 1 });

        Assert.Equal(DataErrorCode.WorkbookTooLarge, error.Code);
        Assert.Equal("s.xlsx: the workbook unpacks to more than 8 MB (xl/worksheets/sheet1.xml); such files are refused (protection against zip bombs): save it again in Excel or upload CSV",
            error.Format(En));
    }

    [Fact]
    public void Convert_WhenTheZipUnderstatesASize_ThenRefusedNotReadBeyondIt()
    {
        // The sizes in the headers are not what bounds the reading (the counting stream is), but .NET does not inflate
        // an entry past its declared size either: the XML ends early, the file is damaged.
        var unit = "<row><c t=\"inlineStr\"><is><t>S1</t></is></c></row>";
        var bomb = Repeated(Header, unit, 20L * (1 << 20) / unit.Length);

        var error = Refused(UnderstateSizes(bomb, "xl/worksheets/sheet1.xml", 1_000));

        Assert.Equal(DataErrorCode.InvalidWorkbook, error.Code);
    }

    [Fact]
    public void Convert_WhenPartsTogetherPassTheTotal_ThenWorkbookTooLarge()
    {
        var strings = string.Concat(Enumerable.Repeat("<si><t>" + new string('s', 1000) + "</t></si>", 6_000));
        var unit = "<row><c t=\"s\"><v>0</v></c></row>";

        var error = Refused(Repeated(Header, unit, 6L * (1 << 20) / unit.Length, sharedStrings: strings),
            ImportLimits.Default with { MaxXlsxPartMegabytes = 8, MaxXlsxTotalMegabytes = 10, MaxRows = int.MaxValue - 1 });

        Assert.Equal(DataErrorCode.WorkbookTooLarge, error.Code);
        Assert.Equal(["10", "xl/worksheets/sheet1.xml"], error.Arguments);
    }

    [Fact]
    public void Convert_WhenTheArchiveHasTooManyEntries_ThenInvalidWorkbook()
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i <= XlsxPackage.MaxEntries; i++)
            {
                zip.CreateEntry($"x/{i}");
            }
        }

        Assert.Equal(DataErrorCode.InvalidWorkbook, Refused(ms.ToArray()).Code);
    }

    [Fact]
    public void Convert_WhenTheSheetDeclaresADtd_ThenInvalidWorkbookWithoutExpandingEntities()
    {
        var laughs = new StringBuilder("<!DOCTYPE worksheet [<!ENTITY l0 \"lol\">");
        for (var i = 1; i < 10; i++)
        {
            laughs.Append(CultureInfo.InvariantCulture, $"<!ENTITY l{i} \"{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}\">");
        }

        laughs.Append("]>");
        var book = Build(s => Write(s, Header + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>&l9;</t></is></c></row>"));
        var withDtd = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Unzip(book, "xl/worksheets/sheet1.xml"))
            .Replace("<worksheet", laughs + "<worksheet", StringComparison.Ordinal));

        Assert.Equal(DataErrorCode.InvalidWorkbook, Refused(Rezip(book, "xl/worksheets/sheet1.xml", withDtd)).Code);
    }

    [Fact]
    public void Convert_WhenNumberCellsAreNotFinite_ThenTextTheLoaderRejects()
    {
        var upload = XlsxUpload.Convert(Sheet(Header + "<row r=\"2\"><c r=\"C2\" s=\"3\"><v>NaN</v></c><c r=\"F2\"><v>1e400</v></c></row>"), "s.xlsx", TableSchemas.Sales);

        Assert.True(upload.Converted);
        Assert.Equal(",,NaN,,,1e400", upload.Csv!.Split('\n')[1]);
    }

    internal static byte[] Unzip(byte[] zip, string name)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var s = archive.GetEntry(name)!.Open();
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }

    internal static byte[] Rezip(byte[] zip, string name, byte[] content)
    {
        using var ms = new MemoryStream();
        ms.Write(zip);
        using (var archive = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
        {
            archive.GetEntry(name)!.Delete();
            using var s = archive.CreateEntry(name).Open();
            s.Write(content);
        }

        return ms.ToArray();
    }

    /// <summary>Rewrites the uncompressed size of <paramref name="name"/> in its local and central headers.</summary>
    private static byte[] UnderstateSizes(byte[] zip, string name, uint size)
    {
        var bytes = (byte[])zip.Clone();
        var nameBytes = Encoding.UTF8.GetBytes(name);
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var signature = BitConverter.ToUInt32(bytes, i);
            if (signature == 0x04034b50 && bytes.AsSpan(i + 30, nameBytes.Length).SequenceEqual(nameBytes))
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 22), size);
            }
            else if (signature == 0x02014b50 && bytes.AsSpan(i + 46, nameBytes.Length).SequenceEqual(nameBytes))
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i + 24), size);
            }
        }

        return bytes;
    }
}

/// <summary>Zip bombs with the default limits: refused, and the memory they take stays small.</summary>
[Collection(MemoryCollection.Name)]
public sealed class XlsxBombMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public void Convert_WhenOneCellUnpacksTo256MB_ThenFieldTooLongWithinAFewMB()
    {
        // Issue 9: a 2 MB bomb of one text cell died with OutOfMemory at 4.35 GB.
        var bomb = Repeated(Header + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>", new string('a', 4096), 65_536, "</t></is></c></row>");
        DataError? error = null;

        var (peak, allocated) = PeakMemory.Measure(() =>
        {
            using var csv = new StringWriter(CultureInfo.InvariantCulture);
            error = Assert.Single(XlsxUpload.Convert(new MemoryStream(bomb, false), "s.xlsx", TableSchemas.Sales, ImportLimits.Default, csv).Errors);
            return Task.CompletedTask;
        });

        output.WriteLine($"cell bomb {bomb.Length:N0} bytes: peak growth {PeakMemory.Mb(peak)}, allocated {PeakMemory.Mb(allocated)}");
        Assert.Equal((DataErrorCode.FieldTooLong, 2, "A"), (error!.Code, error.Line, error.ColumnLabel));
        Assert.True(peak < 32L << 20, $"peak growth {PeakMemory.Mb(peak)}");
        Assert.True(allocated < 32L << 20, $"allocated {PeakMemory.Mb(allocated)}");
    }

    [Fact]
    public void Convert_WhenRowsUnpackTo200MB_ThenRefusedWithinBoundedMemory()
    {
        // Issue 9: a 12.5 MB bomb of rows reached 6 GB. 200 MB of rows here: refused at the million rows limit, before the 300 MB part limit.
        var unit = "<row><c t=\"inlineStr\"><is><t>S1</t></is></c><c t=\"inlineStr\"><is><t>E1</t></is></c><c><v>1</v></c></row>";
        var bomb = Repeated(Header, unit, (200L << 20) / unit.Length);
        DataError? error = null;

        var (peak, allocated) = PeakMemory.Measure(() =>
        {
            error = Assert.Single(XlsxUpload.Convert(new MemoryStream(bomb, false), "s.xlsx", TableSchemas.Sales, ImportLimits.Default, TextWriter.Null).Errors);
            return Task.CompletedTask;
        });
        output.WriteLine($"rows bomb {bomb.Length:N0} bytes: peak growth {PeakMemory.Mb(peak)}, allocated {PeakMemory.Mb(allocated)}");

        Assert.Equal((DataErrorCode.TooManyRows, 1_000_002), (error!.Code, error.Line));
        Assert.True(peak < 64L << 20, $"peak growth {PeakMemory.Mb(peak)}");
    }
}
