using Jixiao.Application.Synthetic;

namespace Jixiao.Application.Tests.Synthetic;

public sealed class BenchDataGeneratorTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "jixiao-gen-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_root, true);

    [Fact]
    public void Write_WhenSameSeed_ThenByteIdenticalFiles()
    {
        BenchDataGenerator.Write(Path.Combine(_root, "a"), 120, 4000, seed: 5);
        BenchDataGenerator.Write(Path.Combine(_root, "b"), 120, 4000, seed: 5);
        BenchDataGenerator.Write(Path.Combine(_root, "c"), 120, 4000, seed: 6);
        var files = Directory.GetFiles(Path.Combine(_root, "a")).Select(f => Path.GetFileName(f)).Order().ToArray();
        Assert.Equal(
            ["activities.csv", "collections.csv", "credits.csv", "employees.csv", "expenses.csv", "metrics.csv", "org_units.csv", "ratings.csv", "sales.csv", "targets.csv"],
            files);
        foreach (var file in files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(_root, "a", file)), File.ReadAllBytes(Path.Combine(_root, "b", file)));
        }

        Assert.NotEqual(File.ReadAllBytes(Path.Combine(_root, "a", "sales.csv")), File.ReadAllBytes(Path.Combine(_root, "c", "sales.csv")));
    }

    [Fact]
    public void Write_WhenEmployees_ThenOrgTreeWithManagersAndPositions()
    {
        var dir = Path.Combine(_root, "org");
        BenchDataGenerator.Write(dir, 1000, 10);
        var units = File.ReadAllLines(Path.Combine(dir, "org_units.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        var employees = File.ReadAllLines(Path.Combine(dir, "employees.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.Equal(1000, employees.Length);
        Assert.Single(units, u => u[2].Length == 0);
        Assert.Equal(2, units.Count(u => u[0].StartsWith("ST", StringComparison.Ordinal) && !u[0].Contains('-', StringComparison.Ordinal)));
        Assert.All(units, u => Assert.NotEmpty(u[3]));
        Assert.Equal(["manager", "salesperson", "supervisor"], employees.Select(e => e[4]).Distinct().Order());
        Assert.Equal(["core", "newcomer"], employees.Select(e => e[6]).Distinct().Order());
        Assert.Equal(10, File.ReadAllLines(Path.Combine(dir, "sales.csv")).Length - 1);
    }

    [Fact]
    public void Write_WhenOneEmployee_ThenStillValid()
    {
        var dir = Path.Combine(_root, "one");
        BenchDataGenerator.Write(dir, 1, 20);
        var result = Jixiao.Application.Import.DataDirectoryLoader.Load(dir);
        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Equal(20, result.Dataset!.Sales.Count);
    }
}
