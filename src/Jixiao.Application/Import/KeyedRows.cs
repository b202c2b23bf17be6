using System.Runtime.CompilerServices;
using System.Text;
using Jixiao.Domain.Data;

namespace Jixiao.Application.Import;

/// <summary>An org unit row as read, with its line for later checks.</summary>
internal sealed record OrgUnitRow(OrgUnit Unit, int Line);

/// <summary>An employee row as read, with its line for later checks.</summary>
internal sealed record EmployeeRow(Employee Employee, int Line);

/// <summary>Rows of a file keyed by id: the index gives the first row with each id.</summary>
internal sealed class KeyedRows<T>
{
    public HeaderMap? Map { get; set; }

    public List<T> Rows { get; } = [];

    public Utf8Index Index { get; } = new();

    /// <summary>Row number of each distinct id, in index order.</summary>
    public List<int> FirstRow { get; } = [];

    /// <summary>The row with <paramref name="id"/>, or -1.</summary>
    public int Find(ReadOnlySpan<byte> id)
    {
        var i = Index.Find(id);
        return i < 0 ? -1 : FirstRow[i];
    }

    public int Find(string id) => Find(Encoding.UTF8.GetBytes(id));

    /// <summary>Registers the id of the row about to be added; reports a duplicate.</summary>
    public void AddId(RowView row, int col, Func<int, int> lineOfRow)
    {
        var id = row.Get(col);
        if (id.IsEmpty)
        {
            return;
        }

        var index = Index.GetOrAdd(id, out var added);
        if (added)
        {
            FirstRow.Add(Rows.Count);
        }
        else
        {
            row.Error(col, DataErrorCode.DuplicateId, ErrorList.Text(id), ErrorList.Number(lineOfRow(FirstRow[index])));
        }
    }
}

/// <summary>A column of rows appended one by one; <see cref="Items"/> may be longer than <see cref="Count"/>.</summary>
internal sealed class GrowingColumn<T>(int capacity)
{
    public T[] Items { get; private set; } = new T[Math.Max(4, capacity)];

    public int Count { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T value)
    {
        if (Count == Items.Length)
        {
            var grown = new T[Items.Length * 2];
            Array.Copy(Items, grown, Count);
            Items = grown;
        }

        Items[Count++] = value;
    }
}
