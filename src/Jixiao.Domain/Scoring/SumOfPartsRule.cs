namespace Jixiao.Domain.Scoring;

/// <summary>points = Σ parts.</summary>
public sealed record SumOfPartsRule(decimal Points, IReadOnlyList<ScoringPart> Parts) : ScoringRule(Points)
{
    public override decimal MaxPoints
    {
        get
        {
            decimal m = 0;
            foreach (var p in Parts)
            {
                m += p.Rule.MaxPoints;
            }

            return m;
        }
    }
}

/// <summary>One named part of a sum_of_parts rule.</summary>
public sealed record ScoringPart(string Name, ScoringRule Rule);
