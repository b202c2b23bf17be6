using YamlDotNet.RepresentationModel;

namespace Jixiao.Domain.Plans;

public static partial class PlanLoader
{
    // docs/plan-format.md §4a, `positions`, `levels`, `categories`, `tiers`: the names of the employee attributes the
    // data carries as codes, in up to three languages; a position may be "not assessed" (`assessed: false`).
    private sealed partial class Reader
    {
        /// <summary>The attribute names of one section (<paramref name="section"/>), by code; empty when absent.</summary>
        private Dictionary<string, AttributeName> ReadAttributes(YamlNode? node, string section, bool positions)
        {
            var result = new Dictionary<string, AttributeName>(StringComparer.Ordinal);
            var map = y.Map(node, section);
            if (map is null)
            {
                return result;
            }

            foreach (var (k, v) in map.Children)
            {
                var code = (k as YamlScalarNode)?.Value ?? "";
                var where = section + "." + code;
                if (code.Length is 0 or > 64 || code.Any(char.IsWhiteSpace))
                {
                    y.Error(k, PlanProblemCode.InvalidCode, code, section);
                    continue;
                }

                var entry = positions ? y.Map(v, where, "name", "name_en", "name_zh_tw", "assessed") : y.Map(v, where, "name", "name_en", "name_zh_tw");
                var name = y.Str(entry, "name", where, required: true);
                if (entry is null || name is null)
                {
                    continue;
                }

                result[code] = new AttributeName(code, name, y.Str(entry, "name_en", where), y.Str(entry, "name_zh_tw", where))
                {
                    Assessed = !positions || (y.Bool(entry, "assessed", where) ?? true),
                };
            }

            return result;
        }
    }
}
