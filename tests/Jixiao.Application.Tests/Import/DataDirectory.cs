using System.Globalization;
using System.Text;
using Jixiao.Application.Import;

namespace Jixiao.Application.Tests.Import;

/// <summary>A temporary data directory with a small valid org tree and staff, deleted on dispose.</summary>
internal sealed class DataDirectory : IDisposable
{
    public const string OrgUnits = """
        id,name,parent,manager
        HQ,总公司,,E1
        ST1,门店1,HQ,E2
        """;

    public const string Employees = """
        id,name,org_unit,manager,position,category,level,tier,hire_date,leave_date
        E1,张三,HQ,,manager,A,core,T1,2020-01-01,
        E2,李四,ST1,E1,supervisor,A,core,,2021-03-15,
        E3,王五,ST1,E2,salesperson,B,newcomer,,2025-08-01,
        E4,赵六,ST1,E2,salesperson,B,core,T2,2019-05-20,2026-06-30
        """;

    public const string SalesHeader = "id,employee,date,customer,product,units,amount,cost,contract,contract_signed";

    public DataDirectory(bool withBase = true)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "jixiao-data-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        if (withBase)
        {
            Write("org_units.csv", OrgUnits);
            Write("employees.csv", Employees);
        }
    }

    public string Path { get; }

    /// <summary>Writes a file as UTF-8 without BOM, lines ending in LF (raw strings keep the test's own line ends normalised).</summary>
    public DataDirectory Write(string file, string content)
    {
        File.WriteAllText(System.IO.Path.Combine(Path, file), content.ReplaceLineEndings("\n") + "\n", new UTF8Encoding(false));
        return this;
    }

    /// <summary>Writes exact bytes.</summary>
    public DataDirectory WriteBytes(string file, byte[] content)
    {
        File.WriteAllBytes(System.IO.Path.Combine(Path, file), content);
        return this;
    }

    public DataDirectory Delete(string file)
    {
        File.Delete(System.IO.Path.Combine(Path, file));
        return this;
    }

    public DataLoadResult Load() => DataDirectoryLoader.Load(Path);

    public DataLoadResult Load(LoadOptions options) => DataDirectoryLoader.Load(Path, options);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, true);
        }
        catch (IOException)
        {
            // Best effort: the OS cleans temp eventually.
        }
    }

    /// <summary>Loads a directory with the base files plus <paramref name="files"/>.</summary>
    public static DataLoadResult LoadWith(params (string File, string Content)[] files)
    {
        using var dir = new DataDirectory();
        foreach (var (file, content) in files)
        {
            dir.Write(file, content);
        }

        return dir.Load();
    }
}

internal static class ErrorAssert
{
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>Asserts the result failed with exactly one error and checks where and what it says.</summary>
    public static DataError Single(DataLoadResult result, string file, int line, int column, string? columnName, DataErrorCode code,
        string english, string chinese)
    {
        Assert.Null(result.Dataset);
        Assert.False(result.Ok);
        var error = Assert.Single(result.Errors);
        AssertError(error, file, line, column, columnName, code, english, chinese);
        return error;
    }

    public static void AssertError(DataError error, string file, int line, int column, string? columnName, DataErrorCode code,
        string english, string chinese)
    {
        Assert.Equal(code, error.Code);
        Assert.Equal(file, error.File);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Equal(columnName, error.ColumnName);
        Assert.Equal(english, error.Format(English));
        Assert.Equal(chinese, error.Format(Chinese));
    }
}
