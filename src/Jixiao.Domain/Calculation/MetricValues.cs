namespace Jixiao.Domain.Calculation;

/// <summary>Metric values of every employee for one period: Value[m][e], defined where Has[m][e].</summary>
internal sealed class MetricValues(int metrics, int employees)
{
    public decimal[][] Value { get; } = NewJagged<decimal>(metrics, employees);

    public bool[][] Has { get; } = NewJagged<bool>(metrics, employees);

    /// <summary>Why a formula metric could not be evaluated, by (metric, employee).</summary>
    public Dictionary<(int Metric, int Employee), string> Failures { get; } = [];

    /// <summary>
    /// Values that are missing because an input (metrics.csv) row is absent, by (metric, employee): the
    /// code of the absent input. Missing data is an error, never "undefined" (if_undefined does not apply).
    /// </summary>
    public Dictionary<(int Metric, int Employee), string> Missing { get; } = [];

    private static T[][] NewJagged<T>(int n, int m)
    {
        var a = new T[n][];
        for (var i = 0; i < n; i++)
        {
            a[i] = new T[m];
        }

        return a;
    }
}
