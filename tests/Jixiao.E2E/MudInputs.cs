using Microsoft.Playwright;

namespace Jixiao.E2E;

/// <summary>
/// Driving MudBlazor's inputs as a user does: a select opens its list in a popover and an item is clicked; a field's
/// error message is the helper text under that field.
/// </summary>
public static class MudInputs
{
    /// <summary>
    /// Opens the MudSelect with this id (the id is on its combobox input) and clicks the item whose text contains
    /// <paramref name="itemText"/>; returns once the list has closed.
    /// </summary>
    public static async Task SelectAsync(IPage page, string selectId, string itemText)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.Locator(selectId).ClickAsync();
        var item = page.Locator(".mud-popover-open .mud-list-item", new() { HasText = itemText });
        await item.First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").First.WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    /// <summary>The input control (label, input, helper text) holding the element with this id.</summary>
    public static ILocator Field(IPage page, string id)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Locator(".mud-input-control").Filter(new() { Has = page.Locator(id) }).Last;
    }

    /// <summary>The error message shown under the field holding the element with this id.</summary>
    public static ILocator FieldError(IPage page, string id) => Field(page, id).Locator(".mud-input-helper-text");
}
