using System.Globalization;
using System.Text;
using Jixiao.Domain.Localization;

namespace Jixiao.Domain.Explanations;

/// <summary>Renders an explanation tree as indented text in the user's language.</summary>
public static class ExplanationText
{
    /// <summary>
    /// The detail of one node in the given language (a message key is looked up; plain text is kept), followed by its
    /// comment when it still has one (<see cref="Explanation.RemoveComments"/>).
    /// </summary>
    public static string Detail(Explanation node, CultureInfo? culture)
    {
        ArgumentNullException.ThrowIfNull(node);
        var detail = node.Detail is null ? ""
            : node.Detail.StartsWith("Explain_", StringComparison.Ordinal) ? Text.Format(node.Detail, culture, [.. node.DetailArgs])
            : node.Detail;
        return string.IsNullOrWhiteSpace(node.Comment) ? detail : Text.Format("Explain_Comment", culture, detail, node.Comment);
    }

    /// <summary>The whole tree, two spaces of indentation per level.</summary>
    public static string Render(Explanation root, CultureInfo? culture)
    {
        var sb = new StringBuilder();
        Write(sb, root, 0, culture);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, Explanation node, int depth, CultureInfo? culture)
    {
        sb.Append(' ', depth * 2);
        sb.Append(node.Label);
        if (node.Value is { } v)
        {
            sb.Append(" = ").Append(Format(v));
        }

        var detail = Detail(node, culture);
        if (detail.Length > 0)
        {
            sb.Append("  — ").Append(detail);
        }

        sb.Append('\n');
        if (node.Sources.Count > 0)
        {
            sb.Append(' ', (depth + 1) * 2);
            sb.Append(Text.Format("Explain_SourceRows", culture, node.SourceCount));
            sb.Append(string.Join(", ", node.Sources));
            if (node.SourceCount > node.Sources.Count)
            {
                sb.Append(", …");
            }

            sb.Append('\n');
        }

        foreach (var child in node.Children)
        {
            Write(sb, child, depth + 1, culture);
        }
    }

    /// <summary>A decimal without trailing zeros beyond what it needs, at most 10 places.</summary>
    public static string Format(decimal value)
    {
        var rounded = Math.Round(value, 10, MidpointRounding.AwayFromZero);
        return rounded.ToString("0.##########", CultureInfo.InvariantCulture);
    }
}
