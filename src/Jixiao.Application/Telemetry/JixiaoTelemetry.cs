using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Jixiao.Application.Telemetry;

/// <summary>
/// The app's own traces and metrics, named "Jixiao" (docs/deployment.md, "Traces and metrics"): a span and a duration per
/// calculation run, a span per import and the rows it imported. Recorded always (cheap when nobody listens); exported only
/// when OpenTelemetry is configured in the web app.
/// </summary>
public static class JixiaoTelemetry
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "Jixiao";

    /// <summary>Spans: <c>jixiao.run</c>, <c>jixiao.import</c>.</summary>
    public static ActivitySource Source { get; } = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Seconds from reading a period's data to the run stored (or failed), tagged with the outcome.</summary>
    public static Histogram<double> RunDuration { get; } = Meter.CreateHistogram<double>(
        "jixiao.run.duration", unit: "s", description: "Duration of a calculation run: read, compute and store.");

    /// <summary>Data rows imported (inserted, updated or unchanged) by committed uploads, tagged with the source.</summary>
    public static Counter<long> ImportRows { get; } = Meter.CreateCounter<long>(
        "jixiao.import.rows", unit: "{row}", description: "Rows of committed uploads, by data source.");

    /// <summary>Records a run's duration; <paramref name="outcome"/> is succeeded, no-plan or failed.</summary>
    public static void RecordRun(TimeSpan elapsed, string outcome, bool unit) =>
        RunDuration.Record(elapsed.TotalSeconds, new("jixiao.run.outcome", outcome), new("jixiao.run.scope", unit ? "unit" : "company"));

    /// <summary>Counts the rows of one committed upload of <paramref name="source"/>.</summary>
    public static void RecordImport(string source, int rows) => ImportRows.Add(rows, new KeyValuePair<string, object?>("jixiao.import.source", source));
}
