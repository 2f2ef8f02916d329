using MailKit.Net.Smtp;
using MailKit.Security;
using Mediator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MimeKit;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Features.Accounts;
using SesecPortal.Application.Features.Mail;
using SesecPortal.Application.Features.Newsletter;
using SesecPortal.Application.Features.Watchlists;

namespace SesecPortal.Web.Infrastructure;

/// <summary>
/// E-mail: messages are queued in the outbox by the handlers (in their own transaction) and sent by <see cref="MailWorker"/>
/// with MailKit over SMTP (<c>Email:Smtp:*</c>), or, with no SMTP host, written as <c>.eml</c> files under
/// <c>.data/mail</c> (<c>Email:PickupDirectory</c>) with their path logged. Watchlist alerts are queued by
/// <see cref="AlertScheduler"/>.
/// </summary>
internal static class Email
{
    public static IServiceCollection AddPortalMail(this IServiceCollection services, IConfiguration configuration)
    {
        var outbox = configuration.GetSection("Email:Outbox");
        services.AddSingleton(new OutboxOptions
        {
            FirstRetry = TimeSpan.FromSeconds(outbox.GetValue("RetrySeconds", 30.0)),
            LongestRetry = TimeSpan.FromSeconds(outbox.GetValue("LongestRetrySeconds", 6 * 3600.0)),
            MaxAttempts = outbox.GetValue("MaxAttempts", 10),
            Lease = TimeSpan.FromSeconds(outbox.GetValue("LeaseSeconds", 300.0)),
            BatchSize = outbox.GetValue("BatchSize", 25),
        });
        services.AddSingleton(new AlertOptions
        {
            SendAtUtc = TimeSpan.Parse(configuration["Alerts:SendAtUtc"] ?? "07:00", System.Globalization.CultureInfo.InvariantCulture),
            WeeklyOn = Enum.Parse<DayOfWeek>(configuration["Alerts:WeeklyOn"] ?? nameof(DayOfWeek.Monday), ignoreCase: true),
        });
        services.AddSingleton(sp => new SiteAddress(() => BaseUrl(sp)));
        services.AddScoped<Outbox>();
        services.AddScoped<AccountMail>();
        services.AddScoped<AccountAudit>();
        services.AddScoped<IssueNewsletter>();
        services.AddSingleton<UnsubscribeTokens>();
        services.AddSingleton<SubscriptionTokens>();
        services.AddSingleton<MailDelivery>();
        services.AddHostedService<MailWorker>();
        services.AddHostedService<AlertScheduler>();
        return services;
    }

    /// <summary><c>Site:BaseUrl</c>, else the address this instance serves on (loopback for <c>dotnet run</c>).</summary>
    private static Uri BaseUrl(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IConfiguration>()["Site:BaseUrl"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new Uri(configured.TrimEnd('/') + "/");
        }

        var address = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
        address = address.Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal);
        return new Uri(address.TrimEnd('/') + "/");
    }
}

/// <summary>The result of one delivery: sent, or the error and whether trying again could help.</summary>
internal sealed record DeliveryResult(ClaimedMail Mail, string? Error, bool Permanent);

/// <summary>Makes the MIME message of a claimed mail (both parts, the one-click unsubscribe headers) and hands it to SMTP or the pickup folder.</summary>
internal sealed partial class MailDelivery(IConfiguration configuration, IHostEnvironment environment, UnsubscribeTokens tokens, SiteAddress site, IPortalAddresses addresses, ILogger<MailDelivery> logger)
{
    private IConfigurationSection Smtp => configuration.GetSection("Email:Smtp");

    public string? SmtpHost => Smtp["Host"] is { Length: > 0 } host ? host : null;

    public string PickupDirectory => configuration["Email:PickupDirectory"] is { Length: > 0 } dir
        ? dir
        : Path.Combine(DatabaseSetup.RepositoryRoot(environment.ContentRootPath), ".data", "mail");

    public MimeMessage Build(ClaimedMail mail)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(Smtp["From"] is { Length: > 0 } from ? from : "SesecPortal <no-reply@sesecportal.local>"));
        message.To.Add(MailboxAddress.Parse(mail.Recipient));
        message.Subject = mail.Subject;
        message.MessageId = $"outbox-{mail.Id}.{Guid.NewGuid():N}@{site.BaseUrl.Host}";
        var unsubscribe = mail.UnsubscribeScope is { } scope
            ? site.Absolute(addresses.Unsubscribe(tokens.Create(scope)))
            : site.Absolute(addresses.Preferences);
        if (mail.UnsubscribeScope is not null)
        {
            // RFC 8058: one click in the mail client posts "List-Unsubscribe=One-Click" to this address; no sign-in.
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        message.Headers.Add("X-SesecPortal-Kind", mail.Kind.ToString());
        var body = new BodyBuilder
        {
            TextBody = mail.Text.Replace(MailComposer.UnsubscribePlaceholder, unsubscribe, StringComparison.Ordinal),
            HtmlBody = mail.Html.Replace(MailComposer.UnsubscribePlaceholder, System.Net.WebUtility.HtmlEncode(unsubscribe), StringComparison.Ordinal),
        };
        message.Body = body.ToMessageBody();
        return message;
    }

    public async Task<IReadOnlyList<DeliveryResult>> SendAsync(IReadOnlyList<ClaimedMail> batch, CancellationToken ct)
    {
        if (SmtpHost is null)
        {
            return await WriteToPickupAsync(batch, ct);
        }

        var results = new List<DeliveryResult>();
        using var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(Smtp.GetValue("TimeoutSeconds", 30)).TotalMilliseconds };
        try
        {
            await client.ConnectAsync(SmtpHost, Smtp.GetValue("Port", 587), Enum.Parse<SecureSocketOptions>(Smtp["Tls"] is { Length: > 0 } tls ? tls : "Auto", ignoreCase: true), ct);
            if (Smtp["User"] is { Length: > 0 } user)
            {
                await client.AuthenticateAsync(user, Smtp["Password"] ?? "", ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogUnreachable(ex, SmtpHost);
            return [.. batch.Select(m => new DeliveryResult(m, $"SMTP {SmtpHost}: {ex.Message}", false))];
        }

        foreach (var mail in batch)
        {
            try
            {
                await client.SendAsync(Build(mail), ct);
                results.Add(new DeliveryResult(mail, null, false));
            }
            catch (SmtpCommandException ex) when (ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted && (int)ex.StatusCode >= 500)
            {
                results.Add(new DeliveryResult(mail, $"Refused by the server: {ex.Message}", true));
            }
            catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or IOException or MailKit.ServiceNotConnectedException or FormatException or ParseException)
            {
                results.Add(new DeliveryResult(mail, ex.Message, ex is FormatException or ParseException));
                if (!client.IsConnected)
                {
                    results.AddRange(batch.Skip(results.Count).Select(m => new DeliveryResult(m, $"SMTP connection lost: {ex.Message}", false)));
                    break;
                }
            }
        }

        if (client.IsConnected)
        {
            await client.DisconnectAsync(quit: true, ct);
        }

        return results;
    }

    /// <summary>Without an SMTP server: each mail a .eml file in the pickup directory.</summary>
    private async Task<IReadOnlyList<DeliveryResult>> WriteToPickupAsync(IReadOnlyList<ClaimedMail> batch, CancellationToken ct)
    {
        var results = new List<DeliveryResult>();
        Directory.CreateDirectory(PickupDirectory);
        foreach (var mail in batch)
        {
            var path = Path.Combine(PickupDirectory, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{mail.Id}-{mail.Kind}.eml");
            // Written under a temporary name, then renamed: whoever picks up *.eml never reads half a message.
            var partial = path + ".part";
            await Build(mail).WriteToAsync(partial, ct);
            File.Move(partial, path, overwrite: true);
            LogWritten(mail.Recipient, mail.Subject, path);
            results.Add(new DeliveryResult(mail, null, false));
        }

        return results;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No SMTP server configured (Email:Smtp:Host): the mail to {Recipient} “{Subject}” is in {Path}")]
    private partial void LogWritten(string recipient, string subject, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SMTP server {Host} cannot be reached; the mail stays queued and is tried again")]
    private partial void LogUnreachable(Exception exception, string host);
}
