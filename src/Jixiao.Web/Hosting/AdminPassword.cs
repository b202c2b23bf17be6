using System.Security.Cryptography;

namespace Jixiao.Web.Hosting;

/// <summary>
/// The administrator's first password (printed once at first start): 20 characters drawn with the cryptographic
/// random number generator, with at least one upper-case letter, lower-case letter, digit and symbol (Identity's
/// password rules) at random positions. Look-alike characters (0/O, 1/l/I) are left out.
/// </summary>
public static class AdminPassword
{
    public const int Length = 20;

    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Symbols = "-_.!@#%+=";
    private const string All = Upper + Lower + Digits + Symbols;

    /// <summary>A new password.</summary>
    public static string Generate()
    {
        var chars = new char[Length];
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

    private static char Pick(string alphabet) => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
}
