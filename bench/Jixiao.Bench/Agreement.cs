namespace Jixiao.Bench;

/// <summary>Whether two engines computed the same per-person outcome for everyone.</summary>
internal sealed record Agreement(int Left, int Right, int Matching, IReadOnlyList<string> Differences, int DifferenceCount)
{
    /// <summary>Both sides computed the same people and every one of them matches.</summary>
    public bool Agrees => DifferenceCount == 0 && Left == Right && Matching == Left;

    /// <summary>Compares per employee id; lists at most <paramref name="listed"/> differences.</summary>
    public static Agreement Compare(IReadOnlyList<PersonTotals> left, IReadOnlyList<PersonTotals> right, string leftName, string rightName, int listed = 10)
    {
        var byId = new Dictionary<string, PersonTotals>(right.Count, StringComparer.Ordinal);
        foreach (var r in right)
        {
            byId[r.Employee] = r;
        }

        var differences = new List<string>();
        var count = 0;
        var matching = 0;
        foreach (var l in left)
        {
            if (!byId.Remove(l.Employee, out var r))
            {
                count++;
                Note($"{l.Employee}: only in {leftName}: {l}");
                continue;
            }

            if (l.SameAs(r))
            {
                matching++;
            }
            else
            {
                count++;
                Note($"{leftName} {l}{Environment.NewLine}    {rightName} {r}");
            }
        }

        foreach (var r in byId.Values)
        {
            count++;
            Note($"{r.Employee}: only in {rightName}: {r}");
        }

        return new Agreement(left.Count, right.Count, matching, differences, count);

        void Note(string text)
        {
            if (differences.Count < listed)
            {
                differences.Add(text);
            }
        }
    }
}
