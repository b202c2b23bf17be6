using System.Globalization;
using System.Text;
using Jixiao.Application.Excel;
using Jixiao.Application.Import;

namespace Jixiao.Application.Tests.Import;

/// <summary>
/// The nasty sales uploads of tests/corpus/sales (see its README): each file's name starts with the error it must
/// give (or Ok), read exactly as an upload is (workbooks converted, the loader with the upload limits), never a throw.
/// </summary>
public sealed class CorpusTests
{
    private static readonly CultureInfo[] Cultures = [CultureInfo.GetCultureInfo("zh-CN"), CultureInfo.GetCultureInfo("en"), CultureInfo.GetCultureInfo("zh-TW")];

    public static string Folder(string name) => Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "corpus", name);

    public static TheoryData<string> Sales() => [.. Directory.GetFiles(Folder("sales")).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Sales))]
    public void Upload_WhenCorpusFile_ThenTheErrorItsNameSays(string name)
    {
        var expected = name.Split('.')[0];
        using var dir = new DataDirectory();
        dir.Write("employees.csv", DataDirectory.Employees + "\nP01,孙八,ST1,E2,salesperson,B,core,,2025-08-01,");
        var errors = Read(Path.Combine(Folder("sales"), name), dir.Path);

        if (expected == "Ok")
        {
            Assert.Empty(errors);
            return;
        }

        Assert.Contains(errors, e => e.Code.ToString() == expected);
        foreach (var e in errors)
        {
            foreach (var culture in Cultures)
            {
                var message = (e with { File = "upload" }).Format(culture);
                Assert.DoesNotContain("{0}", message, StringComparison.Ordinal);
                Assert.DoesNotContain(e.Code.ToString(), message, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>What an upload of <paramref name="path"/> as sales reports, next to the organisation in <paramref name="directory"/>.</summary>
    internal static IReadOnlyList<DataError> Read(string path, string directory)
    {
        var bytes = File.ReadAllBytes(path);
        var name = Path.GetFileName(path);
        var options = LoadOptions.Default with { MaxRows = ImportLimits.Default.MaxRows, MaxFieldChars = ImportLimits.Default.MaxFieldChars };
        if (!XlsxUpload.IsWorkbook(name, bytes.AsSpan(0, Math.Min(8, bytes.Length))))
        {
            File.WriteAllBytes(Path.Combine(directory, "sales.csv"), bytes);
            return DataDirectoryLoader.Load(directory, options).Errors;
        }

        XlsxUpload upload;
        using (var csv = new StreamWriter(Path.Combine(directory, "sales.csv"), false, new UTF8Encoding(false)))
        {
            upload = XlsxUpload.Convert(new MemoryStream(bytes, writable: false), name, TableSchemas.Sales, ImportLimits.Default, csv);
        }

        return upload.Converted ? upload.MergeErrors(DataDirectoryLoader.Load(directory, options).Errors) : upload.Errors;
    }
}
