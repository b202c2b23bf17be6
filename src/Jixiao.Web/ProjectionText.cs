namespace Jixiao.Web;

/// <summary>
/// Text of the provisional (暂定) standing shown for an open period (Resources/ProjectionText.resx: zh-CN by default,
/// .en and .zh-TW), read through IStringLocalizer&lt;ProjectionText&gt;.
/// </summary>
public sealed class ProjectionText
{
}
