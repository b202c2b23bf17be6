using System.Runtime.CompilerServices;
using Jixiao.Domain.Data;

namespace Jixiao.Application.Import;

/// <summary>One record of a reference table, with helpers that report errors at the right line and column.</summary>
internal sealed class RowView(CsvRecordReader reader, HeaderMap map, ErrorList errors)
{
    /// <summary>Largest decimal value accepted in targets, ratings and metrics.</summary>
    public const decimal MaxDecimal = 9_999_999_999_999.9999m;

    public int Line => reader.Line;

    public HeaderMap Map => map;

    /// <summary>The trimmed bytes of column <paramref name="col"/> (empty when the header does not have it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<byte> Get(int col) => map.Has(col) ? reader.Field(map.FieldOfColumn[col]) : default;

    /// <summary>The text of column <paramref name="col"/>.</summary>
    public string Text(int col) => ErrorList.Text(Get(col));

    /// <summary>The text of column <paramref name="col"/>, or null when empty.</summary>
    public string? OptionalText(int col)
    {
        var v = Get(col);
        return v.IsEmpty ? null : ErrorList.Text(v);
    }

    public void Error(int col, DataErrorCode code, params string[] args) =>
        errors.Add(reader.Line, map.Position(col), map.Names[col], code, args);

    /// <summary>Reports <see cref="DataErrorCode.Required"/> and returns false when the column is empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Require(int col)
    {
        if (!Get(col).IsEmpty)
        {
            return true;
        }

        Error(col, DataErrorCode.Required);
        return false;
    }

    /// <summary>A date, or <see cref="Columns.NoDay"/> when empty and not required; false after an error.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryDate(int col, bool required, out int day)
    {
        day = Columns.NoDay;
        var v = Get(col);
        if (v.IsEmpty)
        {
            if (required)
            {
                Error(col, DataErrorCode.Required);
                return false;
            }

            return true;
        }

        if (DateParser.TryParse(v, out day))
        {
            return true;
        }

        Error(col, DateParser.ErrorOf(v), ErrorList.Text(v));
        day = Columns.NoDay;
        return false;
    }

    /// <summary>A decimal with the column's options; null when empty and not required; false after an error.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryDecimal(int col, bool required, int maxDecimals, out decimal? value)
    {
        value = null;
        var spec = map.Spec.Columns[col];
        var v = Get(col);
        var status = NumberParser.ParseDecimal(v, maxDecimals, spec.Options, MaxDecimal, out var d);
        switch (status)
        {
            case NumberStatus.Ok:
                value = d;
                return true;
            case NumberStatus.Empty:
                if (required)
                {
                    Error(col, DataErrorCode.Required);
                    return false;
                }

                return true;
            case NumberStatus.TooManyDecimals:
                Error(col, DataErrorCode.TooManyDecimals, ErrorList.Text(v), ErrorList.Number(maxDecimals));
                return false;
            case NumberStatus.Negative:
                Error(col, DataErrorCode.NegativeNotAllowed, ErrorList.Text(v));
                return false;
            case NumberStatus.OutOfRange:
                Error(col, DataErrorCode.NumberOutOfRange, ErrorList.Text(v));
                return false;
            default:
                Error(col, DataErrorCode.InvalidNumber, ErrorList.Text(v), spec.NumberKind);
                return false;
        }
    }
}

/// <summary>Reads a small reference table record by record (strings are fine here: these files are small).</summary>
internal static class SmallTableReader
{
    /// <summary>Calls <paramref name="onRow"/> for each well-formed record; returns the header map, or null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static HeaderMap? Read(string path, TableSpec spec, LoadOptions options, ErrorList errors, Action<RowView> onRow)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        var length = RandomAccess.GetLength(handle);
        Span<byte> bom = stackalloc byte[3];
        var start = length >= 3 && RandomAccess.Read(handle, bom, 0) == 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF ? 3 : 0;
        var reader = new CsvRecordReader(handle, start, length, true, options.BlockSize, (spec.Columns.Length * 4) + 1, 1) { MaxFieldChars = options.MaxFieldChars };
        var map = HeaderMap.Read(reader, spec, errors);
        if (map is null)
        {
            return null;
        }

        reader.FieldLimits = map.FieldLimits(options.MaxFieldChars);
        var row = new RowView(reader, map, errors);
        var rows = 0;
        var maxRows = options.MaxRowsOf(spec.FileName);
        while (!errors.Full)
        {
            var status = reader.Next();
            if (status == RecordStatus.End)
            {
                break;
            }

            if (++rows > maxRows)
            {
                errors.Add(reader.Line, 0, null, DataErrorCode.TooManyRows, ErrorList.Number(maxRows));
                break;
            }

            if (status == RecordStatus.Malformed)
            {
                errors.Add(reader.ErrorLine, reader.ErrorColumn, map.NameOfField(reader.ErrorColumn), reader.ErrorCode, reader.ErrorArguments);
                continue;
            }

            if (reader.FieldCount != map.FieldCount)
            {
                var column = Math.Min(reader.FieldCount, map.FieldCount) + 1;
                errors.Add(reader.Line, column, map.NameOfField(column), DataErrorCode.WrongFieldCount,
                    ErrorList.Number(map.FieldCount), ErrorList.Number(reader.FieldCount));
                continue;
            }

            onRow(row);
        }

        return map;
    }
}
