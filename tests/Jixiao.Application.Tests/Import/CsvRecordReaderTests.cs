using System.Text;
using Jixiao.Application.Import;

namespace Jixiao.Application.Tests.Import;

public sealed class CsvRecordReaderTests
{
    private static List<(int Line, string[] Fields)> ReadAll(string text, int blockSize = 1 << 16)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, Encoding.UTF8.GetBytes(text));
            using var handle = File.OpenHandle(path);
            var reader = new CsvRecordReader(handle, 0, RandomAccess.GetLength(handle), true, blockSize, 8, 1);
            var records = new List<(int, string[])>();
            while (reader.Next() is var status && status != RecordStatus.End)
            {
                Assert.Equal(RecordStatus.Record, status);
                var fields = new string[reader.FieldCount];
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = Encoding.UTF8.GetString(reader.Field(i));
                }

                records.Add((reader.Line, fields));
            }

            return records;
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Next_WhenLfCrlfAndNoFinalBreak_ThenSameFields()
    {
        Assert.Equal(
            [(1, ["a", "b"]), (2, ["c", ""]), (3, ["", "d"])],
            ReadAll("a,b\r\nc,\n,d").Select(r => (r.Line, r.Fields)));
    }

    [Fact]
    public void Next_WhenQuoted_ThenUnescapedAndLinesCounted()
    {
        var records = ReadAll("\"a,1\",\"say \"\"hi\"\"\"\n\"x\ny\",\"\"\r\nlast,\" spaced \"\n");
        Assert.Equal(["a,1", "say \"hi\""], records[0].Fields);
        Assert.Equal(["x\ny", ""], records[1].Fields);
        Assert.Equal(["last", "spaced"], records[2].Fields);
        Assert.Equal([1, 2, 4], records.Select(r => r.Line));
    }

    [Fact]
    public void Next_WhenBlankLines_ThenSkippedButCounted()
    {
        Assert.Equal([(2, "a"), (5, "b")], ReadAll("\na\n\r\n\nb\n\n").Select(r => (r.Line, r.Fields[0])));
    }

    [Fact]
    public void Next_WhenRecordsStraddleSmallBlocks_ThenSameAsOneBlock()
    {
        var text = string.Concat(Enumerable.Range(0, 3000).Select(i => $"id{i},\"q,{i}\",{new string('x', i % 50)}\n"));
        var expected = ReadAll(text);
        var actual = ReadAll(text, blockSize: 1);
        Assert.Equal(3000, actual.Count);
        Assert.Equal(expected.Select(r => string.Join('|', r.Fields)), actual.Select(r => string.Join('|', r.Fields)));
    }

    [Fact]
    public void Field_WhenPaddedWithSpacesOrTabs_ThenTrimmed()
    {
        Assert.Equal(["a", "b c", ""], ReadAll(" a ,\tb c\t,   \n")[0].Fields);
    }
}
