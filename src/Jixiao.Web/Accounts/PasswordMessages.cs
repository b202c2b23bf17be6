using Microsoft.Extensions.Localization;

namespace Jixiao.Web.Accounts;

/// <summary>The error codes the password forms are sent back with, in words.</summary>
public static class PasswordMessages
{
    /// <summary>mismatch, current (wrong current password), policy with Identity's codes (each rule broken), anything else: a general message.</summary>
    public static IEnumerable<string> Of(IStringLocalizer<AccountsText> text, string? error, string? codes)
    {
        ArgumentNullException.ThrowIfNull(text);
        switch (error)
        {
            case null:
                yield break;
            case "mismatch":
                yield return text["Password_Mismatch"];
                yield break;
            case "current":
                yield return text["Identity_PasswordMismatch"];
                yield break;
        }

        var any = false;
        foreach (var code in (codes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(10))
        {
            var message = text["Identity_" + code];
            any = true;
            yield return message.ResourceNotFound ? text["Password_Invalid"] : message;
        }

        if (!any)
        {
            yield return text["Password_Invalid"];
        }
    }
}
