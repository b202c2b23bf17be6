namespace Jixiao.Web;

/// <summary>The 数据 page's text (Resources/DataText.resx: zh-CN by default, .en and .zh-TW), read through IStringLocalizer&lt;DataText&gt;.</summary>
public sealed class DataText
{
}
