namespace Jixiao.Formulas;

/// <summary>The variables formulas may use, each with a dense slot index into the values given to Evaluate.</summary>
/// <remarks>Names compare ordinally and case-sensitively; slots follow the order of the names given.</remarks>
public sealed class VariableCatalogue
{
    private readonly string[] _names;
    private readonly Dictionary<string, int> _slots;

    /// <summary>Creates a catalogue; slot i is the i-th name.</summary>
    /// <exception cref="ArgumentException">A name is null, empty or given twice.</exception>
    public VariableCatalogue(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        _names = [.. names];
        _slots = new Dictionary<string, int>(_names.Length, StringComparer.Ordinal);
        for (var slot = 0; slot < _names.Length; slot++)
        {
            var name = _names[slot];
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException($"Variable name at slot {slot} is null or empty.", nameof(names));
            }

            if (!_slots.TryAdd(name, slot))
            {
                throw new ArgumentException($"Variable name '{name}' appears more than once.", nameof(names));
            }
        }

        Names = Array.AsReadOnly(_names);
    }

    /// <summary>The number of variables, which is also the length Evaluate's values need at most.</summary>
    public int Count => _names.Length;

    /// <summary>The names, in slot order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Finds the slot of a name.</summary>
    public bool TryGetSlot(string name, out int slot) => _slots.TryGetValue(name, out slot);

    /// <summary>The name of a slot.</summary>
    public string NameOf(int slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, _names.Length);
        return _names[slot];
    }

    /// <summary>Whether a formula can refer to this name: an identifier that is not a keyword.</summary>
    public static bool IsValidName(string name)
    {
        if (string.IsNullOrEmpty(name) || !Syntax.FormulaParser.IsIdentifierStart(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!Syntax.FormulaParser.IsIdentifierPart(c))
            {
                return false;
            }
        }

        return !Syntax.FormulaParser.IsKeyword(name);
    }
}
