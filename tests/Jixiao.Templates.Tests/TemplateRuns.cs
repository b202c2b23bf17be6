using System.Collections.Concurrent;
using System.Globalization;
using Jixiao.Application.Import;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;
using Jixiao.Domain.Plans;

namespace Jixiao.Templates.Tests;

/// <summary>Loads a bundled template (templates/NAME.yaml) and its example data (templates/NAME/data) and runs periods.</summary>
internal static class TemplateRuns
{
    private static readonly ConcurrentDictionary<string, Plan> Plans = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Dataset> Data = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(string, string), CalculationResult> Results = new();

    public static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Jixiao.slnx")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("repository root not found");
    }

    public static string DataDirectory(string template) => Path.Combine(RepoRoot(), "templates", template, "data");

    public static Plan Plan(string template) => Plans.GetOrAdd(template, t =>
    {
        var r = PlanLoader.LoadFile(Path.Combine(RepoRoot(), "templates", t + ".yaml"));
        Assert.True(r.Ok, string.Join("\n", r.Problems.Select(p => p.Format(CultureInfo.InvariantCulture))));
        return r.Plan!;
    });

    public static Dataset Dataset(string template) => Data.GetOrAdd(template, t => LoadData(DataDirectory(t)));

    public static Dataset LoadData(string directory)
    {
        var r = DataDirectoryLoader.Load(directory);
        Assert.True(r.Errors.Count == 0, string.Join("\n", r.Errors.Select(e => e.Format(CultureInfo.InvariantCulture))));
        return r.Dataset!;
    }

    /// <summary>Loads a directory made by <see cref="WriteData"/> or <see cref="CopyDataWith"/>, then deletes it.</summary>
    public static Dataset LoadTemporary(string directory)
    {
        try
        {
            return LoadData(directory);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public static CalculationResult Run(string template, string period) =>
        Results.GetOrAdd((template, period), k => Calculator.Run(Plan(k.Item1), Dataset(k.Item1), Period.Parse(k.Item2)));

    public static EmployeeResult Person(this CalculationResult r, string id)
    {
        var found = r.Results.FirstOrDefault(x => x.Employee == id);
        Assert.True(found is not null, $"no result for {id}; errors: " + string.Join("; ", r.Errors.Select(e => e.Format(CultureInfo.InvariantCulture))));
        return found!;
    }

    /// <summary>
    /// Asserts one person's whole statement: scorecard, every indicator's rounded points (in scorecard
    /// order), total, grade, coefficient and every pay line (amount and whether it was forfeited).
    /// </summary>
    public static void Expect(
        this CalculationResult r,
        string id,
        string scorecard,
        (string Code, decimal Points)[] indicators,
        decimal total,
        string? grade,
        decimal? coefficient,
        params (string Component, decimal Amount, bool Forfeited)[] pay)
    {
        var p = r.Person(id);
        Assert.Equal(scorecard, p.Scorecard);
        Assert.Equal(indicators.Select(i => i.Code), p.Indicators.Select(i => i.Code));
        foreach (var (code, points) in indicators)
        {
            var actual = p.Indicators.Single(i => i.Code == code).Points;
            Assert.True(points == actual, $"{id} {code}: expected {points}, got {actual}");
        }

        Assert.True(total == p.Total, $"{id} total: expected {total}, got {p.Total}");
        Assert.Equal(total, p.Indicators.Sum(i => i.Points));
        Assert.Equal(grade, p.Grade);
        Assert.True(coefficient == p.Coefficient, $"{id} coefficient: expected {coefficient}, got {p.Coefficient}");
        Assert.Equal(pay.Select(x => x.Component), p.Pay.Select(x => x.Component));
        foreach (var (component, amount, forfeited) in pay)
        {
            var line = p.Pay.Single(x => x.Component == component);
            Assert.True(amount == line.Amount, $"{id} {component}: expected {amount}, got {line.Amount}");
            Assert.Equal(forfeited, line.Forfeited);
        }
    }

    /// <summary>Writes CSV files (name → text) to a fresh temporary data directory.</summary>
    public static string WriteData(IReadOnlyDictionary<string, string> files)
    {
        var dir = Path.Combine(Path.GetTempPath(), "jixiao-templates-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(dir, name), text.ReplaceLineEndings("\n"));
        }

        return dir;
    }

    /// <summary>Copies a template's example data to a temporary directory, applying <paramref name="edit"/> to one file.</summary>
    public static string CopyDataWith(string template, string file, Func<string, string> edit)
    {
        var files = Directory.GetFiles(DataDirectory(template), "*.csv")
            .ToDictionary(f => Path.GetFileName(f), f => File.ReadAllText(f), StringComparer.Ordinal);
        files[file] = edit(files[file]);
        return WriteData(files);
    }
}
