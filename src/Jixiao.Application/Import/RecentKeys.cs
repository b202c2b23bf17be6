using System.Runtime.CompilerServices;

namespace Jixiao.Application.Import;

/// <summary>
/// The last key looked up and what it gave: reference files list the rows of one subject, metric or period
/// together, so most look-ups repeat the previous one and need no hashing. One per reader (not thread-safe).
/// </summary>
internal sealed class LastBytes
{
    private readonly byte[] _key = new byte[64];
    private int _length = -1;

    public int Value { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Is(ReadOnlySpan<byte> key) => key.Length == _length && key.SequenceEqual(_key.AsSpan(0, _length));

    public void Set(ReadOnlySpan<byte> key, int value)
    {
        if (key.Length <= _key.Length)
        {
            key.CopyTo(_key);
            _length = key.Length;
            Value = value;
        }
        else
        {
            _length = -1;
        }
    }
}

/// <summary>
/// The last few keys looked up and their codes: metric names and indicators repeat in a short cycle (each
/// subject's targets list the same metrics), so most look-ups compare a few short keys and need no hashing.
/// </summary>
internal sealed class RecentBytes
{
    private const int Size = 8;
    private const int MaxKey = 32;

    private readonly byte[] _keys = new byte[Size * MaxKey];
    private readonly ulong[] _heads = new ulong[Size];
    private readonly int[] _lengths = new int[Size];
    private readonly int[] _codes = new int[Size];
    private int _count;
    private int _next;

    /// <summary>The code of <paramref name="key"/>, or -1 when it is not among the recent keys.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find(ReadOnlySpan<byte> key)
    {
        // Equal length and head mean equal keys up to eight bytes (see Utf8Hash.Head); longer ones compare the rest.
        var head = Utf8Hash.Head(key);
        var length = key.Length;
        for (var i = 0; i < _count; i++)
        {
            if (_heads[i] == head && _lengths[i] == length && (length <= 8 || key.SequenceEqual(_keys.AsSpan(i * MaxKey, length))))
            {
                return _codes[i];
            }
        }

        return -1;
    }

    public void Add(ReadOnlySpan<byte> key, int code)
    {
        if (key.Length > MaxKey)
        {
            return;
        }

        var slot = _next;
        _next = (_next + 1) % Size;
        _count = Math.Max(_count, slot + 1);
        key.CopyTo(_keys.AsSpan(slot * MaxKey));
        _heads[slot] = Utf8Hash.Head(key);
        _lengths[slot] = key.Length;
        _codes[slot] = code;
    }
}
