using System.Globalization;
using System.Resources;
using Jixiao.Formulas.Localization;

namespace Jixiao.Web;

/// <summary>
/// Text of notifications: the 通知 page (/notifications), the reminder e-mails and the notifications API's messages
/// (Resources/NotificationsText.resx: zh-CN by default, .en and .zh-TW; generated from NotificationsText.tsv by
/// scripts/gen-resx.py). Pages read it through IStringLocalizer&lt;NotificationsText&gt;; e-mails and the API through
/// <see cref="Get"/> in the reader's language.
/// </summary>
public sealed class NotificationsText
{
    private static readonly ResourceManager Manager = new("Jixiao.Web.Resources.NotificationsText", typeof(NotificationsText).Assembly);

    /// <summary>The text <paramref name="key"/> in <paramref name="culture"/> with <paramref name="args"/> filled in.</summary>
    public static string Get(CultureInfo culture, string key, params object?[] args) => Languages.Text(Manager, key, culture, args);
}
