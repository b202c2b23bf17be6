using System.Text;
using Jixiao.Application.DataImports;
using Jixiao.Application.Datasets;
using Jixiao.Application.Persistence;
using Jixiao.Domain.Periods;
using Jixiao.Migrations.Postgres;
using Jixiao.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Jixiao.Persistence.Tests;

public sealed class PostgresTests : IDisposable
{
    private readonly string? _admin = PostgresFactAttribute.ConnectionString;
    private readonly string _database = "jixiao_test_" + Guid.NewGuid().ToString("N")[..12];
    private string? _connectionString;

    private JixiaoDbContext NewContext()
    {
        if (_connectionString is null)
        {
            Assert.False(string.IsNullOrWhiteSpace(_admin), "JIXIAO_TEST_PG must name a PostgreSQL server under CI (run scripts/postgres.sh).");
            using (var conn = new NpgsqlConnection(_admin))
            {
                conn.Open();
                using var cmd = conn.CreateCommand();
                cmd.CommandText = $"CREATE DATABASE {_database}";
                cmd.ExecuteNonQuery();
            }

            _connectionString = new NpgsqlConnectionStringBuilder(_admin) { Database = _database }.ConnectionString;
            using var db = new JixiaoDbContext(PostgresStore.Options(_connectionString));
            db.Database.Migrate();
        }

        return new JixiaoDbContext(PostgresStore.Options(_connectionString));
    }

    public void Dispose()
    {
        if (_connectionString is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        using var conn = new NpgsqlConnection(_admin);
        conn.Open();
        using var cmd = conn.CreateCommand();
        cmd.CommandText = $"DROP DATABASE IF EXISTS {_database} WITH (FORCE)";
        cmd.ExecuteNonQuery();
    }

    [PostgresFact]
    public async Task Postgres_WhenMigratedAndImported_ThenExactNumericAndSameDataset()
    {
        using (var db = NewContext())
        {
            var files = new[]
            {
                new UploadFile(DataSources.OrgUnits, "o.csv", Encoding.UTF8.GetBytes("id,name,parent\nHQ,总部,\n")),
                new UploadFile(DataSources.Employees, "e.csv", Encoding.UTF8.GetBytes("id,name,org_unit,position,hire_date\nE1,王,HQ,salesperson,2025-01-01\n")),
                new UploadFile(DataSources.Sales, "s.csv", Encoding.UTF8.GetBytes("id,employee,date,product,units,amount\nA1,E1,2026-01-05,suv,1,0.1\nA2,E1,2026-01-05,suv,1,0.2\n")),
            };
            var outcome = await new DataImporter(db, TestClock.New()).ImportAsync(files, null, new DateOnly(2026, 1, 1));
            Assert.True(outcome.Ok, string.Join("\n", outcome.Errors));
            var again = await new DataImporter(db, TestClock.New()).ImportAsync(files, null, new DateOnly(2026, 1, 1));
            Assert.All(again.Uploads, u => Assert.Equal(u.Rows, u.Unchanged));
        }

        using (var db = NewContext())
        {
            Assert.Equal(0.3m, db.Sales.Select(s => s.Amount).ToList().Sum());
            var type = db.Database.SqlQueryRaw<string>(
                "SELECT data_type || '(' || numeric_precision || ',' || numeric_scale || ')' AS \"Value\" FROM information_schema.columns WHERE table_name = 'sales' AND column_name = 'Amount'").Single();
            Assert.Equal("numeric(18,2)", type);
            var data = await DatasetBuilder.BuildAsync(db, Period.Parse("2026-01"));
            Assert.Equal([10, 20], data.Dataset.Sales.Day.Select((_, i) => (int)data.Dataset.Sales.AmountCents[i]));
        }

        using var first = NewContext();
        using var second = NewContext();
        var a = first.OrgUnits.Single();
        var b = second.OrgUnits.Single();
        a.Name = "公司";
        await first.SaveChangesAsync();
        b.Name = "集团";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
    }
}
