using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Jixiao.Application.Persistence;
using Microsoft.AspNetCore.DataProtection;

namespace Jixiao.Web.Hosting;

/// <summary>
/// The data-protection key ring (cookies, antiforgery): shared by every instance in the table
/// <c>data_protection_keys</c>, and encrypted at rest with a certificate when <c>DataProtection:Certificate:Path</c> is
/// set (PFX/PKCS#12, or PEM with the key in the same file or in <c>KeyPath</c>; <c>Password</c> for either).
/// Certificates of <c>DataProtection:PreviousCertificates</c> still decrypt keys written before a certificate change.
/// A certificate that cannot be loaded is a <see cref="Problem"/> that stops the start (docs/deployment.md).
/// </summary>
public sealed class DataProtectionKeys
{
    /// <summary>True when new keys are encrypted with a certificate.</summary>
    public bool Encrypted { get; private init; }

    /// <summary>Why the configured certificate cannot be used (one line), or null.</summary>
    public string? Problem { get; private init; }

    public static DataProtectionKeys Add(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddDataProtection()
            .SetApplicationName("Jixiao")
            .PersistKeysToDbContext<JixiaoDbContext>();
        DataProtectionKeys keys;
        try
        {
            var current = Load(configuration.GetSection("DataProtection:Certificate"));
            var previous = configuration.GetSection("DataProtection:PreviousCertificates").GetChildren().Select(Load).OfType<X509Certificate2>().ToArray();
            if (current is not null)
            {
                builder.ProtectKeysWithCertificate(current);
            }

            if (previous.Length > 0)
            {
                builder.UnprotectKeysWithAnyCertificate(previous);
            }

            keys = new DataProtectionKeys { Encrypted = current is not null };
        }
        catch (CertificateProblem e)
        {
            keys = new DataProtectionKeys { Problem = e.Message };
        }

        services.AddSingleton(keys);
        return keys;
    }

    private static X509Certificate2? Load(IConfigurationSection section)
    {
        var path = section["Path"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        var password = section["Password"];
        var keyPath = section["KeyPath"];
        var name = $"{section.Path}:Path ({path})";
        foreach (var file in new[] { path, keyPath })
        {
            if (!string.IsNullOrWhiteSpace(file) && !File.Exists(file))
            {
                throw new CertificateProblem($"{name}: the file {file} does not exist.");
            }
        }

        X509Certificate2 certificate;
        try
        {
            var extension = Path.GetExtension(path).ToLowerInvariant();
            certificate = extension is ".pfx" or ".p12"
                ? X509CertificateLoader.LoadPkcs12FromFile(path, password)
                : string.IsNullOrEmpty(password)
                    ? X509Certificate2.CreateFromPemFile(path, keyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
        }
        catch (CryptographicException e)
        {
            throw new CertificateProblem($"{name} cannot be read ({e.Message.TrimEnd('.')}): is it a PFX or PEM certificate with its private key, and is {section.Path}:Password right?");
        }

        if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
        {
            throw new CertificateProblem($"{name} has no RSA private key; data-protection keys are encrypted with an RSA certificate and its private key.");
        }

        return certificate;
    }

    private sealed class CertificateProblem(string message) : Exception(message);
}
