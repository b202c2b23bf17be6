using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Jixiao.Application.Import;

/// <summary>A fast non-cryptographic hash of short UTF-8 keys (ids, product names).</summary>
internal static class Utf8Hash
{
    private const ulong K0 = 0x9E3779B97F4A7C15UL;
    private const ulong K1 = 0xBF58476D1CE4E5B9UL;
    private const ulong K2 = 0x94D049BB133111EBUL;

    /// <summary>
    /// Up to eight bytes of the key packed in a word. For keys of up to eight bytes it holds every byte at a
    /// position that depends only on the length, so equal length and equal head mean equal keys.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Head(ReadOnlySpan<byte> key)
    {
        ref var r = ref MemoryMarshal.GetReference(key);
        var n = key.Length;
        if (n >= 8)
        {
            return Unsafe.ReadUnaligned<ulong>(ref r);
        }

        if (n >= 4)
        {
            return Unsafe.ReadUnaligned<uint>(ref r) | ((ulong)Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref r, n - 4)) << 32);
        }

        return n == 0 ? 0 : r | ((ulong)Unsafe.Add(ref r, n >> 1) << 8) | ((ulong)Unsafe.Add(ref r, n - 1) << 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash(ReadOnlySpan<byte> key)
    {
        ref var r = ref MemoryMarshal.GetReference(key);
        var n = key.Length;
        var h = K0 ^ ((ulong)n * K2);
        if (n >= 8)
        {
            var i = 0;
            for (; i + 8 < n; i += 8)
            {
                h = (h ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref r, i))) * K1;
                h ^= h >> 29;
            }

            // The last (possibly overlapping) word.
            h = (h ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref r, n - 8))) * K1;
        }
        else if (n >= 4)
        {
            ulong lo = Unsafe.ReadUnaligned<uint>(ref r);
            ulong hi = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref r, n - 4));
            h = (h ^ (lo | (hi << 32))) * K1;
        }
        else if (n > 0)
        {
            ulong w = r | ((ulong)Unsafe.Add(ref r, n >> 1) << 8) | ((ulong)Unsafe.Add(ref r, n - 1) << 16);
            h = (h ^ w) * K1;
        }

        h ^= h >> 31;
        h *= K2;
        h ^= h >> 32;
        return h;
    }
}

/// <summary>
/// Interns UTF-8 keys to dense indexes (0, 1, 2, …) with open addressing, so a lookup from the bytes of
/// a CSV field costs one hash and one probe and allocates nothing. Reads are safe from many threads
/// once no more keys are added.
/// </summary>
internal sealed class Utf8Index
{
    private byte[] _keys;
    private int _keysLength;
    private int[] _offsets;
    private ulong[] _hashes;
    private Slot[] _slots;
    private int _mask;
    private NumericKeys? _numeric;

    public Utf8Index(int capacity = 16)
    {
        var slots = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2));
        _slots = new Slot[slots];
        _mask = slots - 1;
        _keys = new byte[Math.Max(64, capacity * 8)];
        _offsets = new int[Math.Max(16, capacity) + 1];
        _hashes = new ulong[Math.Max(16, capacity)];
    }

    /// <summary>Number of distinct keys.</summary>
    public int Count { get; private set; }

    /// <summary>The bytes of key <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Key(int index) => _keys.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]);

    /// <summary>The index of <paramref name="key"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(ReadOnlySpan<byte> key)
    {
        var numeric = _numeric;
        return numeric is not null ? numeric.Find(key) : Find(key, Utf8Hash.Hash(key));
    }

    /// <summary>
    /// Called once no more keys will be added: when every key is one fixed prefix followed by a fixed number of
    /// digits (E000001 … E100000) and the numbers are dense enough, <see cref="Find(ReadOnlySpan{byte})"/>
    /// reads the digits and an array instead of probing the hash table (which, at 100,000 employee ids, misses
    /// the cache on almost every look-up). Same answers; adding a key afterwards turns it off.
    /// </summary>
    public void Freeze() => _numeric = NumericKeys.TryBuild(this);

    /// <summary>Whether <see cref="Freeze"/> found the keys numeric (for tests).</summary>
    internal bool IsNumeric => _numeric is not null;

    /// <summary>The index of <paramref name="key"/> whose hash is <paramref name="hash"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Find(ReadOnlySpan<byte> key, ulong hash)
    {
        // A slot holds the key's length and first bytes: short keys (ids, product names) compare in one
        // step without touching the key bytes; longer ones compare the rest too.
        var slots = _slots;
        var mask = _mask;
        var head = Utf8Hash.Head(key);
        var length = key.Length;
        var i = (int)hash & mask;
        while (true)
        {
            ref var slot = ref slots[i];
            if (slot.Index == 0)
            {
                return -1;
            }

            if (slot.Head == head && slot.Length == length && (length <= 8 || _keys.AsSpan(slot.Start, length).SequenceEqual(key)))
            {
                return slot.Index - 1;
            }

            i = (i + 1) & mask;
        }
    }

    /// <summary>The index of <paramref name="key"/>, adding it when new.</summary>
    public int GetOrAdd(ReadOnlySpan<byte> key, out bool added)
    {
        var hash = Utf8Hash.Hash(key);
        var found = Find(key, hash);
        if (found >= 0)
        {
            added = false;
            return found;
        }

        added = true;
        return Add(key, hash);
    }

    /// <summary>The index of <paramref name="key"/>, adding it when new.</summary>
    public int GetOrAdd(ReadOnlySpan<byte> key) => GetOrAdd(key, out _);

    private int Add(ReadOnlySpan<byte> key, ulong hash)
    {
        _numeric = null;
        var index = Count;
        if (index + 2 > _offsets.Length)
        {
            Array.Resize(ref _offsets, _offsets.Length * 2);
        }

        if (index + 1 > _hashes.Length)
        {
            Array.Resize(ref _hashes, _hashes.Length * 2);
        }

        if (_keysLength + key.Length > _keys.Length)
        {
            Array.Resize(ref _keys, Math.Max(_keys.Length * 2, _keysLength + key.Length));
        }

        key.CopyTo(_keys.AsSpan(_keysLength));
        _keysLength += key.Length;
        _offsets[index + 1] = _keysLength;
        _hashes[index] = hash;
        Count = index + 1;
        if (Count * 2 > _slots.Length)
        {
            Rehash(_slots.Length * 2);
        }
        else
        {
            Place(index);
        }

        return index;
    }

    private void Place(int index)
    {
        var hash = _hashes[index];
        var i = (int)hash & _mask;
        while (_slots[i].Index != 0)
        {
            i = (i + 1) & _mask;
        }

        var key = Key(index);
        _slots[i] = new Slot(Utf8Hash.Head(key), index + 1, _offsets[index], key.Length);
    }

    private void Rehash(int size)
    {
        _slots = new Slot[size];
        _mask = size - 1;
        for (var i = 0; i < Count; i++)
        {
            Place(i);
        }
    }

    /// <summary>Head of the key, index + 1 (0 = empty) and the key's place in the key bytes.</summary>
    private readonly record struct Slot(ulong Head, int Index, int Start, int Length);

    /// <summary>
    /// Keys that all are one prefix followed by <c>digits</c> ASCII digits, all of the same length: such a key is
    /// determined by its number, so the index of a key is an array element. A key of another length or prefix,
    /// or with a non-digit where the digits are, is none of them.
    /// </summary>
    private sealed class NumericKeys
    {
        private const int MaxDigits = 9;

        private readonly byte[] _prefix;
        private readonly int _length;
        private readonly int[] _indexOfNumber;

        private NumericKeys(byte[] prefix, int length, int[] indexOfNumber)
        {
            _prefix = prefix;
            _length = length;
            _indexOfNumber = indexOfNumber;
        }

        public static NumericKeys? TryBuild(Utf8Index index)
        {
            var count = index.Count;
            if (count == 0)
            {
                return null;
            }

            var first = index.Key(0);
            var length = first.Length;
            var digits = MaxDigits;
            for (var i = 0; i < count; i++)
            {
                var key = index.Key(i);
                if (key.Length != length)
                {
                    return null;
                }

                var d = 0;
                while (d < digits && d < length && (uint)(key[length - 1 - d] - '0') <= 9)
                {
                    d++;
                }

                digits = d;
                if (digits == 0)
                {
                    return null;
                }
            }

            var prefixLength = length - digits;
            var prefix = first[..prefixLength];
            long max = 0;
            var numbers = new int[count];
            for (var i = 0; i < count; i++)
            {
                var key = index.Key(i);
                if (!key[..prefixLength].SequenceEqual(prefix))
                {
                    return null;
                }

                numbers[i] = Number(key[prefixLength..]);
                max = Math.Max(max, numbers[i]);
            }

            // Sparse numbers would make the array larger than the hash table it replaces.
            if (max > Math.Max(1L << 16, 4L * count))
            {
                return null;
            }

            var indexOfNumber = new int[max + 1];
            Array.Fill(indexOfNumber, -1);
            for (var i = 0; i < count; i++)
            {
                indexOfNumber[numbers[i]] = i;
            }

            return new NumericKeys(prefix.ToArray(), length, indexOfNumber);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Find(ReadOnlySpan<byte> key)
        {
            if (key.Length != _length)
            {
                return -1;
            }

            var prefix = _prefix;
            for (var i = 0; i < prefix.Length; i++)
            {
                if (key[i] != prefix[i])
                {
                    return -1;
                }
            }

            var n = 0;
            for (var i = prefix.Length; i < key.Length; i++)
            {
                var d = (uint)(key[i] - '0');
                if (d > 9)
                {
                    return -1;
                }

                n = (n * 10) + (int)d;
            }

            var table = _indexOfNumber;
            return (uint)n < (uint)table.Length ? table[n] : -1;
        }

        private static int Number(ReadOnlySpan<byte> digits)
        {
            var n = 0;
            foreach (var b in digits)
            {
                n = (n * 10) + (b - '0');
            }

            return n;
        }
    }
}
