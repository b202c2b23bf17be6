using System.Globalization;
using MailKit.Security;

namespace Jixiao.Web.Notifications;

/// <summary>
/// The SMTP server reminders are e-mailed through (docs/deployment.md, section E-mail): <c>Smtp:Host</c> (none: no
/// e-mail, in-app notifications only), <c>Smtp:Port</c> (default 25), <c>Smtp:From</c> (required with a host),
/// <c>Smtp:UserName</c>/<c>Smtp:Password</c> (optional), <c>Smtp:Security</c> (<c>auto</c> default, <c>none</c>,
/// <c>starttls</c>, <c>ssl</c>). <c>App:PublicUrl</c>, when set, adds a link to the app in each message.
/// </summary>
public sealed record SmtpSettings(string Host, int Port, string From, string? UserName, string? Password, SecureSocketOptions Security, string? PublicUrl)
{
    /// <summary>The settings, or null when no host is configured; <paramref name="error"/> says what is wrong with a host that is.</summary>
    public static SmtpSettings? Read(IConfiguration configuration, out string? error)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        error = null;
        var host = configuration["Smtp:Host"];
        if (string.IsNullOrWhiteSpace(host))
        {
            return null;
        }

        var portText = configuration["Smtp:Port"];
        var port = 25;
        if (!string.IsNullOrWhiteSpace(portText) && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            error = $"Smtp:Port '{portText}' is not a port number (1–65535).";
            return null;
        }

        var from = configuration["Smtp:From"];
        if (string.IsNullOrWhiteSpace(from) || !MimeKit.MailboxAddress.TryParse(from, out _))
        {
            error = "Smtp:From must be the sender's address, e.g. jixiao@example.com, when Smtp:Host is set.";
            return null;
        }

        SecureSocketOptions? security = (configuration["Smtp:Security"] ?? "auto").Trim().ToUpperInvariant() switch
        {
            "AUTO" => SecureSocketOptions.Auto,
            "NONE" => SecureSocketOptions.None,
            "STARTTLS" => SecureSocketOptions.StartTls,
            "SSL" => SecureSocketOptions.SslOnConnect,
            _ => null,
        };
        if (security is null)
        {
            error = $"Smtp:Security '{configuration["Smtp:Security"]}' is not one of auto, none, starttls, ssl.";
            return null;
        }

        var user = configuration["Smtp:UserName"];
        return new SmtpSettings(host.Trim(), port, from.Trim(), string.IsNullOrWhiteSpace(user) ? null : user, configuration["Smtp:Password"], security.Value,
            configuration["App:PublicUrl"] is { Length: > 0 } url ? url.TrimEnd('/') : null);
    }
}
