using System.Buffers.Binary;
using System.IO.Compression;
using System.Xml;
using Jixiao.Application.Import;

namespace Jixiao.Application.Excel;

/// <summary>
/// A problem that stops reading a workbook: its code, where it is (Excel row and column, 0 when it concerns the
/// file) and the arguments of its message.
/// </summary>
internal sealed class XlsxReadException(DataErrorCode code, int row, int column, params string[] arguments)
    : Exception(code.ToString())
{
    public DataErrorCode Code { get; } = code;

    public int Row { get; } = row;

    public int Column { get; } = column;

    public IReadOnlyList<string> Arguments { get; } = arguments;
}

/// <summary>
/// The ZIP container of an .xlsx, opened so that no part of it can take more memory or time than the limits allow:
/// the central directory is checked before .NET reads it (at most <see cref="MaxEntries"/> entries), and every part is
/// read through a stream that counts the bytes as they are inflated (the sizes the ZIP headers declare are not
/// trusted) and stops at the per-part and total limits. The stream also stops a single XML node (text or tag) longer
/// than the longest cell text could be, so that the XML reader never has to hold one in memory.
/// </summary>
internal sealed class XlsxPackage : IDisposable
{
    /// <summary>Most entries in the archive: a workbook has a dozen parts, a few hundred with pictures and charts.</summary>
    public const int MaxEntries = 10_000;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    private readonly ZipArchive _zip;
    private readonly long _maxPart;
    private readonly long _maxTotal;
    private readonly int _maxRun;
    private long _total;

    private XlsxPackage(ZipArchive zip, ImportLimits limits)
    {
        _zip = zip;
        _maxPart = limits.MaxXlsxPartMegabytes * (1L << 20);
        _maxTotal = limits.MaxXlsxTotalMegabytes * (1L << 20);
        Limits = limits;

        // A text of MaxFieldChars characters written as numeric character references (&#x4E2D;) takes 8 bytes each.
        _maxRun = (limits.MaxFieldChars * 8) + (64 << 10);
    }

    public ImportLimits Limits { get; }

    /// <summary>Whether <paramref name="start"/> begins like a ZIP archive (an .xlsx is one).</summary>
    public static bool IsZip(ReadOnlySpan<byte> start) =>
        start.Length >= 4 && start[0] == 'P' && start[1] == 'K' && start[2] == 3 && start[3] == 4;

    /// <summary>Opens the archive in <paramref name="content"/> (seekable); throws <see cref="XlsxReadException"/> or InvalidDataException.</summary>
    public static XlsxPackage Open(Stream content, ImportLimits limits)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (CountEntries(content) is not (>= 0 and <= MaxEntries))
        {
            throw new InvalidDataException("Not a ZIP archive, or too many entries.");
        }

        content.Position = 0;
        return new XlsxPackage(new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true), limits);
    }

    /// <summary>Whether the archive has <paramref name="name"/>.</summary>
    public bool Has(string name) => _zip.GetEntry(name) is not null;

    /// <summary>An XML reader over part <paramref name="name"/>, or null when there is no such part.</summary>
    public XmlReader? OpenXml(string name)
    {
        var entry = _zip.GetEntry(name);
        return entry is null ? null : XmlReader.Create(new CountingStream(entry.Open(), this, name), Settings);
    }

    public void Dispose() => _zip.Dispose();

    /// <summary>The total number of entries in the end of central directory record, or -1 when there is none.</summary>
    private static long CountEntries(Stream content)
    {
        // The record is 22 bytes plus a comment of up to 65,535 bytes, at the very end.
        var length = content.Length;
        var tail = (int)Math.Min(length, 22 + 65_535);
        var buffer = new byte[tail];
        content.Position = length - tail;
        content.ReadExactly(buffer);
        for (var i = tail - 22; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(i)) == 0x06054b50)
            {
                var entries = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(i + 10));

                // 0xFFFF: the count is in a ZIP64 record; no workbook within the limits needs one.
                return entries == 0xFFFF ? long.MaxValue : entries;
            }
        }

        return -1;
    }

    private void Count(string part, long partBytes, int read)
    {
        _total += read;
        if (partBytes > _maxPart)
        {
            throw new XlsxReadException(DataErrorCode.WorkbookTooLarge, 0, 0, Megabytes(_maxPart), part);
        }

        if (_total > _maxTotal)
        {
            throw new XlsxReadException(DataErrorCode.WorkbookTooLarge, 0, 0, Megabytes(_maxTotal), part);
        }
    }

    private static string Megabytes(long bytes) => ErrorList.Number((int)(bytes >> 20));

    /// <summary>Counts inflated bytes and the bytes since the last '&lt;'.</summary>
    private sealed class CountingStream(Stream inner, XlsxPackage package, string part) : Stream
    {
        private long _bytes;
        private long _run;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _bytes;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            _bytes += read;
            package.Count(part, _bytes, read);
            var last = buffer[..read].LastIndexOf((byte)'<');
            _run = last < 0 ? _run + read : read - last - 1;
            if (_run > package._maxRun)
            {
                throw new NodeTooLongException();
            }

            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>A text or tag in a workbook part longer than any cell within the limits could make it.</summary>
internal sealed class NodeTooLongException() : Exception("An XML node is longer than the limit.");
