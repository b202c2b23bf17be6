using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Jixiao.Application.Import;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

// Reads hostile .xlsx files with MiniExcel 1.46.0 (filling empty rows, its default, and with IgnoreEmptyRows) and with
// Jixiao's upload reader (XlsxUpload, the default ImportLimits), one child process per file and reader (with a GC heap
// hard limit), and prints what each returned, how long it took and the child's peak memory. See bench/hostile/README.md.
if (args.Length >= 3 && args[0] == "--child")
{
    return args[2] == "jixiao" ? Jixiao(args[1]) : Child(args[1], args[2] == "ignore-empty-rows");
}

var folder = args.Length > 0 ? args[0] : "bench-data/hostile";
var heapGb = int.TryParse(Environment.GetEnvironmentVariable("JIXIAO_MEASURE_HEAP_GB"), out var g) ? g : 4;
Console.WriteLine("| file | reader | outcome | seconds | peak RSS (MB) |");
Console.WriteLine("| --- | --- | --- | ---: | ---: |");
foreach (var file in Directory.GetFiles(folder, "*.xlsx").Order(StringComparer.Ordinal))
{
    foreach (var reader in new[] { "fill", "ignore-empty-rows", "jixiao" })
    {
        var psi = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "--child", file, reader])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["DOTNET_GCHeapHardLimit"] = "0x" + ((long)heapGb << 30).ToString("x", CultureInfo.InvariantCulture);
        var sw = Stopwatch.StartNew();
        using var child = Process.Start(psi)!;
        var output = child.StandardOutput.ReadToEndAsync();
        var error = child.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!child.WaitForExit(50))
        {
            peak = Math.Max(peak, RssKb(child.Id));
            if (sw.Elapsed > TimeSpan.FromMinutes(5))
            {
                child.Kill();
            }
        }

        var text = (await output).Trim();
        if (text.Length == 0)
        {
            var err = (await error).Split('\n').FirstOrDefault(l => l.Contains("Exception", StringComparison.Ordinal)) ?? "killed";
            text = "died: " + err.Trim();
        }

        if (sw.Elapsed > TimeSpan.FromMinutes(5))
        {
            text = "killed after 5 min; " + text;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {Path.GetFileName(file)} | {Label(reader)} | {text.Replace('|', '/')} | {sw.Elapsed.TotalSeconds:F1} | {peak / 1024} |"));
    }
}

return 0;

static string Label(string reader) => reader switch
{
    "fill" => "MiniExcel",
    "ignore-empty-rows" => "MiniExcel, IgnoreEmptyRows",
    _ => "Jixiao XlsxUpload",
};

static int Jixiao(string file)
{
    // XlsxUpload is internal: called through reflection, as the importer calls it, writing the CSV nowhere.
    var assembly = typeof(ImportLimits).Assembly;
    var spec = assembly.GetType("Jixiao.Application.Import.TableSpec", true)!;
    var sales = assembly.GetType("Jixiao.Application.Import.TableSchemas", true)!.GetField("Sales")!.GetValue(null);
    var upload = assembly.GetType("Jixiao.Application.Excel.XlsxUpload", true)!;
    var convert = upload.GetMethod("Convert", BindingFlags.Public | BindingFlags.Static, [typeof(Stream), typeof(string), spec, typeof(ImportLimits), typeof(TextWriter)])!;
    using var content = File.OpenRead(file);
    var result = convert.Invoke(null, [content, Path.GetFileName(file), sales, ImportLimits.Default, TextWriter.Null])!;
    var errors = (IReadOnlyList<DataError>)upload.GetProperty("Errors")!.GetValue(result)!;
    var converted = (bool)upload.GetProperty("Converted")!.GetValue(result)!;
    Console.WriteLine(errors.Count == 0 ? "converted, no error"
        : $"{(converted ? "converted" : "refused")}: {errors[0].Format(CultureInfo.GetCultureInfo("en"))}");
    return 0;
}

static long RssKb(int pid)
{
    try
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }
    }
    catch (IOException)
    {
    }

    return 0;
}

static int Child(string file, bool ignoreEmptyRows)
{
    var config = new OpenXmlConfiguration { IgnoreEmptyRows = ignoreEmptyRows };
    long rows = 0, cells = 0, longest = 0;
    string? firstNull = null;
    try
    {
        foreach (IDictionary<string, object?> row in MiniExcel.Query(file, useHeaderRow: false, configuration: config))
        {
            rows++;
            foreach (var (key, value) in row)
            {
                cells++;
                if (value is string s)
                {
                    longest = Math.Max(longest, s.Length);
                }
                else if (value is null && rows == 2 && firstNull is null)
                {
                    firstNull = key;
                }
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{rows:N0} rows, {cells:N0} dictionary entries, longest text {longest:N0}{(firstNull is null ? "" : $", row 2 column {firstNull} null")}"));
    }
    catch (Exception ex) when (ex is not OutOfMemoryException)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ex.GetType().Name} after {rows:N0} rows: {ex.Message.Split('\n')[0]}"));
    }

    return 0;
}
