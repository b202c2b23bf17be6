using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Jixiao.Web;

/// <summary>
/// MudBlazor's own texts in the user's language (Resources/MudBlazorText.tsv): its converters' messages (a number or date it
/// cannot read) and the date picker's and numeric field's buttons. MudBlazor asks for them whenever the UI culture is not
/// English; a key not listed there keeps MudBlazor's English.
/// </summary>
public sealed class MudBlazorText(IStringLocalizer<MudBlazorText> texts) : MudLocalizer
{
    /// <inheritdoc />
    public override LocalizedString this[string key] => texts[key];

    /// <inheritdoc />
    public override LocalizedString this[string key, params object[] arguments] => texts[key, arguments];
}
