using Jixiao.Application.Compensation;
using Jixiao.Application.DataImports;
using Jixiao.Application.Persistence;

namespace Jixiao.Application.Import;

/// <summary>
/// One source per sale (docs/data-format.md "credits"): an uploaded credits.csv row naming a sale whose shares were entered and
/// approved in the web app (业绩分配, <see cref="JointSalesService"/>) is refused at its sale cell, and nothing is imported.
/// </summary>
internal static class AppSplitCredits
{
    public static async Task<List<DataError>> CheckAsync(JixiaoDbContext db, string directory, IReadOnlySet<string> sources, CancellationToken ct)
    {
        var errors = new List<DataError>();
        var path = Path.Combine(directory, TableSchemas.Credits.FileName);
        if (!sources.Contains(DataSources.Credits) || !File.Exists(path))
        {
            return errors;
        }

        // The file was read without errors already: read it again for each row's line and sale.
        var rows = new List<(int Line, string Sale)>();
        var map = SmallTableReader.Read(path, TableSchemas.Credits, LoadOptions.Default, new ErrorList(TableSchemas.Credits.FileName, 1),
            row => rows.Add((row.Line, row.Text(0))));
        if (map is null || rows.Count == 0)
        {
            return errors;
        }

        var split = await JointSalesService.AppSplitAsync(db, rows.Select(r => r.Sale), ct).ConfigureAwait(false);
        foreach (var (line, sale) in rows)
        {
            if (split.TryGetValue(sale, out var request))
            {
                errors.Add(new DataError(TableSchemas.Credits.FileName, line, map.Position(0), map.Names[0], DataErrorCode.SaleSplitInApp,
                    [sale, ErrorList.Number(request)]));
            }
        }

        return errors;
    }
}
