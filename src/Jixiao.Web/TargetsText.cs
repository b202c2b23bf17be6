namespace Jixiao.Web;

/// <summary>The text of the 目标分解 page /targets (Resources/TargetsText.resx: zh-CN by default, .en and .zh-TW).</summary>
public sealed class TargetsText
{
}
