using Jixiao.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Persistence.Tests;

public sealed class StorageTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Open_WhenSqlite_ThenWalAndSynchronousFull()
    {
        using var db = _db.NewContext();
        db.Database.OpenConnection();
        Assert.Equal("wal", Scalar(db, "PRAGMA journal_mode"));
        Assert.Equal("2", Scalar(db, "PRAGMA synchronous")); // 2 = FULL
        Assert.Equal("1", Scalar(db, "PRAGMA foreign_keys"));
    }

    [Fact]
    public void Money_WhenStoredOnSqlite_ThenExactTextNeverDouble()
    {
        using (var db = _db.NewContext())
        {
            db.Sales.Add(new SaleRow { ExternalId = "S1", EmployeeId = "E1", Product = "p", Amount = 0.1m + 0.2m, Units = 1.0001m, Cost = 9_999_999_999_999.99m });
            db.SaveChanges();
        }

        using (var db = _db.NewContext())
        {
            var row = db.Sales.Single();
            Assert.Equal(0.3m, row.Amount);
            Assert.Equal(1.0001m, row.Units);
            Assert.Equal(9_999_999_999_999.99m, row.Cost);
            db.Database.OpenConnection();
            Assert.Equal("text", Scalar(db, "SELECT typeof(Amount) FROM sales"));
            Assert.Equal("0.3", Scalar(db, "SELECT Amount FROM sales"));
        }
    }

    [Fact]
    public void Save_WhenAnotherUserSavedFirst_ThenConcurrencyConflict()
    {
        using (var db = _db.NewContext())
        {
            db.OrgUnits.Add(new OrgUnitEntity { Id = "HQ", Name = "总部" });
            db.SaveChanges();
        }

        using var first = _db.NewContext();
        using var second = _db.NewContext();
        var a = first.OrgUnits.Single();
        var b = second.OrgUnits.Single();
        a.Name = "公司总部";
        first.SaveChanges();
        Assert.Equal(1, a.Version);

        b.Name = "集团";
        Assert.Throws<DbUpdateConcurrencyException>(() => second.SaveChanges());

        using var check = _db.NewContext();
        Assert.Equal("公司总部", check.OrgUnits.Single().Name);
    }

    [Fact]
    public void Save_WhenClientSendsStaleVersion_ThenConflict()
    {
        using (var db = _db.NewContext())
        {
            db.OrgUnits.Add(new OrgUnitEntity { Id = "HQ", Name = "总部", Version = 5 });
            db.SaveChanges();
        }

        using var ctx = _db.NewContext();
        var unit = ctx.OrgUnits.Single();
        ctx.Entry(unit).Property(u => u.Version).OriginalValue = 4; // what an old form would send back
        unit.Name = "x";
        Assert.Throws<DbUpdateConcurrencyException>(() => ctx.SaveChanges());
    }

    [Fact]
    public void AuditLog_WhenEdited_ThenRefused()
    {
        using var db = _db.NewContext();
        db.Audit(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), "u1", "test", "s");
        db.SaveChanges();
        var entry = db.AuditLog.Single();
        entry.Detail = "changed";
        Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        db.AuditLog.Remove(entry);
        Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
    }

    private static string? Scalar(JixiaoDbContext db, string sql)
    {
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
