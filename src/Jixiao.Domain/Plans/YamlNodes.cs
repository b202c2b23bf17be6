using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Jixiao.Domain.Plans;

/// <summary>
/// Typed access to a YAML document that records a problem, with line and column, for every value of the
/// wrong shape instead of stopping at the first one.
/// </summary>
internal sealed class YamlNodes(string file)
{
    public List<PlanProblem> Problems { get; } = [];

    public string File { get; } = file;

    public bool HasErrors => Problems.Exists(p => p.Severity == ProblemSeverity.Error);

    public void Error(YamlNode? node, PlanProblemCode code, params string[] args) => Add(node, code, ProblemSeverity.Error, args);

    public void Warning(YamlNode? node, PlanProblemCode code, params string[] args) => Add(node, code, ProblemSeverity.Warning, args);

    public static SourceMark MarkOf(YamlNode? node) =>
        node is null ? new SourceMark(1, 1) : new SourceMark((int)node.Start.Line, (int)node.Start.Column);

    private void Add(YamlNode? node, PlanProblemCode code, ProblemSeverity severity, string[] args)
    {
        var mark = MarkOf(node);
        Problems.Add(new PlanProblem(File, mark.Line, mark.Column, code, args, severity));
    }

    /// <summary>The node as a mapping, checking that only <paramref name="allowed"/> keys appear.</summary>
    public YamlMappingNode? Map(YamlNode? node, string where, params string[] allowed)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not YamlMappingNode map)
        {
            Error(node, PlanProblemCode.ExpectedMapping, where);
            return null;
        }

        if (allowed.Length > 0)
        {
            foreach (var key in map.Children.Keys)
            {
                var k = (key as YamlScalarNode)?.Value ?? "";
                if (Array.IndexOf(allowed, k) < 0)
                {
                    Error(key, PlanProblemCode.UnknownKey, k, where, string.Join(", ", allowed));
                }
            }
        }

        return map;
    }

    public YamlSequenceNode? Seq(YamlNode? node, string where)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not YamlSequenceNode seq)
        {
            Error(node, PlanProblemCode.ExpectedList, where);
            return null;
        }

        return seq;
    }

    public static YamlNode? Get(YamlMappingNode? map, string key)
    {
        if (map is null)
        {
            return null;
        }

        return map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;
    }

    public string? Str(YamlMappingNode? map, string key, string where, bool required = false)
    {
        var node = Get(map, key);
        if (node is null)
        {
            if (required)
            {
                Error(map, PlanProblemCode.MissingKey, key, where);
            }

            return null;
        }

        if (node is not YamlScalarNode s)
        {
            Error(node, PlanProblemCode.ExpectedScalar, key, where);
            return null;
        }

        if (required && string.IsNullOrWhiteSpace(s.Value))
        {
            Error(node, PlanProblemCode.MissingKey, key, where);
            return null;
        }

        return s.Value;
    }

    public string? Code(YamlMappingNode? map, string key, string where, bool required = true)
    {
        var node = Get(map, key);
        var value = Str(map, key, where, required);
        if (value is not null && !IsCode(value))
        {
            Error(node, PlanProblemCode.InvalidCode, value, where);
            return null;
        }

        return value;
    }

    public static bool IsCode(string s)
    {
        if (s.Length == 0 || s.Length > 64 || !char.IsAsciiLetterLower(s[0]))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A decimal, or a percentage written as <c>60%</c>.</summary>
    public decimal? Dec(YamlMappingNode? map, string key, string where, bool required = false)
    {
        var node = Get(map, key);
        if (node is null)
        {
            if (required)
            {
                Error(map, PlanProblemCode.MissingKey, key, where);
            }

            return null;
        }

        return Dec(node, key, where);
    }

    public decimal? Dec(YamlNode node, string key, string where)
    {
        if (node is not YamlScalarNode s || s.Value is null)
        {
            Error(node, PlanProblemCode.ExpectedNumber, key, where, "");
            return null;
        }

        if (TryParseDecimal(s.Value, out var d))
        {
            return d;
        }

        Error(node, PlanProblemCode.ExpectedNumber, key, where, s.Value);
        return null;
    }

    public static bool TryParseDecimal(string text, out decimal value)
    {
        var t = text.Trim();
        var percent = t.EndsWith('%');
        if (percent)
        {
            t = t[..^1].TrimEnd();
        }

        t = t.Replace("_", "", StringComparison.Ordinal);
        if (decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            if (percent)
            {
                value /= 100m;
            }

            return true;
        }

        return false;
    }

    public int? Int(YamlMappingNode? map, string key, string where)
    {
        var d = Dec(map, key, where);
        if (d is null)
        {
            return null;
        }

        if (d != decimal.Truncate(d.Value) || d < int.MinValue || d > int.MaxValue)
        {
            Error(Get(map, key), PlanProblemCode.ExpectedInteger, key, where);
            return null;
        }

        return (int)d.Value;
    }

    public bool? Bool(YamlMappingNode? map, string key, string where)
    {
        var s = Str(map, key, where);
        if (s is null)
        {
            return null;
        }

        switch (s.Trim().ToUpperInvariant())
        {
            case "TRUE" or "YES" or "ON":
                return true;
            case "FALSE" or "NO" or "OFF":
                return false;
            default:
                Error(Get(map, key), PlanProblemCode.ExpectedBoolean, key, where);
                return null;
        }
    }

    public DateOnly? Date(YamlMappingNode? map, string key, string where)
    {
        var s = Str(map, key, where);
        if (s is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(s.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }

        Error(Get(map, key), PlanProblemCode.ExpectedDate, key, where, s);
        return null;
    }

    /// <summary>A scalar or a list of scalars, as a list; null when absent.</summary>
    public List<string>? StrList(YamlMappingNode? map, string key, string where)
    {
        var node = Get(map, key);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode s)
        {
            return string.IsNullOrWhiteSpace(s.Value) ? null : [s.Value!];
        }

        if (node is YamlSequenceNode seq)
        {
            var list = new List<string>();
            foreach (var item in seq)
            {
                if (item is YamlScalarNode si && !string.IsNullOrWhiteSpace(si.Value))
                {
                    list.Add(si.Value!);
                }
                else
                {
                    Error(item, PlanProblemCode.ExpectedScalar, key, where);
                }
            }

            return list;
        }

        Error(node, PlanProblemCode.ExpectedList, where);
        return null;
    }

    /// <summary>An enum value by its snake_case name.</summary>
    public TEnum? Enum<TEnum>(YamlMappingNode? map, string key, string where, params (string Name, TEnum Value)[] values)
        where TEnum : struct
    {
        var node = Get(map, key);
        var s = Str(map, key, where);
        if (s is null)
        {
            return null;
        }

        foreach (var (name, value) in values)
        {
            if (string.Equals(name, s.Trim(), StringComparison.Ordinal))
            {
                return value;
            }
        }

        Error(node, PlanProblemCode.InvalidChoice, key, where, s, string.Join(", ", values.Select(v => v.Name)));
        return null;
    }
}
