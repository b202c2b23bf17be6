namespace Jixiao.Web;

/// <summary>
/// Text of the 方案 (/plans) and 计算 (/calculation) pages: Resources/PlansText.resx (zh-CN by default, .en, .zh-TW),
/// generated from Resources/PlansText.tsv by scripts/gen-resx.py; read through IStringLocalizer&lt;PlansText&gt;.
/// </summary>
public sealed class PlansText;
