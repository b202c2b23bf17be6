using System.Runtime.CompilerServices;
using Jixiao.Domain.Data;

namespace Jixiao.Application.Import;

internal static partial class ReferenceTables
{
    public static TargetTable ReadTargets(LoadContext ctx, ErrorList errors, KeyedRows<EmployeeRow> people, KeyedRows<OrgUnitRow> org)
    {
        var path = ctx.PathOf(TableSchemas.Targets);
        if (!File.Exists(path))
        {
            return TargetTable.Empty;
        }

        var metrics = new Interner();
        var periods = new Interner();
        var periodCodes = new PeriodCodes();
        var employees = people.Rows.Count;
        var seen = new TripleKeys(-org.Rows.Count, org.Rows.Count + employees);
        var lastSubject = new LastBytes();
        var capacity = EstimateRows(path);
        var subject = new GrowingColumn<int>(capacity);
        var metric = new GrowingColumn<int>(capacity);
        var period = new GrowingColumn<int>(capacity);
        var value = new GrowingColumn<decimal>(capacity);
        var challenge = new GrowingColumn<decimal>(capacity);
        var hasChallenge = new GrowingColumn<bool>(capacity);
        var line = new GrowingColumn<int>(capacity);
        SmallTableReader.Read(path, TableSchemas.Targets, ctx.Options, errors, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (row) =>
        {
            var ok = TrySubject(row, 0, people, org, lastSubject, out var subjectId, out var s);
            ok &= TryName(row, 1, metrics, out var metricName, out var m);
            ok &= TryPeriod(row, 2, periods, out var periodText, out var p);
            ok &= row.TryDecimal(3, true, ValueDecimals, out var v);
            ok &= row.TryDecimal(4, false, ValueDecimals, out var c);
            if (!ok)
            {
                return;
            }

            if (!seen.TryAdd(s, m, p, row.Line, out var firstLine))
            {
                row.Error(2, DataErrorCode.DuplicateKey, subjectId + " / " + metricName + " / " + periodText, ErrorList.Number(firstLine));
                return;
            }

            subject.Add(s >= 0 ? s : employees - 1 - s);
            metric.Add(m);
            period.Add(periodCodes.Of(p, periodText));
            value.Add(v!.Value);
            challenge.Add(c.GetValueOrDefault());
            hasChallenge.Add(c.HasValue);
            line.Add(row.Line);
        });
        return new TargetTable(subject.Count, SubjectIds(people, org), subject.Items, [.. metrics.Values.Select(x => x!)], metric.Items,
            periodCodes.Texts, period.Items, value.Items, challenge.Items, hasChallenge.Items, line.Items);
    }

    public static List<DirectValue> ReadMetrics(LoadContext ctx, ErrorList errors, KeyedRows<EmployeeRow> people, KeyedRows<OrgUnitRow> org)
    {
        var result = new List<DirectValue>();
        var path = ctx.PathOf(TableSchemas.Metrics);
        if (!ctx.Reads(TableSchemas.Metrics))
        {
            return result;
        }

        var metrics = new Interner();
        var periods = new Interner();
        var seen = new TripleKeys(-org.Rows.Count, org.Rows.Count + people.Rows.Count);
        var lastSubject = new LastBytes();
        SmallTableReader.Read(path, TableSchemas.Metrics, ctx.Options, errors, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (row) =>
        {
            var ok = TrySubject(row, 0, people, org, lastSubject, out var subject, out var s);
            ok &= TryName(row, 1, metrics, out var metric, out var m);
            ok &= TryPeriod(row, 2, periods, out var period, out var p);
            ok &= row.TryDecimal(3, true, ValueDecimals, out var value);
            if (!ok)
            {
                return;
            }

            if (!seen.TryAdd(s, m, p, row.Line, out var firstLine))
            {
                row.Error(2, DataErrorCode.DuplicateKey, subject + " / " + metric + " / " + period, ErrorList.Number(firstLine));
                return;
            }

            result.Add(new DirectValue(subject, metric, period, value!.Value, row.Line));
        });
        return result;
    }
}
