using Jixiao.Domain.Data;
using Jixiao.Domain.Grades;

namespace Jixiao.Domain.Calculation;

public static partial class Calculator
{
    /// <summary>
    /// The grades and points recorded for the period being computed (<see cref="Dataset.GradeOverrides"/>,
    /// <see cref="Dataset.PointsCorrections"/>): people with one are computed on the general path, which applies them.
    /// </summary>
    private sealed class Corrections
    {
        private readonly Dictionary<string, string> _grades = new(StringComparer.Ordinal);
        private readonly Dictionary<(string Employee, string Indicator), decimal> _points = [];
        private readonly HashSet<string> _people = new(StringComparer.Ordinal);

        public Corrections(Dataset data, string period)
        {
            foreach (var g in data.GradeOverrides)
            {
                if (g.Period == period)
                {
                    _grades[g.Employee] = g.Grade;
                    _people.Add(g.Employee);
                }
            }

            foreach (var p in data.PointsCorrections)
            {
                if (p.Period == period)
                {
                    _points[(p.Employee, p.Indicator)] = p.Points;
                    _people.Add(p.Employee);
                }
            }
        }

        public static Corrections None { get; } = new(new Dataset([], []), "");

        /// <summary>Whether anything is recorded for <paramref name="employee"/>.</summary>
        public bool Any(string employee) => _people.Count > 0 && _people.Contains(employee);

        /// <summary>The points recorded for <paramref name="employee"/>'s <paramref name="indicator"/>, or null.</summary>
        public decimal? Points(string employee, string indicator) =>
            _points.Count > 0 && _points.TryGetValue((employee, indicator), out var p) ? p : null;

        /// <summary>The band of the grade recorded for <paramref name="employee"/> in <paramref name="scale"/>, or null (none, or not a grade of the scale).</summary>
        public GradeBand? Grade(string employee, GradeScale scale) =>
            _grades.Count > 0 && _grades.TryGetValue(employee, out var g) ? scale.Bands.FirstOrDefault(b => b.Grade == g) : null;
    }
}
