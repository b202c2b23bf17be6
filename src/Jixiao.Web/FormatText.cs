namespace Jixiao.Web;

/// <summary>
/// Text of the locale-formatting additions: the projected columns of 团队 in an open period and the headline figures
/// (Resources/FormatText.resx: zh-CN by default, .en and .zh-TW; generated from FormatText.tsv), read through
/// IStringLocalizer&lt;FormatText&gt;.
/// </summary>
public sealed class FormatText
{
}
