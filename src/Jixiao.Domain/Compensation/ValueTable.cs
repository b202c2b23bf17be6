namespace Jixiao.Domain.Compensation;

/// <summary>A value that depends on an employee attribute (level, tier, category, position) or product.</summary>
public sealed record ValueTable(string? By, decimal? Fixed, IReadOnlyDictionary<string, decimal> Values, decimal? Default)
{
    public static ValueTable Of(decimal value) => new(null, value, new Dictionary<string, decimal>(), null);

    public bool TryGet(string? key, out decimal value)
    {
        if (Fixed is { } f)
        {
            value = f;
            return true;
        }

        if (key is not null && Values.TryGetValue(key, out value))
        {
            return true;
        }

        if (Default is { } d)
        {
            value = d;
            return true;
        }

        value = 0;
        return false;
    }

    public static string? Attribute(string? by, Data.Employee e) => by switch
    {
        "level" => e.Level,
        "tier" => e.Tier,
        "category" => e.Category,
        "position" => e.Position,
        _ => null,
    };
}
