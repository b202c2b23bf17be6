using System.Security.Cryptography;
using System.Text;

namespace Jixiao.Web.Accounts;

/// <summary>
/// Settings of account administration (appsettings section <c>Accounts</c>, docs/deployment.md "Accounts"): the rule
/// that makes a user name from an employee id, how long a first-sign-in link works, how long an initial password is.
/// </summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>User name rule for accounts made from employees: <c>{id}</c> is the employee id in lower case, e.g. <c>{id}</c> or <c>{id}@example.com</c>.</summary>
    public string UserNameRule { get; set; } = "{id}";

    /// <summary>Days a first-sign-in link stays valid (1–90).</summary>
    public int FirstSignInLinkDays { get; set; } = 7;

    /// <summary>Characters of a generated initial password (12–64).</summary>
    public int InitialPasswordLength { get; set; } = 12;
}

/// <summary>A user name rule: literal text around one <c>{id}</c>, which stands for the employee id in lower case.</summary>
public static class UserNameRule
{
    public const string Placeholder = "{id}";

    /// <summary>Characters a user name may hold (Identity's default set).</summary>
    public const string Allowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+";

    /// <summary>Longest user name.</summary>
    public const int MaxLength = 64;

    /// <summary>Whether <paramref name="rule"/> holds <c>{id}</c> exactly once and otherwise only allowed characters.</summary>
    public static bool IsValid(string? rule)
    {
        if (string.IsNullOrWhiteSpace(rule))
        {
            return false;
        }

        var at = rule.IndexOf(Placeholder, StringComparison.Ordinal);
        if (at < 0 || rule.IndexOf(Placeholder, at + 1, StringComparison.Ordinal) >= 0)
        {
            return false;
        }

        var rest = rule.Remove(at, Placeholder.Length);
        return rest.Length <= 40 && rest.All(c => Allowed.Contains(c, StringComparison.Ordinal));
    }

    /// <summary>The user name for <paramref name="employeeId"/> under <paramref name="rule"/> (which must be valid).</summary>
    public static string Apply(string rule, string employeeId)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(employeeId);
        return rule.Replace(Placeholder, employeeId.Trim().ToLowerInvariant(), StringComparison.Ordinal);
    }

    /// <summary>Whether <paramref name="userName"/> is 2–64 allowed characters.</summary>
    public static bool IsValidUserName(string? userName) =>
        userName is { Length: >= 2 and <= MaxLength } && userName.All(c => Allowed.Contains(c, StringComparison.Ordinal));
}

/// <summary>Random secrets of accounts: initial passwords (readable, meeting the password rules) and first-sign-in link tokens.</summary>
public static class AccountSecrets
{
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Symbols = "-_.!@#%+=";
    private const string All = Upper + Lower + Digits + Symbols;

    /// <summary>
    /// A password of <paramref name="length"/> characters from the cryptographic random number generator, with an upper-
    /// and lower-case letter, a digit and a symbol at random places; look-alike characters (0/O, 1/l/I) left out.
    /// </summary>
    public static string Password(int length)
    {
        var chars = new char[Math.Max(length, 12)];
        chars[0] = Pick(Upper);
        chars[1] = Pick(Lower);
        chars[2] = Pick(Digits);
        chars[3] = Pick(Symbols);
        for (var i = 4; i < chars.Length; i++)
        {
            chars[i] = Pick(All);
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    /// <summary>A first-sign-in link token: 32 random bytes, URL-safe base64 (43 characters).</summary>
    public static string LinkToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Lower-case hex SHA-256 of a token (what the database stores).</summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    private static char Pick(string alphabet) => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
}
