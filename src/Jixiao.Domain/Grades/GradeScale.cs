namespace Jixiao.Domain.Grades;

/// <summary>One grade of a grade scale: total score in [From, To) earns Grade and a coefficient.</summary>
public sealed record GradeBand(string Grade, decimal From, decimal? To, CoefficientSpec Coefficient, string? Advice);

/// <summary>
/// A grade scale (评级, docs/plan-format.md §9): a scorecard total → the grade whose band [From, To) contains it (the
/// last band may be open-ended) and its coefficient; a total below the lowest band has no grade (an error).
/// </summary>
public sealed record GradeScale(string Code, IReadOnlyList<GradeBand> Bands)
{
    /// <summary>The band containing <paramref name="score"/>, or null below the lowest band.</summary>
    public GradeBand? Find(decimal score)
    {
        for (var i = Bands.Count - 1; i >= 0; i--)
        {
            var b = Bands[i];
            if (score >= b.From && (b.To is null || score < b.To))
            {
                return b;
            }
        }

        return null;
    }
}
