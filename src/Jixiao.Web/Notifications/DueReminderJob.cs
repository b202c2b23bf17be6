using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Jixiao.Application.Calendar;
using Jixiao.Application.Evaluations;
using Jixiao.Application.Notifications;
using Jixiao.Application.Persistence;
using Jixiao.Formulas.Localization;
using Jixiao.Web.Jobs;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Jixiao.Web.Notifications;

/// <summary>
/// Daily, once across instances (the leased scheduler), at <c>Reminders:SendAt</c> company time (default 08:00): makes the
/// in-app notifications of every step due (<see cref="DueReminders"/>) and, when an SMTP server is configured
/// (<see cref="SmtpSettings"/>), e-mails each linked account with an address its new notifications, one message per
/// account in the account's language. A message that cannot be sent is tried again at the next run, for three days.
/// <c>Reminders:Enabled</c> (default true) turns the hosted run off (the job can still be ticked).
/// </summary>
public sealed class DueReminderJob(IServiceScopeFactory scopes, TimeProvider time, SchedulerInstance instance, IConfiguration configuration, CompanyTimeZone zone, ILogger<DueReminderJob> logger)
    : LeasedJob(scopes, time, instance, logger)
{
    /// <summary>How many days a notification not yet e-mailed is still sent.</summary>
    public const int MailDays = 3;

    public override string Name => "due-reminders";

    public override TimeSpan Interval => TimeSpan.FromDays(1);

    public override TimeSpan Offset => CurrentMonthRefreshJob.RefreshOffset(configuration["Reminders:SendAt"] is { Length: > 0 } at ? at : "08:00", zone);

    protected override async Task RunAsync(IServiceProvider services, DateTime now, CancellationToken ct)
    {
        var db = services.GetRequiredService<JixiaoDbContext>();
        var reminders = new DueReminders(db, services.GetRequiredService<TimeProvider>(), services.GetRequiredService<CompanyTimeZone>());
        var added = await reminders.NotifyAsync(ct);
        logger.LogInformation("Reminders: {Count} new notifications.", added.Count);
        var smtp = SmtpSettings.Read(configuration, out var error);
        if (error is not null)
        {
            logger.LogError("Reminders are not e-mailed: {Error}", error);
        }

        if (smtp is null)
        {
            return;
        }

        var unsent = await reminders.UnsentAsync(MailDays, ct);
        if (unsent.Count == 0)
        {
            return;
        }

        // A notification is addressed to an employee (every account linked to them) or to one account (DueSteps.AccountKey).
        var employees = unsent.Select(n => n.EmployeeId).Distinct(StringComparer.Ordinal).ToList();
        var accountIds = employees.Where(e => e.StartsWith(DueSteps.AccountKey(""), StringComparison.Ordinal)).Select(e => e[DueSteps.AccountKey("").Length..]).ToList();
        var accounts = new List<AppUser>();
        foreach (var chunk in employees.Chunk(500))
        {
            accounts.AddRange(await db.Users.AsNoTracking().Where(u => u.EmployeeId != null && chunk.Contains(u.EmployeeId) && !u.IsDisabled && u.Email != null).ToListAsync(ct));
        }

        foreach (var chunk in accountIds.Chunk(500))
        {
            accounts.AddRange(await db.Users.AsNoTracking().Where(u => u.EmployeeId == null && chunk.Contains(u.Id) && !u.IsDisabled && u.Email != null).ToListAsync(ct));
        }

        var byEmployee = unsent.ToLookup(n => n.EmployeeId, StringComparer.Ordinal);
        var messages = new List<(MimeMessage Message, IReadOnlyList<long> Ids)>();
        foreach (var account in accounts.OrderBy(a => a.UserName, StringComparer.Ordinal))
        {
            if (!MailboxAddress.TryParse(account.Email, out var to))
            {
                logger.LogWarning("Account {User} has an e-mail address that cannot be used; not e-mailed.", account.UserName);
                continue;
            }

            var mine = byEmployee[account.EmployeeId ?? DueSteps.AccountKey(account.Id)].ToList();
            to.Name = account.DisplayName ?? account.UserName;
            messages.Add((Compose(smtp, to, mine, Languages.ForTag(account.Culture)), [.. mine.Select(n => n.Id)]));
        }

        var sent = await SendAsync(smtp, messages, ct);
        await reminders.MarkEmailedAsync(sent, ct);
        logger.LogInformation("Reminders: {Messages} of {Total} e-mails sent.", messages.Count(m => m.Ids.All(sent.Contains)), messages.Count);
    }

    /// <summary>One account's message: a greeting, one line per step due, the link to the app when configured.</summary>
    public static MimeMessage Compose(SmtpSettings smtp, MailboxAddress to, IReadOnlyList<NotificationRecord> notifications, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(smtp);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(notifications);
        var body = new StringBuilder();
        body.AppendLine(NotificationsText.Get(culture, "Mail_Greeting", to.Name)).AppendLine();
        body.AppendLine(NotificationsText.Get(culture, "Mail_Intro"));
        foreach (var n in notifications.OrderBy(n => n.Due).ThenBy(n => n.Id))
        {
            body.Append("- ").AppendLine(NotificationLines.Text(n, culture));
        }

        if (smtp.PublicUrl is { } url)
        {
            body.AppendLine().AppendLine(NotificationsText.Get(culture, "Mail_Link", url + "/notifications"));
        }

        body.AppendLine().AppendLine(NotificationsText.Get(culture, "Mail_Footer"));
        var message = new MimeMessage { Subject = NotificationsText.Get(culture, "Mail_Subject", notifications.Count) };
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(to);
        message.Body = new TextPart("plain") { Text = body.ToString() };
        return message;
    }

    /// <summary>Sends the messages over one connection; returns the notification ids of those sent. A failure is logged, not thrown.</summary>
    private async Task<HashSet<long>> SendAsync(SmtpSettings smtp, List<(MimeMessage Message, IReadOnlyList<long> Ids)> messages, CancellationToken ct)
    {
        var sent = new HashSet<long>();
        if (messages.Count == 0)
        {
            return sent;
        }

        try
        {
            using var client = new SmtpClient();
            await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, ct);
            if (smtp.UserName is { } user)
            {
                await client.AuthenticateAsync(user, smtp.Password ?? "", ct);
            }

            foreach (var (message, ids) in messages)
            {
                try
                {
                    await client.SendAsync(message, ct);
                    sent.UnionWith(ids);
                }
                catch (SmtpCommandException ex)
                {
                    // One refused recipient does not stop the others.
                    logger.LogWarning("Reminder e-mail refused by the SMTP server ({Status}): {Message}", ex.StatusCode, ex.Message);
                }
            }

            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception ex) when (ex is SmtpProtocolException or SmtpCommandException or AuthenticationException or SocketException or IOException or ServiceNotConnectedException or SslHandshakeException)
        {
            logger.LogWarning("Reminder e-mails could not be sent through {Host}:{Port}: {Message}; tried again at the next run.", smtp.Host, smtp.Port, ex.Message);
        }

        return sent;
    }
}
