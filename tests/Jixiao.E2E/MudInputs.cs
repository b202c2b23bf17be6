using Microsoft.Playwright;

namespace Jixiao.E2E;

/// <summary>
/// Driving MudBlazor's inputs as a user does: a select opens its list in a popover and an item is clicked; a field's
/// error message is the helper text under that field.
/// </summary>
public static class MudInputs
{
    /// <summary>
    /// Opens the MudSelect with this id and clicks the item whose text contains <paramref name="itemText"/>; returns once the
    /// list has closed. The id is on the select's input: the combobox itself, or a hidden input beside the combobox that shows
    /// the chosen item (MudSelect renders that for a value type, or a string select without ToStringFunc); the combobox of the
    /// field is clicked.
    /// </summary>
    public static async Task SelectAsync(IPage page, string selectId, string itemText)
    {
        ArgumentNullException.ThrowIfNull(page);
        await Field(page, selectId).Locator("[role=combobox]").First.ClickAsync();
        var item = page.Locator(".mud-popover-open .mud-list-item", new() { HasText = itemText });
        await item.First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").First.WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    /// <summary>
    /// Types a date into the editable MudDatePicker whose input has this id (<c>InputId</c>) and leaves the field, as a user
    /// tabbing on does: the picker reads the text when the input changes.
    /// </summary>
    public static async Task FillDateAsync(IPage page, string inputId, string date)
    {
        ArgumentNullException.ThrowIfNull(page);
        var input = page.Locator(inputId);
        await input.FillAsync(date);
        await input.PressAsync("Tab");
    }

    /// <summary>
    /// Ticks the MudCheckBox with this id (on the checkbox input or on the element holding it); returns once it is ticked.
    /// </summary>
    public static async Task CheckAsync(IPage page, string checkBoxId)
    {
        ArgumentNullException.ThrowIfNull(page);
        var box = page.Locator($"input{checkBoxId}[type=checkbox], {checkBoxId} input[type=checkbox]").First;
        await box.CheckAsync();
        await Microsoft.Playwright.Assertions.Expect(box).ToBeCheckedAsync();
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
