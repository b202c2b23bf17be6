using System.Numerics;
using System.Runtime.CompilerServices;
using Jixiao.Domain.Data;

namespace Jixiao.Application.Import;

/// <summary>
/// Finds duplicate row ids among millions of rows and answers id → row afterwards (credits name sales
/// by id). Ids in strictly ascending byte order (exports sorted by id) are unique by that fact alone and
/// are looked up by binary search. Otherwise: open addressing over the precomputed hashes, the hash space
/// split in partitions built in parallel, each by one thread that owns its table.
/// </summary>
internal sealed class RowIdIndex
{
    private readonly StringColumn _ids;
    private readonly ulong[]? _hashes;
    private readonly int[][]? _tables;
    private readonly int _shift;

    private RowIdIndex(StringColumn ids, ulong[]? hashes, int partitions)
    {
        _ids = ids;
        _hashes = hashes;
        _tables = partitions == 0 ? null : new int[partitions][];
        _shift = partitions == 0 ? 0 : 64 - BitOperations.Log2((uint)partitions);
    }

    /// <summary>Indexes <paramref name="ids"/>; <paramref name="duplicates"/> gets (row, first row with the same id).</summary>
    public static RowIdIndex Build(StringColumn ids, int parallelism, out List<(int Row, int First)> duplicates)
    {
        duplicates = [];
        var n = ids.Count;
        if (IsAscending(ids))
        {
            return new RowIdIndex(ids, null, 0);
        }

        var partitions = parallelism > 1 && n >= 1 << 18 ? (int)BitOperations.RoundUpToPowerOf2((uint)Math.Min(parallelism, 8)) : 1;
        var hashes = GC.AllocateUninitializedArray<ulong>(n);
        Parallel.For(0, partitions, new ParallelOptions { MaxDegreeOfParallelism = partitions }, p =>
        {
            for (int i = (int)((long)n * p / partitions), end = (int)((long)n * (p + 1) / partitions); i < end; i++)
            {
                hashes[i] = Utf8Hash.Hash(ids.Utf8(i));
            }
        });
        var index = new RowIdIndex(ids, hashes, partitions);
        var found = new List<(int, int)>[partitions];
        var slots = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, ((long)n * 2 / partitions) + 16));
        if (partitions == 1)
        {
            found[0] = index.Fill(0, slots);
        }
        else
        {
            Parallel.For(0, partitions, new ParallelOptions { MaxDegreeOfParallelism = partitions }, p => found[p] = index.Fill(p, slots));
        }

        foreach (var f in found)
        {
            duplicates.AddRange(f);
        }

        duplicates.Sort((a, b) => a.Row.CompareTo(b.Row));
        return index;
    }

    /// <summary>The row whose id is <paramref name="id"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Find(ReadOnlySpan<byte> id)
    {
        if (_tables is null)
        {
            int lo = 0, hi = _ids.Count - 1;
            while (lo <= hi)
            {
                var mid = (int)((uint)(lo + hi) >> 1);
                var c = _ids.Utf8(mid).SequenceCompareTo(id);
                if (c == 0)
                {
                    return mid;
                }

                if (c < 0)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            return -1;
        }

        var hash = Utf8Hash.Hash(id);
        var table = _tables[_tables.Length == 1 ? 0 : (int)(hash >> _shift)];
        var mask = table.Length - 1;
        var slot = (int)hash & mask;
        while (true)
        {
            var entry = table[slot];
            if (entry == 0)
            {
                return -1;
            }

            var row = entry - 1;
            if (_hashes![row] == hash && _ids.Utf8(row).SequenceEqual(id))
            {
                return row;
            }

            slot = (slot + 1) & mask;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsAscending(StringColumn ids)
    {
        for (var i = 1; i < ids.Count; i++)
        {
            if (ids.Utf8(i - 1).SequenceCompareTo(ids.Utf8(i)) >= 0)
            {
                return false;
            }
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private List<(int, int)> Fill(int partition, int slots)
    {
        var table = new int[slots];
        _tables![partition] = table;
        var mask = slots - 1;
        var hashes = _hashes!;
        var single = _tables.Length == 1;
        var duplicates = new List<(int, int)>();
        for (var row = 0; row < hashes.Length; row++)
        {
            var hash = hashes[row];
            if (!single && (int)(hash >> _shift) != partition)
            {
                continue;
            }

            var slot = (int)hash & mask;
            while (true)
            {
                var entry = table[slot];
                if (entry == 0)
                {
                    table[slot] = row + 1;
                    break;
                }

                var other = entry - 1;
                if (hashes[other] == hash && _ids.Utf8(other).SequenceEqual(_ids.Utf8(row)))
                {
                    duplicates.Add((row, other));
                    break;
                }

                slot = (slot + 1) & mask;
            }
        }

        return duplicates;
    }
}
