using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Jixiao.Testing;
using Microsoft.Data.Sqlite;

namespace Jixiao.Web.Tests.Operations;

/// <summary>
/// Data-protection keys at rest (docs/deployment.md, "Data-protection keys"): in Production the app warns when no
/// certificate is configured and stores keys in clear; with a certificate (a self-signed one made here) it stores them
/// encrypted and does not warn; a certificate it cannot read stops the start with one line.
/// </summary>
public sealed class DataProtectionStartTests : IDisposable
{
    private const string Warning = "Data-protection keys (they protect sign-in cookies) are stored in the database unencrypted";

    private readonly string _folder = Directory.CreateTempSubdirectory("jixiao-dp-").FullName;

    [Fact]
    public async Task ProductionStart_WhenNoCertificate_ThenWarnsOnceAndTheKeyIsStoredInClear()
    {
        var file = Path.Combine(_folder, "clear.db");
        using var app = AppProcess.Start(Settings(file));

        await app.WaitReadyAsync();

        var lines = app.Lines;
        var at = Assert.Single(Enumerable.Range(0, lines.Count), i => lines[i].Contains(Warning, StringComparison.Ordinal));
        Assert.StartsWith("warn: ", lines[at - 1], StringComparison.Ordinal);
        Assert.Empty(app.FailureLines());
        var key = Assert.Single(Keys(file));
        Assert.Contains("<masterKey", key, StringComparison.Ordinal);
        Assert.DoesNotContain("encryptedSecret", key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProductionStart_WhenCertificateConfigured_ThenNoWarningAndTheKeyIsEncryptedWithIt()
    {
        var file = Path.Combine(_folder, "encrypted.db");
        var pfx = SelfSignedCertificate("Keys-Pw-5sQ");
        var settings = Settings(file);
        settings["DataProtection__Certificate__Path"] = pfx;
        settings["DataProtection__Certificate__Password"] = "Keys-Pw-5sQ";
        using var app = AppProcess.Start(settings);

        await app.WaitReadyAsync();

        Assert.DoesNotContain(app.Lines, l => l.Contains(Warning, StringComparison.Ordinal));
        Assert.Empty(app.FailureLines());
        var key = Assert.Single(Keys(file));
        Assert.Contains("encryptedSecret", key, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", key, StringComparison.Ordinal);
        // The encrypted key names the certificate that can decrypt it.
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(pfx, "Keys-Pw-5sQ");
        Assert.Contains(Convert.ToBase64String(certificate.RawData), key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WhenCertificateFileMissing_ThenExits1WithOneLineNamingTheSetting()
    {
        var file = Path.Combine(_folder, "nocert.db");
        var missing = Path.Combine(_folder, "missing.pfx");
        var settings = Settings(file);
        settings["DataProtection__Certificate__Path"] = missing;
        using var app = AppProcess.Start(settings);

        var code = await app.WaitExitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(1, code);
        var error = Assert.Single(app.Lines, l => l.StartsWith("stderr: ", StringComparison.Ordinal));
        Assert.Equal($"stderr: DataProtection:Certificate:Path ({missing}): the file {missing} does not exist.", error);
        Assert.DoesNotContain(app.Lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.False(File.Exists(file), "nothing is created before the certificate is usable");
    }

    private static Dictionary<string, string?> Settings(string file) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Database__Provider"] = "Sqlite",
        ["ConnectionStrings__Jixiao"] = "Data Source=" + file,
    };

    private string SelfSignedCertificate(string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Jixiao data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var notBefore = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var certificate = request.CreateSelfSigned(notBefore, notBefore.AddYears(10));
        var path = Path.Combine(_folder, "keys.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    private static List<string> Keys(string file)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Xml\" FROM data_protection_keys";
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
