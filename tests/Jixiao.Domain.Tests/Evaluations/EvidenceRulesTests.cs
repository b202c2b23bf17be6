using System.Globalization;
using System.Text;
using Jixiao.Domain.Evaluations;

namespace Jixiao.Domain.Tests.Evaluations;

/// <summary>Evidence files: how many, the name, the size limit, the type by name and by content.</summary>
public sealed class EvidenceRulesTests
{
    private static readonly byte[] PdfBytes = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n");
    private static readonly byte[] PngBytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    private static readonly byte[] JpegBytes = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16];
    private static readonly byte[] ZipBytes = [0x50, 0x4B, 0x03, 0x04, 20, 0];

    [Theory]
    [InlineData("合同.pdf", "pdf", "application/pdf")]
    [InlineData("截图.PNG", "png", "image/png")]
    [InlineData("photo.jpg", "jpeg", "image/jpeg")]
    [InlineData("photo.jpeg", "jpeg", "image/jpeg")]
    [InlineData("回款.xlsx", "zip", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("说明.docx", "zip", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    public void Check_WhenAllowedTypeAndContent_ThenTheContentTypeOfTheType(string name, string content, string contentType)
    {
        var (type, error) = EvidenceRules.Check(name, Bytes(content), attached: 0);
        Assert.Null(error);
        Assert.Equal(contentType, type);
    }

    [Fact]
    public void Check_WhenTooManyNamelessEmptyTooLargeWrongTypeOrDisguised_ThenRefusedInThatOrder()
    {
        Assert.Equal(EvaluationErrorCode.EvidenceTooMany, Code("a.exe", [], attached: EvidenceRules.MaxFiles));
        Assert.Null(Code("a.pdf", PdfBytes, attached: EvidenceRules.MaxFiles - 1));
        Assert.Equal(EvaluationErrorCode.EvidenceNameInvalid, Code("  ", PdfBytes));
        Assert.Equal(EvaluationErrorCode.EvidenceNameInvalid, Code("../a.pdf", PdfBytes));
        Assert.Equal(EvaluationErrorCode.EvidenceNameInvalid, Code(new string('a', EvidenceRules.MaxName - 3) + ".pdf", PdfBytes));
        Assert.Equal(EvaluationErrorCode.EvidenceEmpty, Code("a.exe", []));
        Assert.Equal(EvaluationErrorCode.EvidenceTypeNotAllowed, Code("a.exe", [0x4D, 0x5A]));
        Assert.Equal(EvaluationErrorCode.EvidenceTypeNotAllowed, Code("a", PdfBytes));
        Assert.Equal(EvaluationErrorCode.EvidenceContentMismatch, Code("a.pdf", PngBytes));
        Assert.Equal(EvaluationErrorCode.EvidenceContentMismatch, Code("a.png", Encoding.UTF8.GetBytes("<html>")));
        Assert.Equal(EvaluationErrorCode.EvidenceContentMismatch, Code("a.xlsx", PdfBytes));
    }

    [Fact]
    public void Check_WhenOverTheLimit_ThenRefusedWithBothSizes_AtTheLimitAccepted()
    {
        var atLimit = new byte[1024 * 1024];
        PdfBytes.CopyTo(atLimit, 0);
        Assert.Null(EvidenceRules.Check("a.pdf", atLimit, 0, maxBytes: atLimit.Length).Error);
        var over = EvidenceRules.Check("大文件.pdf", new byte[atLimit.Length + 1], 0, maxBytes: atLimit.Length).Error!;
        Assert.Equal(EvaluationErrorCode.EvidenceTooLarge, over.Code);
        Assert.Equal("文件 大文件.pdf 大小为 1.1 MB，超过上限 1 MB。", over.Message(CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal(5 * 1024 * 1024, EvidenceRules.DefaultMaxBytes);
    }

    [Fact]
    public void Check_WhenOnlyTheLengthOfAFileOverTheLimitIsKnown_ThenRefusedAsTooLargeBeforeItsContentIsRead()
    {
        var error = EvidenceRules.Check("扫描件.pdf", 50L * 1024 * 1024, [], attached: 0).Error!;
        Assert.Equal(EvaluationErrorCode.EvidenceTooLarge, error.Code);
        Assert.Equal("The file 扫描件.pdf is 50 MB; the limit is 5 MB.", error.Message(System.Globalization.CultureInfo.GetCultureInfo("en")));
        // The rules before the size still come first: one file too many, an empty one.
        Assert.Equal(EvaluationErrorCode.EvidenceTooMany, EvidenceRules.Check("a.pdf", 50L * 1024 * 1024, [], attached: EvidenceRules.MaxFiles).Error!.Code);
        Assert.Equal(EvaluationErrorCode.EvidenceEmpty, EvidenceRules.Check("a.pdf", 0, [], attached: 0).Error!.Code);
    }

    private static EvaluationErrorCode? Code(string name, byte[] content, int attached = 0) => EvidenceRules.Check(name, content, attached).Error?.Code;

    private static byte[] Bytes(string kind) => kind switch
    {
        "pdf" => PdfBytes,
        "png" => PngBytes,
        "jpeg" => JpegBytes,
        _ => ZipBytes,
    };
}
