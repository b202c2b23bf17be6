using System.Globalization;
using System.Text;
using System.Text.Json;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Explanations;
using Spectre.Console;

namespace Jixiao.Cli;

/// <summary>Writes a calculation result as JSON, CSV or tables.</summary>
internal static class ResultWriters
{
    public static void Json(CalculationResult result, string planName, Stream output, CultureInfo culture)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("period", result.Period.ToString());
        w.WriteString("plan", result.Plan);
        w.WriteString("plan_name", planName);
        w.WriteNumber("plan_version", result.PlanVersion);
        w.WriteStartArray("results");
        foreach (var r in result.Results)
        {
            w.WriteStartObject();
            w.WriteString("employee", r.Employee);
            w.WriteString("name", r.Name);
            w.WriteString("org_unit", r.OrgUnit);
            w.WriteString("scorecard", r.Scorecard);
            w.WriteStartArray("indicators");
            foreach (var i in r.Indicators)
            {
                w.WriteStartObject();
                w.WriteString("code", i.Code);
                w.WriteString("name", i.Name);
                w.WriteString("rule", i.Rule);
                w.WriteNumber("weight", i.Weight);
                w.WriteNumber("points", i.Points);
                Number(w, "actual", i.Actual);
                Number(w, "target", i.Target);
                Number(w, "achievement", i.Achievement);
                if (i.Unit is not null)
                {
                    w.WriteString("unit", i.Unit);
                }

                if (i.Parts is not null)
                {
                    w.WriteStartArray("parts");
                    foreach (var p in i.Parts)
                    {
                        w.WriteStartObject();
                        w.WriteString("name", p.Name);
                        w.WriteNumber("points", p.Points);
                        Number(w, "actual", p.Actual);
                        Number(w, "target", p.Target);
                        Number(w, "achievement", p.Achievement);
                        if (p.Unit is not null)
                        {
                            w.WriteString("unit", p.Unit);
                        }

                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNumber("total", r.Total);
            if (r.Grade is null)
            {
                w.WriteNull("grade");
            }
            else
            {
                w.WriteString("grade", r.Grade);
            }

            Number(w, "coefficient", r.Coefficient);
            w.WriteStartArray("pay");
            foreach (var p in r.Pay)
            {
                w.WriteStartObject();
                w.WriteString("component", p.Component);
                w.WriteString("name", p.Name);
                w.WriteNumber("amount", p.Amount);
                if (p.Forfeited)
                {
                    w.WriteBoolean("forfeited", true);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (result.Explanations.TryGetValue(r.Employee, out var explanation))
            {
                w.WritePropertyName("explanation");
                Explanation(w, explanation, culture);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("errors");
        foreach (var e in result.Errors)
        {
            w.WriteStartObject();
            if (e.Employee is null)
            {
                w.WriteNull("employee");
            }
            else
            {
                w.WriteString("employee", e.Employee);
            }

            w.WriteString("code", e.Code.ToString());
            w.WriteString("message", e.Format(culture));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("not_assessed");
        foreach (var id in result.NotAssessed)
        {
            w.WriteStringValue(id);
        }

        w.WriteEndArray();
        w.WriteNumber("skipped", result.Skipped);
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Explanation(Utf8JsonWriter w, Explanation node, CultureInfo culture)
    {
        w.WriteStartObject();
        w.WriteString("kind", node.Kind.ToString().ToLowerInvariant());
        w.WriteString("label", node.Label);
        Number(w, "value", node.Value);
        var detail = ExplanationText.Detail(node, culture);
        if (detail.Length > 0)
        {
            w.WriteString("detail", detail);
        }

        if (node.Sources.Count > 0)
        {
            w.WriteNumber("source_count", node.SourceCount);
            w.WriteStartArray("sources");
            foreach (var s in node.Sources)
            {
                w.WriteStringValue(s);
            }

            w.WriteEndArray();
        }

        if (node.Children.Count > 0)
        {
            w.WriteStartArray("children");
            foreach (var c in node.Children)
            {
                Explanation(w, c, culture);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    /// <summary>
    /// One row per person; indicator points and pay components as columns (the union over
    /// scorecards, empty where a card has no such indicator). Text cells that a spreadsheet would
    /// read as a formula are prefixed with an apostrophe.
    /// </summary>
    public static void Csv(CalculationResult result, TextWriter output)
    {
        var indicators = result.Results.SelectMany(r => r.Indicators.Select(i => i.Code)).Distinct(StringComparer.Ordinal).ToList();
        var pay = result.Results.SelectMany(r => r.Pay.Select(p => p.Component)).Distinct(StringComparer.Ordinal).ToList();
        var header = new List<string> { "period", "employee", "name", "org_unit", "scorecard" };
        header.AddRange(indicators.Select(i => "points:" + i));
        header.AddRange(["total", "grade", "coefficient"]);
        header.AddRange(pay.Select(p => "pay:" + p));
        header.Add("pay_total");
        output.Write(string.Join(',', header.Select(Cell)));
        output.Write('\n');
        foreach (var r in result.Results)
        {
            var row = new List<string> { result.Period.ToString(), r.Employee, r.Name, r.OrgUnit, r.Scorecard };
            row.AddRange(indicators.Select(code => r.Indicators.FirstOrDefault(i => i.Code == code) is { } i ? Num(i.Points) : ""));
            row.AddRange([Num(r.Total), r.Grade ?? "", r.Coefficient is { } c ? Num(c) : ""]);
            row.AddRange(pay.Select(code => r.Pay.FirstOrDefault(p => p.Component == code) is { } p ? Num(p.Amount) : ""));
            row.Add(Num(r.PayTotal));
            output.Write(string.Join(',', row.Select(Cell)));
            output.Write('\n');
        }
    }

    private static string Num(decimal d) => d.ToString(CultureInfo.InvariantCulture);

    /// <summary>Quotes a CSV cell when needed and defuses formula injection in text.</summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '@' or '\t' or '\r' or '-'
            && !decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        if (value.AsSpan().IndexOfAny(",\"\n\r") >= 0)
        {
            return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        }

        return value;
    }

    /// <summary>One table per scorecard: indicator points, total, grade, coefficient and pay.</summary>
    public static void Tables(CalculationResult result, Jixiao.Domain.Plans.Plan plan, IAnsiConsole console, CultureInfo culture)
    {
        foreach (var card in plan.Scorecards)
        {
            var group = result.Results.Where(r => r.Scorecard == card.Code).ToList();
            if (group.Count == 0)
            {
                continue;
            }

            var table = new Table().Border(TableBorder.Rounded)
                .Title(Markup.Escape(CliText.Get("Scorecard_Title", culture, Localized(card.Name, card.NameEn, culture), result.Period.ToString())));
            table.AddColumn(Markup.Escape(CliText.Get("Col_Employee", culture)));
            table.AddColumn(Markup.Escape(CliText.Get("Col_Name", culture)));
            foreach (var i in card.Indicators)
            {
                table.AddColumn(new TableColumn(Markup.Escape($"{Localized(i.Name, i.NameEn, culture)}({Num(i.Points)})")).RightAligned());
            }

            table.AddColumn(new TableColumn(Markup.Escape(CliText.Get("Col_Total", culture))).RightAligned());
            table.AddColumn(Markup.Escape(CliText.Get("Col_Grade", culture)));
            table.AddColumn(new TableColumn(Markup.Escape(CliText.Get("Col_Coefficient", culture))).RightAligned());
            var pay = group.SelectMany(r => r.Pay).Select(p => (p.Component, p.Name)).Distinct().ToList();
            foreach (var (code, name) in pay)
            {
                var component = plan.Pay.FirstOrDefault(c => c.Code == code);
                table.AddColumn(new TableColumn(Markup.Escape(Localized(name, component?.NameEn, culture))).RightAligned());
            }

            foreach (var r in group.OrderBy(r => r.Employee, StringComparer.Ordinal))
            {
                var cells = new List<string> { r.Employee, r.Name };
                cells.AddRange(card.Indicators.Select(i => r.Indicators.FirstOrDefault(x => x.Code == i.Code) is { } x ? x.Points.ToString("0.00", CultureInfo.InvariantCulture) : ""));
                cells.Add(r.Total.ToString("0.00", CultureInfo.InvariantCulture));
                cells.Add(r.Grade ?? "");
                cells.Add(r.Coefficient is { } c ? c.ToString("0.####", CultureInfo.InvariantCulture) : "");
                cells.AddRange(pay.Select(p => r.Pay.FirstOrDefault(x => x.Component == p.Component) is { } x ? x.Amount.ToString("#,##0.00", CultureInfo.InvariantCulture) : ""));
                table.AddRow(cells.Select(Markup.Escape).ToArray());
            }

            console.Write(table);
        }
    }

    /// <summary>The English name where the plan gives one and the reader chose English; the plan's own name otherwise.</summary>
    private static string Localized(string name, string? nameEn, CultureInfo culture) =>
        nameEn is { Length: > 0 } && culture.TwoLetterISOLanguageName == "en" ? nameEn : name;

    public static string Text(Explanation root, CultureInfo culture)
    {
        var sb = new StringBuilder();
        sb.Append(ExplanationText.Render(root, culture));
        return sb.ToString();
    }
}
