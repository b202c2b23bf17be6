namespace Jixiao.Web.Security;

/// <summary>
/// Where to send the user back to after signing in or switching the language: a path on this site, or home.
/// Protocol-relative (<c>//evil.com</c>), backslash (<c>/\evil.com</c>, which browsers read as <c>//</c>), absolute
/// and control-character URLs are not local.
/// </summary>
public static class LocalUrl
{
    /// <summary>The longest return URL kept; longer ones go home.</summary>
    public const int MaxLength = 2048;

    /// <summary><paramref name="url"/> when it is a local path, else "/".</summary>
    public static string OrHome(string? url) => IsLocal(url) ? url! : "/";

    /// <summary>Whether <paramref name="url"/> is a path on this site (starts with one '/', no backslash, no control character).</summary>
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxLength || url[0] != '/' || (url.Length > 1 && url[1] == '/'))
        {
            return false;
        }

        foreach (var c in url)
        {
            if (c == '\\' || char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }
}
