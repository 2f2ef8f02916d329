using Microsoft.Extensions.Logging;

namespace SesecPortal.Application.Common;

/// <summary>Sends e-mail (password resets). Pluggable: development and tests use <see cref="LogEmailSender"/> or a capture.</summary>
public interface IEmailSender
{
    Task SendAsync(string recipient, string subject, string textBody, CancellationToken ct);
}

/// <summary>Writes each message to the log instead of sending it: for development, and until an SMTP sender is configured.</summary>
public sealed class LogEmailSender(ILogger<LogEmailSender> logger) : IEmailSender
{
    public Task SendAsync(string recipient, string subject, string textBody, CancellationToken ct)
    {
        logger.LogWarning("E-mail not sent (no sender configured) to {Recipient}: {Subject}\n{Body}", recipient, subject, textBody);
        return Task.CompletedTask;
    }
}
