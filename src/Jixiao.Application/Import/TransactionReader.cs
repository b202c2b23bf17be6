using Jixiao.Domain.Data;
using Microsoft.Win32.SafeHandles;

namespace Jixiao.Application.Import;

/// <summary>The columns of a transaction file as parsed, in file order (not yet sorted by day).</summary>
internal sealed class TransactionColumns
{
    public required TableSpec Spec { get; init; }

    public required HeaderMap Map { get; init; }

    public int Rows { get; init; }

    /// <summary>Line of each row.</summary>
    public required LineMap Lines { get; init; }

    public required StringColumn?[] Strings { get; init; }

    public required int[]?[] Ints { get; init; }

    public required long[]?[] Longs { get; init; }

    public required CategoryColumn?[] Categories { get; init; }

    public StringColumn String(string column) => Strings[Spec.IndexOf(column)]!;

    public int[] Int(string column) => Ints[Spec.IndexOf(column)]!;

    public long[] Long(string column) => Longs[Spec.IndexOf(column)]!;

    public CategoryColumn Category(string column) => Categories[Spec.IndexOf(column)]!;
}

/// <summary>
/// Reads a transaction file (sales, collections, expenses, activities) on the fast path: bytes to columns
/// with no string per field. A first pass counts line breaks (an upper bound of the records) so that
/// all row arrays are allocated once at their final size; large files are then parsed in parallel
/// chunks split at line breaks, each chunk writing its own slice.
/// </summary>
internal static class TransactionReader
{
    private const int CountBlock = 1 << 20;

    /// <summary>Reads <paramref name="path"/>; errors go to <paramref name="errors"/>. Null when the header is unusable.</summary>
    public static TransactionColumns? Read(string path, TableSpec spec, Utf8Index? employees, LoadOptions options, ErrorList errors)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var length = RandomAccess.GetLength(handle);
        var start = HasBom(handle, length) ? 3L : 0L;
        var headerReader = new CsvRecordReader(handle, start, length, true, 64 << 10, (spec.Columns.Length * 4) + 1, 1) { MaxFieldChars = options.MaxFieldChars };
        var map = HeaderMap.Read(headerReader, spec, errors);
        if (map is null)
        {
            return null;
        }

        var dataStart = headerReader.RecordEndOffset;
        var firstLine = headerReader.NextLine;
        var budget = Math.Max(1, errors.Limit - errors.Items.Count);
        var parallelism = options.MaxParallelism;
        var bounds = parallelism > 1 && length - dataStart >= options.ParallelThresholdBytes
            ? Split(handle, dataStart, length, parallelism)
            : [dataStart, length];

        // Records never outnumber line breaks, plus one for a last line without a break.
        var counts = new long[bounds.Length - 1];
        Parallel.For(0, counts.Length, new ParallelOptions { MaxDegreeOfParallelism = counts.Length }, k =>
            counts[k] = CountLineBreaks(handle, bounds[k], bounds[k + 1]));
        options.Phase?.Invoke("counted " + spec.FileName);
        var total = 0L;
        foreach (var c in counts)
        {
            total += c;
        }

        if (length > dataStart && LastByte(handle, length) != (byte)'\n')
        {
            counts[^1]++;
            total++;
        }

        if (total > Array.MaxLength - 1)
        {
            errors.Add(0, 0, null, DataErrorCode.TableTooLarge, map.Names[0]);
            return null;
        }

        var buffers = new TransactionBuffers(spec, map, (int)total, options.DropTexts);
        TransactionChunk[]? chunks = null;
        if (bounds.Length > 2)
        {
            chunks = ReadChunks(handle, bounds, counts, spec, map, employees, options, errors.File, budget, buffers);
        }

        chunks ??= [ReadRange(handle, dataStart, length, true, 0, (int)total, (int)total, spec, map, employees, options, errors.File, budget, buffers)];
        options.OnChunks?.Invoke(spec.FileName, chunks.Length);
        options.Phase?.Invoke("parsed " + spec.FileName);
        var merged = Merge(chunks, spec, map, firstLine, errors, buffers);
        options.Phase?.Invoke("merged " + spec.FileName);
        return merged;
    }

    private static bool HasBom(SafeFileHandle handle, long length)
    {
        if (length < 3)
        {
            return false;
        }

        Span<byte> bom = stackalloc byte[3];
        return RandomAccess.Read(handle, bom, 0) == 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF;
    }

    private static byte LastByte(SafeFileHandle handle, long length)
    {
        Span<byte> last = stackalloc byte[1];
        return RandomAccess.Read(handle, last, length - 1) == 1 ? last[0] : (byte)0;
    }

    private static long CountLineBreaks(SafeFileHandle handle, long start, long end)
    {
        var buffer = GC.AllocateUninitializedArray<byte>((int)Math.Min(CountBlock, Math.Max(1, end - start)));
        var count = 0L;
        for (var at = start; at < end;)
        {
            var got = RandomAccess.Read(handle, buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - at)), at);
            if (got <= 0)
            {
                break;
            }

            count += buffer.AsSpan(0, got).Count((byte)'\n');
            at += got;
        }

        return count;
    }

    /// <summary>Chunk bounds: the first record start after each of n evenly spaced offsets.</summary>
    private static long[] Split(SafeFileHandle handle, long dataStart, long length, int parallelism)
    {
        var bounds = new List<long> { dataStart };
        for (var k = 1; k < parallelism; k++)
        {
            var at = NextRecordStart(handle, dataStart + ((length - dataStart) * k / parallelism), length);
            if (at > bounds[^1] && at < length)
            {
                bounds.Add(at);
            }
        }

        bounds.Add(length);
        return [.. bounds];
    }

    private static TransactionChunk ReadRange(SafeFileHandle handle, long start, long end, bool last, int rowBase, int rowLimit, int textRows,
        TableSpec spec, HeaderMap map, Utf8Index? employees, LoadOptions options, string file, int budget, TransactionBuffers buffers)
    {
        var chunk = new TransactionChunk(spec, map, employees, file, budget, buffers, rowBase, rowLimit, textRows);
        var reader = new CsvRecordReader(handle, start, end, last, options.BlockSize, map.FieldCount, 0)
        {
            MaxFieldChars = options.MaxFieldChars,
            FieldLimits = map.FieldLimits(options.MaxFieldChars),
        };
        chunk.Run(reader);
        return chunk;
    }

    /// <summary>
    /// Parses the chunks at once. A chunk that ends inside a quoted field proves the split wrong (a quoted
    /// line break was taken for a record end): then null, and the caller reads the file sequentially.
    /// A chunk that ends exactly at the next one's start proves that start right, so a chain of such
    /// chunks from the file's first record is exactly what a sequential read would give.
    /// </summary>
    private static TransactionChunk[]? ReadChunks(SafeFileHandle handle, long[] bounds, long[] counts, TableSpec spec, HeaderMap map,
        Utf8Index? employees, LoadOptions options, string file, int budget, TransactionBuffers buffers)
    {
        var count = bounds.Length - 1;
        var bases = new int[count];
        for (var k = 1; k < count; k++)
        {
            bases[k] = bases[k - 1] + (int)counts[k - 1];
        }

        var chunks = new TransactionChunk[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = count }, k =>
        {
            // The first chunk's text buffers are sized for the whole file: the others are appended to them.
            chunks[k] = ReadRange(handle, bounds[k], bounds[k + 1], k == count - 1, bases[k], (int)counts[k], k == 0 ? buffers.Capacity : (int)counts[k],
                spec, map, employees, options, file, budget, buffers);
        });

        for (var k = 0; k < count - 1; k++)
        {
            if (chunks[k].Ambiguous)
            {
                return null;
            }
        }

        return chunks;
    }

    /// <summary>The offset just after the first '\n' at or after <paramref name="offset"/> - 1.</summary>
    private static long NextRecordStart(SafeFileHandle handle, long offset, long length)
    {
        var buffer = new byte[64 << 10];
        var at = offset - 1;
        while (at < length)
        {
            var got = RandomAccess.Read(handle, buffer, at);
            if (got <= 0)
            {
                break;
            }

            var nl = buffer.AsSpan(0, got).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                return at + nl + 1;
            }

            at += got;
        }

        return length;
    }

    /// <summary>Closes the gaps between chunk slices (rare), fixes up lines, text offsets and category codes.</summary>
    private static TransactionColumns Merge(TransactionChunk[] chunks, TableSpec spec, HeaderMap map, int firstLine, ErrorList errors,
        TransactionBuffers buffers)
    {
        var n = 0;
        var gaps = false;
        foreach (var c in chunks)
        {
            gaps |= c.RowBase != n;
            n += c.Rows;
        }

        gaps |= n != buffers.Capacity;

        var segments = new List<LineMap.Segment>(chunks.Length);
        var lineBase = firstLine;
        var limitReached = false;
        var at = 0;
        foreach (var c in chunks)
        {
            // After a chunk that stopped at the error limit, later chunks' line numbers are unknown
            // and their errors would be past the limit anyway.
            if (!limitReached)
            {
                foreach (var e in c.Errors.Items)
                {
                    errors.Items.Add(e with { Line = e.Line + lineBase });
                }

                limitReached = c.Errors.Full;
            }

            segments.Add(new LineMap.Segment(at, lineBase, c.Lines));
            at += c.Rows;
            lineBase += c.LinesConsumed;
        }

        var columns = spec.Columns;
        var strings = new StringColumn?[columns.Length];
        var ints = new int[]?[columns.Length];
        var longs = new long[]?[columns.Length];
        var categories = new CategoryColumn?[columns.Length];
        for (var col = 0; col < columns.Length; col++)
        {
            var present = buffers.Kept[col];
            switch (columns[col].Kind)
            {
                case ColumnKind.Id:
                case ColumnKind.Text:
                    strings[col] = present ? MergeText(chunks, col, buffers.Offsets[col]!, n) : new StringColumn([], new int[n + 1]);
                    if (strings[col] is null)
                    {
                        errors.Add(0, 0, null, DataErrorCode.TableTooLarge, map.Names[col]);
                        strings[col] = new StringColumn([], new int[n + 1]);
                    }

                    break;
                case ColumnKind.Employee:
                case ColumnKind.Date:
                case ColumnKind.OptionalDate:
                    ints[col] = present ? Compact(buffers.Ints[col]!, chunks, n, gaps) : Filled(n, Columns.NoDay);
                    break;
                case ColumnKind.Category:
                    categories[col] = present
                        ? MergeCategories(chunks, col, Compact(buffers.Ints[col]!, chunks, n, gaps))
                        : new CategoryColumn(new int[n], n == 0 ? [] : [string.Empty]);
                    break;
                case ColumnKind.Money:
                case ColumnKind.Quantity:
                    longs[col] = present ? Compact(buffers.Longs[col]!, chunks, n, gaps) : new long[n];
                    break;
                case ColumnKind.OptionalValue:
                    longs[col] = present ? Compact(buffers.Longs[col]!, chunks, n, gaps) : Filled(n, Columns.NoValue);
                    break;
                default:
                    break;
            }
        }

        return new TransactionColumns
        {
            Spec = spec,
            Map = map,
            Rows = n,
            Lines = new LineMap([.. segments]),
            Strings = strings,
            Ints = ints,
            Longs = longs,
            Categories = categories,
        };
    }

    /// <summary>Moves a chunk's slice down to <paramref name="to"/>.</summary>
    private static void Move<T>(T[] array, TransactionChunk chunk, int to)
    {
        if (chunk.RowBase != to && chunk.Rows > 0)
        {
            Array.Copy(array, chunk.RowBase, array, to, chunk.Rows);
        }
    }

    private static T[] Compact<T>(T[] array, TransactionChunk[] chunks, int n, bool gaps)
    {
        if (!gaps)
        {
            return array;
        }

        var at = 0;
        foreach (var c in chunks)
        {
            Move(array, c, at);
            at += c.Rows;
        }

        return array[..n];
    }

    private static StringColumn? MergeText(TransactionChunk[] chunks, int col, int[] offsets, int n)
    {
        long bytes = 0;
        foreach (var c in chunks)
        {
            var t = c.Text[col]!;
            if (t.TooLarge)
            {
                return null;
            }

            bytes += t.Length;
        }

        if (bytes > Array.MaxLength - 16)
        {
            return null;
        }

        // The first chunk's buffer was sized for the whole file: append the others to it.
        var first = chunks[0].Text[col]!;
        first.Reserve(bytes);
        var data = first.Data;
        var at = first.Length;
        var row = chunks[0].Rows;
        for (var k = 1; k < chunks.Length; k++)
        {
            var c = chunks[k];
            var t = c.Text[col]!;
            t.Data.AsSpan(0, t.Length).CopyTo(data.AsSpan(at));

            // Offsets of the chunk's rows are relative to its own text and sit at RowBase + 1 ...
            if (c.RowBase != row && c.Rows > 0)
            {
                Array.Copy(offsets, c.RowBase + 1, offsets, row + 1, c.Rows);
            }

            for (var i = row + 1; i <= row + c.Rows; i++)
            {
                offsets[i] += at;
            }

            at += t.Length;
            row += c.Rows;
        }

        offsets[0] = 0;

        // The data array may be a little longer than the text; the offsets say where it ends.
        return new StringColumn(data, offsets.Length == n + 1 ? offsets : offsets[..(n + 1)]);
    }

    private static CategoryColumn MergeCategories(TransactionChunk[] chunks, int col, int[] codes)
    {
        var global = new Utf8Index();
        var at = 0;
        foreach (var c in chunks)
        {
            var local = c.Categories[col]!;
            var remap = new int[local.Count];
            var identity = true;
            for (var i = 0; i < remap.Length; i++)
            {
                remap[i] = global.GetOrAdd(local.Key(i));
                identity &= remap[i] == i;
            }

            if (!identity)
            {
                for (var i = at; i < at + c.Rows; i++)
                {
                    codes[i] = remap[codes[i]];
                }
            }

            at += c.Rows;
        }

        var values = new string[global.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ErrorList.Text(global.Key(i));
        }

        return new CategoryColumn(codes, values);
    }

    private static int[] Filled(int n, int value)
    {
        var a = new int[n];
        Array.Fill(a, value);
        return a;
    }

    private static long[] Filled(int n, long value)
    {
        var a = new long[n];
        Array.Fill(a, value);
        return a;
    }
}

/// <summary>
/// The line of each row: per chunk either "row i is on line base + i" (every record one line) or an
/// array, so files without blank lines or quoted line breaks need no per-row array.
/// </summary>
internal sealed class LineMap(LineMap.Segment[] segments)
{
    public int LineOf(int row)
    {
        var k = segments.Length - 1;
        while (k > 0 && segments[k].FirstRow > row)
        {
            k--;
        }

        var s = segments[k];
        var offset = row - s.FirstRow;
        return s.FirstLine + (s.Lines is null ? offset : s.Lines[offset]);
    }

    /// <summary>Rows from <see cref="FirstRow"/> on, lines relative to <see cref="FirstLine"/>.</summary>
    internal readonly record struct Segment(int FirstRow, int FirstLine, int[]? Lines);
}
