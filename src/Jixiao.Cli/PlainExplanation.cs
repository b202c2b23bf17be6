using System.Globalization;
using System.Text;
using Jixiao.Domain.Calculation;
using Jixiao.Domain.Explanations;
using Jixiao.Domain.Plans;
using Jixiao.Domain.Scoring;

namespace Jixiao.Cli;

/// <summary>
/// <c>jixiao calc --explain ID</c> in plain words (issue 12), as the web app's explanation: one sentence per indicator
/// ("销售额 1,260,000 元 ÷ 目标 1,500,000 元 = 84%，× 20 分 = 16.8 分", the same <see cref="IndicatorSentence"/> the web
/// uses), each part of a sum of parts, the ids of the source rows (<c>sales:XS-1001 ×0.5</c>), the total, grade and
/// coefficient, and each pay line. Names in the reader's language; the formula's own trace is behind <c>--formula</c>.
/// </summary>
internal static class PlainExplanation
{
    public static string Text(EmployeeResult person, Explanation root, Plan plan, CliApp.Io io)
    {
        var culture = io.Culture;
        var card = plan.Scorecards.FirstOrDefault(c => c.Code == person.Scorecard);
        var sb = new StringBuilder();
        foreach (var indicator in person.Indicators)
        {
            var defined = card?.Indicators.FirstOrDefault(i => i.Code == indicator.Code);
            var name = defined is null ? indicator.Name : io.Name(defined.Name, defined.NameEn, defined.NameZhTw);
            sb.Append("  ").Append(IndicatorSentence.Of(indicator with { Name = name }, culture)).Append('\n');
            var parts = (defined?.Rule as SumOfPartsRule)?.Parts ?? [];
            foreach (var part in indicator.Parts ?? [])
            {
                var named = parts.FirstOrDefault(p => p.Name == part.Name);
                sb.Append("    ").Append(IndicatorSentence.OfPart(part, named is null ? part.Name : io.Name(named.Name, named.NameEn, named.NameZhTw), culture)).Append('\n');
            }

            var node = root.Children.FirstOrDefault(c => c.Kind == ExplanationKind.Indicator && c.Label == indicator.Code);
            // Each list of rows once (the parts of a sum of parts often read the same rows).
            foreach (var sourced in (node is null ? [] : Sourced(node)).DistinctBy(n => string.Join('\n', n.Sources), StringComparer.Ordinal))
            {
                sb.Append("    ").Append(Jixiao.Domain.Localization.Text.Format("Explain_SourceRows", culture, sourced.SourceCount))
                    .Append(string.Join(", ", sourced.Sources)).Append(sourced.SourceCount > sourced.Sources.Count ? ", …" : "").Append('\n');
            }
        }

        sb.Append("  ").Append(io.T("Plain_Total", Num(person.Total), person.Grade ?? "—",
            person.Coefficient is { } c ? c.ToString("0.####", CultureInfo.InvariantCulture) : "—")).Append('\n');
        foreach (var line in person.Pay)
        {
            var component = plan.Pay.FirstOrDefault(p => p.Code == line.Component);
            var name = component is null ? line.Name : io.Name(component.Name, component.NameEn, component.NameZhTw);
            sb.Append("  ").Append(io.T("Plain_Pay", name, line.Amount.ToString("#,##0.00", CultureInfo.InvariantCulture))).Append('\n');

            // A forfeited line says why (left before the assessment date), in words.
            var node = root.Children.FirstOrDefault(n => n.Kind == ExplanationKind.Pay && n.Label == line.Component);
            foreach (var forfeit in node?.Children.Where(n => n.Label == "forfeit") ?? [])
            {
                sb.Append("    ").Append(ExplanationText.Detail(forfeit, culture)).Append('\n');
            }
        }

        sb.Append("  ").Append(io.T("Plain_FormulaHint")).Append('\n');
        return sb.ToString();
    }

    private static string Num(decimal value) => value.ToString("#,##0.##", CultureInfo.InvariantCulture);

    private static IEnumerable<Explanation> Sourced(Explanation node) =>
        node.Sources.Count > 0 ? [node] : node.Children.SelectMany(Sourced);
}
