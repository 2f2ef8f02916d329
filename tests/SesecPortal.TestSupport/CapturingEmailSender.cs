using System.Collections.Concurrent;
using SesecPortal.Application.Common;

namespace SesecPortal.TestSupport;

/// <summary>Keeps the e-mails the portal sends, so tests can follow a reset link as a person would.</summary>
public sealed class CapturingEmailSender : IEmailSender
{
    private readonly ConcurrentQueue<(string To, string Subject, string Body)> sent = new();

    public IReadOnlyList<(string To, string Subject, string Body)> Sent => [.. sent];

    public Task SendAsync(string recipient, string subject, string textBody, CancellationToken ct)
    {
        sent.Enqueue((recipient, subject, textBody));
        return Task.CompletedTask;
    }
}
