using Jixiao.Application.Persistence;
using Jixiao.Domain.Data;
using Jixiao.Domain.Periods;
using Microsoft.EntityFrameworkCore;

namespace Jixiao.Application.Datasets;

public static partial class PeriodReader
{
    /// <summary>
    /// The grades and points recorded for <paramref name="period"/> (calibration, upheld appeals; table
    /// <c>result_corrections</c>): the latest row per person, kind and indicator; a grade row without a grade lifts the
    /// grade. In the fingerprint only when there are any, so runs of periods without corrections keep theirs.
    /// </summary>
    private static async Task<(List<GradeOverride> Grades, List<PointsCorrection> Points)> ReadCorrectionsAsync(
        JixiaoDbContext db, Period period, Hasher hash, CancellationToken ct)
    {
        var key = period.ToString();
        var rows = await db.ResultCorrections.AsNoTracking().Where(c => c.Period == key).OrderBy(c => c.Id).ToListAsync(ct).ConfigureAwait(false);
        var grades = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        var points = new SortedDictionary<(string Employee, string Indicator), decimal>();
        foreach (var r in rows)
        {
            if (r.Kind == CorrectionKinds.Grade)
            {
                grades[r.EmployeeId] = r.Grade;
            }
            else if (r.Kind == CorrectionKinds.Points && r.Indicator is not null && r.Points is { } p)
            {
                points[(r.EmployeeId, r.Indicator)] = p;
            }
        }

        var gradeList = grades.Where(g => g.Value is not null).Select(g => new GradeOverride(g.Key, key, g.Value!)).ToList();
        var pointList = points.Select(p => new PointsCorrection(p.Key.Employee, key, p.Key.Indicator, p.Value)).ToList();
        foreach (var g in gradeList)
        {
            hash.Add("cg", g.Employee, g.Period, g.Grade);
        }

        foreach (var p in pointList)
        {
            hash.Add("cp", p.Employee, p.Period, p.Indicator, N(p.Points));
        }

        return (gradeList, pointList);
    }
}
