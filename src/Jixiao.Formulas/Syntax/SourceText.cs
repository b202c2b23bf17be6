namespace Jixiao.Formulas.Syntax;

/// <summary>A formula's source with a table of line starts, to turn offsets into lines and columns.</summary>
/// <remarks>
/// Lines and columns follow Parlot's <c>TextPosition</c>: both start at 1, a line ends after '\n', and
/// every other UTF-16 char (including '\r') occupies one column.
/// </remarks>
internal sealed class SourceText
{
    private readonly int[] _lineStarts;

    public SourceText(string text)
    {
        Text = text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = [.. starts];
    }

    public string Text { get; }

    public SourceSpan Span(int start, int end)
    {
        var (line, column) = LineAndColumn(start);
        return new SourceSpan(start, end, line, column);
    }

    public (int Line, int Column) LineAndColumn(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var index = Array.BinarySearch(_lineStarts, offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return (index + 1, offset - _lineStarts[index] + 1);
    }

    /// <summary>The text of a 1-based line, without its line break.</summary>
    public string LineText(int line)
    {
        var start = _lineStarts[line - 1];
        var end = line < _lineStarts.Length ? _lineStarts[line] - 1 : Text.Length;
        if (end > start && Text[end - 1] == '\r')
        {
            end--;
        }

        return Text[start..end];
    }

    public string Slice(SourceSpan span) => Text[span.Start..span.End];
}

/// <summary>Where a node sits in the source: offsets [Start, End) and the line and column of Start.</summary>
internal readonly record struct SourceSpan(int Start, int End, int Line, int Column)
{
    /// <summary>A span from the start of <paramref name="first"/> to the end of <paramref name="last"/>.</summary>
    public static SourceSpan Cover(SourceSpan first, SourceSpan last) =>
        new(first.Start, last.End, first.Line, first.Column);
}
