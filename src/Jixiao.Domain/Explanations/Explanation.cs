namespace Jixiao.Domain.Explanations;

/// <summary>What an explanation node describes.</summary>
public enum ExplanationKind
{
    Employee,
    Indicator,
    Part,
    Metric,
    Target,
    Ratio,
    Rule,
    Rating,
    Total,
    Grade,
    Coefficient,
    Pay,
    Step,
    Sources,
}

/// <summary>
/// One node of the tree that says how a number was computed: a label, the value, the rule or formula
/// in words, the ids of the rows it came from, and the nodes it was computed from.
/// </summary>
public sealed class Explanation
{
    public Explanation(ExplanationKind kind, string label, decimal? value = null, string? detail = null)
    {
        Kind = kind;
        Label = label;
        Value = value;
        Detail = detail;
    }

    public ExplanationKind Kind { get; }

    /// <summary>Code or name of what is explained (indicator code, metric code, component code).</summary>
    public string Label { get; }

    public decimal? Value { get; set; }

    /// <summary>A message key (from DomainMessages) or plain text describing the rule or step.</summary>
    public string? Detail { get; set; }

    /// <summary>Arguments for <see cref="Detail"/> when it is a message key.</summary>
    public IReadOnlyList<object?> DetailArgs { get; set; } = [];

    /// <summary>
    /// A rating's comment (评语), kept apart from <see cref="DetailArgs"/>: not everyone who may read the numbers may read
    /// it (finance and API tokens never do, docs/decisions/0006), so readers remove it with <see cref="RemoveComments"/>.
    /// </summary>
    public string? Comment { get; set; }

    public List<Explanation> Children { get; } = [];

    /// <summary>Source rows, as "file:id" (e.g. "sales:S-1001").</summary>
    public List<string> Sources { get; } = [];

    /// <summary>How many source rows there were in all (more than <see cref="Sources"/> lists when capped).</summary>
    public int SourceCount { get; set; }

    /// <summary>Removes the comment of this node and of every node below it; returns this node.</summary>
    public Explanation RemoveComments()
    {
        var pending = new Stack<Explanation>();
        pending.Push(this);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            node.Comment = null;
            foreach (var child in node.Children)
            {
                pending.Push(child);
            }
        }

        return this;
    }

    public Explanation Add(Explanation child)
    {
        Children.Add(child);
        return child;
    }

    public Explanation Add(ExplanationKind kind, string label, decimal? value = null, string? detail = null, params object?[] args)
    {
        var node = new Explanation(kind, label, value, detail) { DetailArgs = args };
        Children.Add(node);
        return node;
    }
}
