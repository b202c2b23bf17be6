using System.Runtime.InteropServices;
using SQLitePCL;

namespace Jixiao.Application.Datasets;

public static partial class PeriodReader
{
    /// <summary>Whether the SQLite reader calls SQLite directly on statement pointers (tests: it does where they run).</summary>
    internal static bool SqliteDirectCalls => Direct.Available;

    /// <summary>
    /// The current row's cells of a prepared statement. SQLitePCLRaw's calls take the statement as a SafeHandle (a reference
    /// count taken and released on every call: 12 % of the samples of a read at 100k) and read a blob in two calls; when the process's
    /// e_sqlite3 is the very library SQLitePCLRaw loaded (checked once), the same SQLite functions are called directly on
    /// the statement's pointer, and a cell's bytes are copied into a scratch buffer that lives for the row. Otherwise
    /// through SQLitePCLRaw.
    /// </summary>
    private sealed class Cells(sqlite3_stmt statement)
    {
        private readonly nint _handle = Direct.Available ? statement.DangerousGetHandle() : 0;
        private byte[] _scratch = new byte[4096];
        private int _used;

        /// <summary>Steps to the next row (its cells' bytes replace the last row's).</summary>
        public int Step()
        {
            _used = 0;
            return _handle == 0 ? raw.sqlite3_step(statement) : Direct.sqlite3_step(_handle);
        }

        /// <summary>The cell's bytes as SQLite's text of its value (sqlite3_column_blob); empty for NULL and for an empty value.</summary>
        public ReadOnlySpan<byte> Blob(int column)
        {
            if (_handle == 0)
            {
                return raw.sqlite3_column_blob(statement, column);
            }

            var p = Direct.sqlite3_column_blob(_handle, column);
            if (p == 0)
            {
                return default;
            }

            var n = Direct.sqlite3_column_bytes(_handle, column);
            if (_used + n > _scratch.Length)
            {
                // The row's earlier cells keep the old buffer alive.
                _scratch = new byte[Math.Max(_scratch.Length * 2, n + 4096)];
                _used = 0;
            }

            Marshal.Copy(p, _scratch, _used, n);
            var cell = _scratch.AsSpan(_used, n);
            _used += n;
            return cell;
        }

        public bool IsNull(int column) => (_handle == 0 ? raw.sqlite3_column_type(statement, column) : Direct.sqlite3_column_type(_handle, column)) == raw.SQLITE_NULL;

        public long Int64(int column) => _handle == 0 ? raw.sqlite3_column_int64(statement, column) : Direct.sqlite3_column_int64(_handle, column);
    }

    /// <summary>SQLite's functions called on a statement's pointer (only where <see cref="Available"/>).</summary>
    private static class Direct
    {
        private const string Library = "e_sqlite3";

        /// <summary>Whether "e_sqlite3" resolves, for this assembly, to the library SQLitePCLRaw's provider loaded (same handle).</summary>
        public static readonly bool Available = Same();

        [DllImport(Library)]
        public static extern int sqlite3_step(nint statement);

        [DllImport(Library)]
        [SuppressGCTransition]
        public static extern nint sqlite3_column_blob(nint statement, int column);

        [DllImport(Library)]
        [SuppressGCTransition]
        public static extern int sqlite3_column_bytes(nint statement, int column);

        [DllImport(Library)]
        [SuppressGCTransition]
        public static extern int sqlite3_column_type(nint statement, int column);

        [DllImport(Library)]
        [SuppressGCTransition]
        public static extern long sqlite3_column_int64(nint statement, int column);

        private static bool Same()
        {
            var provider = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "SQLitePCLRaw.provider.e_sqlite3");
            return provider is not null &&
                NativeLibrary.TryLoad(Library, provider, null, out var theirs) &&
                NativeLibrary.TryLoad(Library, typeof(Direct).Assembly, null, out var ours) &&
                theirs == ours &&
                NativeLibrary.TryGetExport(ours, "sqlite3_column_blob", out _);
        }
    }
}
