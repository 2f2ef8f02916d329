namespace SesecPortal.Application.Domain;

/// <summary>What a queued e-mail is for: transactional account mail, alerts, or the newsletter.</summary>
public enum MailKind
{
    AccountConfirmation,
    PasswordReset,
    Invitation,
    EmailChange,
    AccountNotice,
    NewsletterConfirmation,
    WatchlistAlert,
    Newsletter,
    NewsletterTest,
}

/// <summary>
/// An e-mail waiting to be sent, or sent: written in the same transaction as what caused it, sent by the mail worker
/// (<c>MailWorker</c>), which claims due rows with <c>FOR UPDATE SKIP LOCKED</c> so each goes out once whatever the
/// number of instances, and tries again with exponential backoff when the SMTP server does not take it.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public MailKind Kind { get; set; }
    public required string Recipient { get; set; }
    public required string Subject { get; set; }
    /// <summary>The HTML part (CSS inlined); null when the body is shared (<see cref="BodyId"/>).</summary>
    public string? Html { get; set; }
    /// <summary>The plain-text part; null when the body is shared.</summary>
    public string? Text { get; set; }
    /// <summary>A body shared by many recipients (a newsletter issue): stored once.</summary>
    public long? BodyId { get; set; }
    public MailBody? Body { get; set; }
    /// <summary>
    /// What the unsubscribe link of this message stops (<c>alerts:{watchlist id}</c>, <c>newsletter:{subscription id}</c>);
    /// signed into a token when the message is sent. Null for account mail, which has no unsubscribe.
    /// </summary>
    public string? UnsubscribeScope { get; set; }
    /// <summary>The issue a newsletter message sends, for the issue page's counts.</summary>
    public int? IssueId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    /// <summary>A worker has claimed the message until then; past it, another may.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>Given up after the last attempt.</summary>
    public DateTimeOffset? FailedAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>A message body sent to many (a newsletter issue), with a placeholder for each recipient's unsubscribe address.</summary>
public sealed class MailBody
{
    public long Id { get; set; }
    public required string Html { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// Someone who receives the newsletter: a member (by account) or an anonymous reader, who is confirmed only after
/// following the link sent to the address (double opt-in).
/// </summary>
public sealed class NewsletterSubscription
{
    public int Id { get; set; }
    public required string Email { get; set; }
    /// <summary>Upper-case, trimmed: one subscription an address.</summary>
    public required string NormalizedEmail { get; set; }
    public string? UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();
}

/// <summary>How often a member hears about their watchlist by e-mail.</summary>
public enum AlertFrequency
{
    Weekly = 0,
    Daily = 1,
    Immediately = 2,
    Off = 3,
}
