using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Jixiao.Domain.Plans;

/// <summary>
/// Bounds on a plan YAML, checked before the document is loaded: its size, how deep collections nest, and how many
/// nodes it has once aliases are expanded (a "billion laughs" file is a few hundred bytes whose aliases expand to
/// 10⁹ nodes). YamlDotNet builds its node tree recursively, so without the depth bound a file of 60 KB nested
/// 30,000 levels deep overflows the stack and ends the process; the check itself reads parser events one at a time
/// and stops at the first bound passed, so it neither recurses nor reads further than the bound. A syntax error
/// found on the way is reported here, with its line and column, before the node tree is built.
/// </summary>
/// <param name="MaxChars">Characters in the file (the database keeps plan YAML of up to 1,000,000).</param>
/// <param name="MaxDepth">Collections (mappings and lists) inside one another. The templates nest 7 deep.</param>
/// <param name="MaxNodes">Nodes counted with every alias expanded to the node it names.</param>
public sealed record YamlLimits(int MaxChars = 1_000_000, int MaxDepth = 64, long MaxNodes = 1_000_000)
{
    /// <summary>The limits every plan is read with.</summary>
    public static YamlLimits Default { get; } = new();

    /// <summary>Reads at most one character more than <see cref="MaxChars"/> of a file: enough for <see cref="Check"/> to refuse it.</summary>
    public static string ReadFile(string path)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return Read(reader);
    }

    /// <summary>Reads at most one character more than <see cref="MaxChars"/> (an upload): enough for <see cref="Check"/> to refuse it.</summary>
    public static string Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var buffer = new char[Default.MaxChars + 1];
        var read = reader.ReadBlock(buffer, 0, buffer.Length);
        return new string(buffer, 0, read);
    }

    /// <summary>The problem with <paramref name="yaml"/> when it passes a bound of <see cref="Default"/>, else null.</summary>
    public static PlanProblem? Check(string yaml, string file) => Default.Find(yaml, file);

    /// <summary>The problem with <paramref name="yaml"/> when it passes one of these bounds, else null.</summary>
    public PlanProblem? Find(string yaml, string file)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        if (yaml.Length > MaxChars)
        {
            var (line, column) = Position(yaml, MaxChars);
            return new PlanProblem(file, line, column, PlanProblemCode.YamlTooLarge, [MaxChars.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)]);
        }

        // Nodes in each anchored subtree (its size when an alias repeats it), and the collections open around the
        // current event: where they start, the node count there, and how many nodes they hold directly.
        var anchored = new Dictionary<AnchorName, long>();
        var open = new List<Frame>();
        long nodes = 0;
        var parser = new Parser(new StringReader(yaml));
        var last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                var e = parser.Current!;
                last = e.Start;
                if (e is NodeEvent or AnchorAlias && open.Count > 0)
                {
                    open[^1] = open[^1] with { Children = open[^1].Children + 1 };
                }

                switch (e)
                {
                    case MappingStart or SequenceStart:
                        if (open.Count >= MaxDepth)
                        {
                            return Problem(file, e.Start, PlanProblemCode.YamlTooDeep, MaxDepth);
                        }

                        nodes++;
                        open.Add(new Frame(e.Start, ((NodeEvent)e).Anchor, nodes - 1, e is MappingStart, 0, IsFlow(e)));
                        break;
                    case MappingEnd or SequenceEnd:
                        var frame = open[^1];
                        open.RemoveAt(open.Count - 1);
                        if (frame.IsMapping && frame.Children % 2 != 0)
                        {
                            // YamlDotNet's parser lets "? : ]" through as a mapping with a key and no value, which its
                            // node tree then refuses with an ArgumentException.
                            return new PlanProblem(file, (int)frame.Start.Line, (int)frame.Start.Column, PlanProblemCode.YamlKeyWithoutValue, []);
                        }

                        if (!frame.Anchor.IsEmpty)
                        {
                            anchored[frame.Anchor] = nodes - frame.Nodes;
                        }

                        break;
                    case Scalar s:
                        nodes++;
                        if (!s.Anchor.IsEmpty)
                        {
                            anchored[s.Anchor] = 1;
                        }

                        break;
                    case AnchorAlias a:
                        // An alias to an anchor whose collection is still open is a cycle; the loader rejects it.
                        nodes += anchored.GetValueOrDefault(a.Value, 1);
                        break;
                }

                if (nodes > MaxNodes)
                {
                    return Problem(file, e.Start, PlanProblemCode.YamlTooManyNodes, MaxNodes);
                }
            }
        }
        catch (YamlException ex)
        {
            // The loader would report this too, but YamlDotNet's node tree may first trip over the events the parser
            // gave before it noticed (a key without a value: ArgumentException), so it is reported here.
            return Unclosed(file, open, (int)ex.Start.Line, (int)ex.Start.Column, atEnd: false)
                ?? new PlanProblem(file, (int)ex.Start.Line, (int)ex.Start.Column, PlanProblemCode.YamlSyntax, [ex.InnerException?.Message ?? ex.Message]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this for some truncated documents (an unclosed flow collection), sometimes
            // while looking ahead, before it has given the "[" or "{" as an event: then the brackets after the last
            // event are matched here; failing that, the place after which nothing could be read is reported.
            var (line, column) = Position(yaml, yaml.Length);
            return Unclosed(file, open, line, column, atEnd: true)
                ?? UnclosedInText(file, yaml, (int)Math.Min(last.Index, yaml.Length), line, column)
                ?? new PlanProblem(file, Math.Max(1, (int)last.Line), Math.Max(1, (int)last.Column), PlanProblemCode.YamlUnreadable, []);
        }

        return null;
    }

    private static PlanProblem Problem(string file, Mark mark, PlanProblemCode code, long limit) =>
        new(file, (int)mark.Line, (int)mark.Column, code, [limit.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)]);

    /// <summary>An open collection: where it starts, its anchor, the node count before it, its kind, its direct children, and whether it is written in brackets.</summary>
    private readonly record struct Frame(Mark Start, AnchorName Anchor, long Nodes, bool IsMapping, int Children, bool IsFlow);

    private static bool IsFlow(ParsingEvent e) => e switch
    {
        SequenceStart s => s.Style == SequenceStyle.Flow,
        MappingStart m => m.Style == MappingStyle.Flow,
        _ => false,
    };

    /// <summary>
    /// A syntax error at the end of the file, or on a later line than the "[" or "{" still open around it, is that
    /// bracket left unclosed: reported where the bracket is, with the place the parser gave up as context (an
    /// unclosed "[" on line 146 is reported at 146, not at the end of the file). Null when the error is elsewhere.
    /// </summary>
    private static PlanProblem? Unclosed(string file, List<Frame> open, int line, int column, bool atEnd)
    {
        for (var i = open.Count - 1; i >= 0; i--)
        {
            var frame = open[i];
            if (!frame.IsFlow)
            {
                continue;
            }

            if (!atEnd && frame.Start.Line >= line)
            {
                return null;
            }

            var (opening, closing) = frame.IsMapping ? ("{", "}") : ("[", "]");
            var at = System.Globalization.CultureInfo.InvariantCulture;
            return new PlanProblem(file, (int)frame.Start.Line, (int)frame.Start.Column, PlanProblemCode.YamlUnclosed,
                [opening, closing, line.ToString(at), column.ToString(at)]);
        }

        return null;
    }

    /// <summary>
    /// The first "[" or "{" from <paramref name="from"/> on that is never closed, outside quotes and comments, reported
    /// where it opens with the end of the file as context; null when every bracket there is closed.
    /// </summary>
    private static PlanProblem? UnclosedInText(string file, string yaml, int from, int endLine, int endColumn)
    {
        var open = new Stack<int>();
        var i = from;
        while (i < yaml.Length)
        {
            var c = yaml[i];
            var atWordStart = i == 0 || yaml[i - 1] is ' ' or '\t' or '\n' or '\r' or '[' or '{' or ',' or ':';
            if (c == '#' && (i == 0 || yaml[i - 1] is ' ' or '\t' or '\n' or '\r'))
            {
                i = yaml.IndexOf('\n', i) is var eol and >= 0 ? eol : yaml.Length;
                continue;
            }

            if (c is '\'' or '"' && atWordStart)
            {
                i = QuoteEnd(yaml, i);
                continue;
            }

            if (c is '[' or '{')
            {
                open.Push(i);
            }
            else if (c is ']' or '}' && open.Count > 0 && yaml[open.Peek()] == (c == ']' ? '[' : '{'))
            {
                open.Pop();
            }

            i++;
        }

        if (open.Count == 0)
        {
            return null;
        }

        var first = open.Min();
        var (line, column) = Position(yaml, first);
        var at = System.Globalization.CultureInfo.InvariantCulture;
        return yaml[first] == '['
            ? new PlanProblem(file, line, column, PlanProblemCode.YamlUnclosed, ["[", "]", endLine.ToString(at), endColumn.ToString(at)])
            : new PlanProblem(file, line, column, PlanProblemCode.YamlUnclosed, ["{", "}", endLine.ToString(at), endColumn.ToString(at)]);
    }

    /// <summary>The index after the quoted scalar opening at <paramref name="start"/> ('' and \" escapes), or the end of the text.</summary>
    private static int QuoteEnd(string yaml, int start)
    {
        var quote = yaml[start];
        for (var i = start + 1; i < yaml.Length; i++)
        {
            if (quote == '"' && yaml[i] == '\\')
            {
                i++;
            }
            else if (yaml[i] == quote)
            {
                if (quote == '\'' && i + 1 < yaml.Length && yaml[i + 1] == '\'')
                {
                    i++;
                    continue;
                }

                return i + 1;
            }
        }

        return yaml.Length;
    }

    /// <summary>The 1-based line and column of character <paramref name="index"/>.</summary>
    private static (int Line, int Column) Position(string text, int index)
    {
        var before = text.AsSpan(0, index);
        var line = before.Count('\n') + 1;
        var lastBreak = before.LastIndexOf('\n');
        return (line, index - lastBreak);
    }
}
