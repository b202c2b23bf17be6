using Jixiao.Application.Persistence;
using Jixiao.Web.Api;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Web.Data;

/// <summary>One upload as the 数据 page lists it: who (user name), when, which source and file, and the row counts.</summary>
public sealed record UploadRow(long Id, string Source, string FileName, string? UploadedBy, DateTime UploadedAt, int Rows, int Inserted, int Updated, int Unchanged);

/// <summary>The upload history, newest first, paged on the server: shown on the 数据 page and exported from it.</summary>
public static class UploadList
{
    /// <summary>One page of uploads (<paramref name="size"/> null: all of them).</summary>
    public static async Task<Page<UploadRow>> PageAsync(JixiaoDbContext db, int page, int? size, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var total = await db.Uploads.CountAsync(ct);
        var query = from u in db.Uploads.AsNoTracking()
                    join a in db.Users.AsNoTracking() on u.UploadedBy equals a.Id into accounts
                    from a in accounts.DefaultIfEmpty()
                    orderby u.Id descending
                    select new UploadRow(u.Id, u.Source, u.FileName, a == null ? u.UploadedBy : a.UserName, u.UploadedAt, u.Rows, u.Inserted, u.Updated, u.Unchanged);
        var items = size is { } s ? await query.Skip((page - 1) * s).Take(s).ToListAsync(ct) : await query.ToListAsync(ct);
        return new Page<UploadRow>(items, total, page, size ?? Math.Max(1, total));
    }
}
