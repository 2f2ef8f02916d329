using System.Security.Cryptography;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Accounts;
using SesecPortal.Application.Features.Mail;

namespace SesecPortal.Application.Features.Newsletter;

/// <summary>
/// The link that confirms an anonymous subscription: the subscription and its address, signed by Data Protection with
/// a lifetime of 48 hours. Nothing is stored for it, and it cannot be made up or moved to another address.
/// </summary>
public sealed class SubscriptionTokens(IDataProtectionProvider provider, TimeProvider clock)
{
    public static readonly TimeSpan Lifespan = TimeSpan.FromHours(48);

    private readonly IDataProtector protector = provider.CreateProtector("SesecPortal.NewsletterConfirm.v1");

    /// <summary>The expiry travels inside the protected payload, so it cannot be changed either.</summary>
    public string Create(int subscriptionId, string normalizedEmail) =>
        protector.Protect(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{subscriptionId}:{(clock.GetUtcNow() + Lifespan).ToUnixTimeSeconds()}:{normalizedEmail}"));

    public (int Id, string NormalizedEmail)? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            var parts = protector.Unprotect(token).Split(':', 3);
            return parts.Length == 3 && int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var id)
                && long.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var expires)
                && DateTimeOffset.FromUnixTimeSeconds(expires) >= clock.GetUtcNow()
                ? (id, parts[2])
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}

/// <summary>
/// Anyone subscribes to the newsletter with an address: a confirmation link goes to it (double opt-in), and only a
/// confirmed subscription receives issues. The answer is the same whether or not the address is known.
/// </summary>
public static class Subscribe
{
    public sealed record Command(string Email) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Email).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Enter your e-mail address.")
            .MaximumLength(256).WithMessage("An e-mail address is at most 256 characters.")
            .EmailAddress().WithMessage("Enter an e-mail address like name@example.com.");
    }

    public sealed class Handler(PortalDbContext db, Outbox outbox, SiteAddress site, SubscriptionTokens tokens, TimeProvider clock, IPortalAddresses addresses)
        : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var email = command.Email.Trim();
            var normalized = NewsletterSubscription.Normalize(email);
            var now = clock.GetUtcNow();
            var subscription = await db.NewsletterSubscriptions.SingleOrDefaultAsync(s => s.NormalizedEmail == normalized, ct);
            if (subscription?.ConfirmedAt is not null)
            {
                return Unit.Value;
            }

            if (subscription is null)
            {
                subscription = new NewsletterSubscription { Email = email, NormalizedEmail = normalized, CreatedAt = now };
                db.NewsletterSubscriptions.Add(subscription);
                await db.SaveChangesAsync(ct);
            }
            else if (await db.OutboxMessages.AnyAsync(m => m.Recipient == subscription.Email && m.Kind == MailKind.NewsletterConfirmation && m.CreatedAt > now - SignUp.Quiet, ct))
            {
                // Asked a moment ago: one mail is enough.
                return Unit.Value;
            }

            var link = addresses.NewsletterConfirmation(tokens.Create(subscription.Id, normalized));
            outbox.Enqueue(MailKind.NewsletterConfirmation, subscription.Email, new MailComposer(site, "Confirm your subscription to the SESEC newsletter")
                .Heading("Confirm your subscription")
                .Paragraph("Someone, we hope you, asked to receive the SESEC China Standardisation Newsletter at this address. Follow the link within 48 hours to confirm.")
                .Button("Yes, send me the newsletter", link)
                .Paragraph("If it was not you, ignore this message: nothing is sent without the confirmation.")
                .Footer("You get this message because this address was entered on SesecPortal's newsletter page.")
                .Build());
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}

public static class ConfirmSubscription
{
    public const string ExpiredMessage = "This confirmation link has expired or is not valid. Subscribe again to get a new one.";

    public sealed record Command(string Token) : ICommand<string>;

    public sealed class Handler(PortalDbContext db, SubscriptionTokens tokens, TimeProvider clock) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken cancellationToken)
        {
            var read = tokens.Read(command.Token);
            var subscription = read is { } r
                ? await db.NewsletterSubscriptions.SingleOrDefaultAsync(s => s.Id == r.Id && s.NormalizedEmail == r.NormalizedEmail, cancellationToken)
                : null;
            if (subscription is null)
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure("", ExpiredMessage)]);
            }

            subscription.ConfirmedAt ??= clock.GetUtcNow();
            // The address of a member: the subscription is theirs (their preferences show it).
            subscription.UserId ??= await db.Users.Where(u => u.NormalizedEmail == subscription.NormalizedEmail).Select(u => u.Id).SingleOrDefaultAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return subscription.Email;
        }
    }
}

/// <summary>
/// One-click unsubscribe (RFC 8058), from the signed token of a message's <c>List-Unsubscribe</c> address: no sign-in.
/// Alerts: the watchlist's alerts are turned off; newsletter: the subscription is removed. Doing it twice is harmless.
/// </summary>
public static class Unsubscribe
{
    public sealed record Query(string? Token) : IQuery<Target?>;

    /// <summary>What a token stops, for the page that asks to confirm.</summary>
    public sealed record Target(string What, bool AlreadyDone);

    public sealed record Command(string? Token) : ICommand<Target?>;

    internal static (string Kind, int Id)? Parse(UnsubscribeTokens tokens, string? token)
    {
        var scope = tokens.Read(token);
        var parts = scope?.Split(':', 2);
        return parts is { Length: 2 } && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var id) && parts[0] is "alerts" or "newsletter"
            ? (parts[0], id)
            : null;
    }

    public sealed class QueryHandler(PortalDbContext db, UnsubscribeTokens tokens) : IQueryHandler<Query, Target?>
    {
        public async ValueTask<Target?> Handle(Query query, CancellationToken cancellationToken)
        {
            if (Parse(tokens, query.Token) is not { } target)
            {
                return null;
            }

            return target.Kind == "alerts"
                ? new Target("watchlist alerts", !await db.Watchlists.AnyAsync(w => w.Id == target.Id && w.Alerts != AlertFrequency.Off, cancellationToken))
                : new Target("the SESEC newsletter", !await db.NewsletterSubscriptions.AnyAsync(s => s.Id == target.Id, cancellationToken));
        }
    }

    public sealed class Handler(PortalDbContext db, UnsubscribeTokens tokens, TimeProvider clock) : ICommandHandler<Command, Target?>
    {
        public async ValueTask<Target?> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            if (Parse(tokens, command.Token) is not { } target)
            {
                return null;
            }

            if (target.Kind == "alerts")
            {
                var watchlist = await db.Watchlists.SingleOrDefaultAsync(w => w.Id == target.Id, ct);
                if (watchlist is not null && watchlist.Alerts != AlertFrequency.Off)
                {
                    var previous = watchlist.Alerts;
                    watchlist.Alerts = AlertFrequency.Off;
                    db.AuditEntries.Add(new AuditEntry
                    {
                        At = clock.GetUtcNow(), UserId = watchlist.UserId, UserName = "one-click unsubscribe", Action = "changed e-mail preferences",
                        ItemKind = ItemKind.User, SubjectUserId = watchlist.UserId,
                        ItemTitle = await db.Users.Where(u => u.Id == watchlist.UserId).Select(u => u.Email).SingleOrDefaultAsync(ct),
                        Detail = $"alerts {previous.ToString().ToLowerInvariant()} → off (unsubscribe link)",
                    });
                    await db.SaveChangesAsync(ct);
                }

                return new Target("watchlist alerts", true);
            }

            await db.NewsletterSubscriptions.Where(s => s.Id == target.Id).ExecuteDeleteAsync(ct);
            return new Target("the SESEC newsletter", true);
        }
    }
}

/// <summary>An editor sends the issue's newsletter to their own address first, as subscribers will get it (marked as a test).</summary>
public static class SendIssueTest
{
    public sealed record Command(int IssueId) : ICommand<string>;

    public sealed class Handler(PortalDbContext db, IssueNewsletter newsletter, Outbox outbox, ICurrentUser currentUser) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = currentUser.UserId ?? throw new UnauthorizedAccessException("Sign in first.");
            var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken)
                ?? throw new UnauthorizedAccessException("Sign in first.");
            var mail = await newsletter.ComposeAsync(command.IssueId, cancellationToken) ?? throw new NotFoundException($"Issue {command.IssueId}");
            outbox.Enqueue(MailKind.NewsletterTest, email, mail with { Subject = $"[Test] {mail.Subject}" });
            await db.SaveChangesAsync(cancellationToken);
            return email;
        }
    }
}

/// <summary>The issue page's newsletter counts: queued (waiting or being retried), sent, failed; and the confirmed subscribers.</summary>
public static class GetIssueMailing
{
    public sealed record Query(int IssueId) : IQuery<Result>;

    public sealed record Result(int Queued, int Sent, int Failed, int Subscribers);

    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var counts = await db.OutboxMessages.AsNoTracking().Where(m => m.IssueId == query.IssueId && m.Kind == MailKind.Newsletter)
                .GroupBy(m => m.SentAt != null ? 1 : m.FailedAt != null ? 2 : 0)
                .Select(g => new { g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken);
            var subscribers = await db.NewsletterSubscriptions.CountAsync(s => s.ConfirmedAt != null, cancellationToken);
            int Of(int key) => counts.FirstOrDefault(c => c.Key == key)?.Count ?? 0;
            return new Result(Of(0), Of(1), Of(2), subscribers);
        }
    }
}
