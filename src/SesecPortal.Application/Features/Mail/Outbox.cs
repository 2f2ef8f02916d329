using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Mail;

/// <summary>How the mail worker retries: <c>Email:Outbox:*</c>.</summary>
public sealed class OutboxOptions
{
    /// <summary>The wait after the first failed attempt; doubled after each further one.</summary>
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan LongestRetry { get; set; } = TimeSpan.FromHours(6);
    /// <summary>Attempts before a message is given up (marked failed).</summary>
    public int MaxAttempts { get; set; } = 10;
    /// <summary>How long a claim keeps other workers off a message: longer than sending a batch takes.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);
    public int BatchSize { get; set; } = 25;

    /// <summary>The wait before attempt <paramref name="attempts"/> + 1: exponential, capped.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var wait = FirstRetry.TotalSeconds * factor;
        return TimeSpan.FromSeconds(Math.Min(wait, LongestRetry.TotalSeconds));
    }
}

/// <summary>A message claimed for sending, with its body (its own or the shared one).</summary>
public sealed record ClaimedMail(long Id, MailKind Kind, string Recipient, string Subject, string Html, string Text, string? UnsubscribeScope, int Attempts);

/// <summary>
/// The outbox: handlers queue mail here as part of their own unit of work (committed with the change that caused it, or
/// not at all); the mail worker claims, sends and marks it.
/// </summary>
public sealed class Outbox(PortalDbContext db, TimeProvider clock)
{
    /// <summary>Adds a message to the handler's unit of work: it is queued when the handler saves.</summary>
    public OutboxMessage Enqueue(MailKind kind, string recipient, ComposedMail mail, string? unsubscribeScope = null, int? issueId = null)
    {
        var now = clock.GetUtcNow();
        var message = new OutboxMessage
        {
            Kind = kind, Recipient = recipient, Subject = Truncate(mail.Subject, 300), Html = mail.Html, Text = mail.Text,
            UnsubscribeScope = unsubscribeScope, IssueId = issueId, CreatedAt = now, NextAttemptAt = now,
        };
        db.OutboxMessages.Add(message);
        return message;
    }

    private const string ClaimSql = """
        WITH due AS (
            SELECT id FROM outbox_messages
            WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= @now AND (claimed_until IS NULL OR claimed_until < @now)
            ORDER BY next_attempt_at, id
            LIMIT @batch
            FOR UPDATE SKIP LOCKED
        ),
        claimed AS (
            UPDATE outbox_messages m SET claimed_until = @lease, attempts = m.attempts + 1
            FROM due WHERE m.id = due.id
            RETURNING m.id, m.kind, m.recipient, m.subject, m.html, m.text, m.body_id, m.unsubscribe_scope, m.attempts
        )
        SELECT c.id, c.kind, c.recipient, c.subject, coalesce(c.html, b.html, ''), coalesce(c.text, b.text, ''), c.unsubscribe_scope, c.attempts
        FROM claimed c LEFT JOIN mail_bodies b ON b.id = c.body_id
        ORDER BY c.id
        """;

    /// <summary>
    /// Claims up to a batch of due messages for this worker: rows another worker is claiming are skipped (row locks,
    /// <c>SKIP LOCKED</c>), and a claim lasts <see cref="OutboxOptions.Lease"/>, so two instances never send the same
    /// message, and one that died mid-batch leaves its messages to the others after the lease.
    /// </summary>
    public static async Task<IReadOnlyList<ClaimedMail>> ClaimAsync(PortalDbContext db, OutboxOptions options, DateTimeOffset now, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand(ClaimSql, connection);
            command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now.ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter("lease", NpgsqlDbType.TimestampTz) { Value = (now + options.Lease).ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter("batch", NpgsqlDbType.Integer) { Value = options.BatchSize });
            var claimed = new List<ClaimedMail>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                claimed.Add(new ClaimedMail(
                    reader.GetInt64(0), Enum.Parse<MailKind>(reader.GetString(1)), reader.GetString(2), reader.GetString(3),
                    reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetInt32(7)));
            }

            return claimed;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public static Task MarkSentAsync(PortalDbContext db, long id, DateTimeOffset now, CancellationToken ct) =>
        db.OutboxMessages.Where(m => m.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null).SetProperty(m => m.LastError, (string?)null), ct);

    /// <summary>
    /// A failed attempt: tried again after the backoff, or given up when <paramref name="permanent"/> (the server refused
    /// the address) or after the last attempt.
    /// </summary>
    public static Task MarkFailedAsync(PortalDbContext db, OutboxOptions options, ClaimedMail mail, string error, bool permanent, DateTimeOffset now, CancellationToken ct)
    {
        var giveUp = permanent || mail.Attempts >= options.MaxAttempts;
        var next = now + options.Backoff(mail.Attempts);
        return db.OutboxMessages.Where(m => m.Id == mail.Id)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null)
                .SetProperty(m => m.LastError, Truncate(error, 1000))
                .SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.FailedAt, giveUp ? now : null), ct);
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
