namespace Jixiao.Domain.Targets;

/// <summary>Where the denominator of an achievement ratio comes from.</summary>
public abstract record TargetSource
{
    /// <summary>The target of a metric code from targets.csv.</summary>
    public sealed record FromTargets(string Metric) : TargetSource;

    /// <summary>A fixed number written in the plan.</summary>
    public sealed record Constant(decimal Value) : TargetSource;

    /// <summary>Another metric's actual value (e.g. conversions ÷ follow-ups done).</summary>
    public sealed record OtherMetric(int MetricIndex, string Metric) : TargetSource;
}
