using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Jixiao.Application.Datasets;

public static partial class PeriodReader
{
    /// <summary>SHA-256 over fields written into a buffer: texts as UTF-8 (null apart from empty), numbers as 8 bytes.</summary>
    private sealed class Hasher : IDisposable
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly byte[] _buffer = new byte[1 << 16];
        private int _length;

        public void Add(params string?[] fields)
        {
            foreach (var f in fields)
            {
                Text(f);
            }

            End();
        }

        /// <summary>Starts a transaction row: table tag, external id, employee index and day.</summary>
        public void Row(string table, ReadOnlySpan<byte> id, int employee, int day)
        {
            Text(table);
            Bytes(id);
            Number(employee);
            Number(day);
        }

        public string Finish()
        {
            Flush();
            return Convert.ToHexStringLower(_hash.GetHashAndReset());
        }

        public void Dispose() => _hash.Dispose();

        public void Text(string? text)
        {
            if (text is null)
            {
                Room(2);
                _buffer[_length++] = 0;
                _buffer[_length++] = 0x1F;
                return;
            }

            var max = Encoding.UTF8.GetMaxByteCount(text.Length);
            if (max + 1 > _buffer.Length)
            {
                Bytes(Encoding.UTF8.GetBytes(text));
                return;
            }

            Room(max + 1);
            _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
            _buffer[_length++] = 0x1F;
        }

        private void Bytes(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length + 1 > _buffer.Length)
            {
                Flush();
                _hash.AppendData(bytes);
            }
            else
            {
                Room(bytes.Length + 1);
                bytes.CopyTo(_buffer.AsSpan(_length));
                _length += bytes.Length;
            }

            Room(1);
            _buffer[_length++] = 0x1F;
        }

        public void Number(long value)
        {
            Room(9);
            BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_length), value);
            _length += 8;
            _buffer[_length++] = 0x1F;
        }

        public void End()
        {
            Room(1);
            _buffer[_length++] = 0x1E;
        }

        private void Room(int bytes)
        {
            if (_length + bytes > _buffer.Length)
            {
                Flush();
            }
        }

        private void Flush()
        {
            _hash.AppendData(_buffer.AsSpan(0, _length));
            _length = 0;
        }
    }
}
