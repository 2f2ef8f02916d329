using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Mail;

namespace SesecPortal.Application.Features.Accounts;

internal static class Me
{
    public static async Task<PortalUser> FindAsync(UserManager<PortalUser> users, ICurrentUser currentUser) =>
        currentUser.UserId is { } id && await users.FindByIdAsync(id) is { } user
            ? user
            : throw new UnauthorizedAccessException("Sign in first.");

    public static ValidationException Failure(string property, string message) => new([new ValidationFailure(property, message)]);
}

/// <summary>The signed-in member changes their password, giving the current one; a notice goes to their address.</summary>
public static class ChangePassword
{
    public sealed record Command(string CurrentPassword, string NewPassword) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage("Enter your current password.");
            RuleFor(c => c.NewPassword).NotEmpty().WithMessage("Choose a new password.");
        }
    }

    public sealed class Handler(PortalDbContext db, UserManager<PortalUser> users, ICurrentUser currentUser, Outbox outbox, AccountMail mail, AccountAudit audit)
        : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var user = await Me.FindAsync(users, currentUser);
            if (!await users.CheckPasswordAsync(user, command.CurrentPassword))
            {
                throw Me.Failure(nameof(Command.CurrentPassword), "That is not your current password.");
            }

            var result = await users.ChangePasswordAsync(user, command.CurrentPassword, command.NewPassword);
            if (!result.Succeeded)
            {
                throw new ValidationException(result.Errors.Select(e => new ValidationFailure(nameof(Command.NewPassword), e.Description)));
            }

            outbox.Enqueue(MailKind.AccountNotice, user.Email!, mail.Notice("Your SesecPortal password was changed", "Your password was changed",
                "The password of your SesecPortal account was changed just now."));
            audit.Record(user, "changed the password");
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}

/// <summary>
/// The signed-in member asks to use another address: a link goes to the new address, and only following it changes the
/// account (<see cref="ConfirmEmailChange"/>). The answer is the same when the new address belongs to someone else
/// (then no mail is sent), so the form reveals no one's address.
/// </summary>
public static class ChangeEmail
{
    public sealed record Command(string NewEmail, string Password) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.NewEmail).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Enter the new e-mail address.")
                .MaximumLength(256).WithMessage("An e-mail address is at most 256 characters.")
                .EmailAddress().WithMessage("Enter an e-mail address like name@example.com.");
            RuleFor(c => c.Password).NotEmpty().WithMessage("Enter your password.");
        }
    }

    public sealed class Handler(PortalDbContext db, UserManager<PortalUser> users, ICurrentUser currentUser, Outbox outbox, AccountMail mail, AccountAudit audit)
        : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await Me.FindAsync(users, currentUser);
            var email = command.NewEmail.Trim();
            if (!await users.CheckPasswordAsync(user, command.Password))
            {
                throw Me.Failure(nameof(Command.Password), "That is not your password.");
            }

            if (string.Equals(email, user.Email, StringComparison.OrdinalIgnoreCase))
            {
                throw Me.Failure(nameof(Command.NewEmail), "That is the address you use now.");
            }

            if (await users.FindByEmailAsync(email) is null)
            {
                var token = await users.GenerateChangeEmailTokenAsync(user, email);
                outbox.Enqueue(MailKind.EmailChange, email, mail.EmailChange(user.Id, email, token));
            }

            audit.Record(user, "asked to change the address");
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>Following the link sent to the new address: the account, its sign-in name and its newsletter subscription move to it; the old address is told.</summary>
public static class ConfirmEmailChange
{
    public const string ExpiredMessage = "This link has expired or has already been used. Ask for the change again from My account.";

    public sealed record Command(string UserId, string Email, string Code) : ICommand<Unit>;

    public sealed class Handler(PortalDbContext db, UserManager<PortalUser> users, Outbox outbox, AccountMail mail, AccountAudit audit) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var user = string.IsNullOrWhiteSpace(command.UserId) || command.UserId.Length > 100 ? null : await users.FindByIdAsync(command.UserId);
            var token = AccountTokens.Decode(command.Code);
            var email = (command.Email ?? "").Trim();
            if (user is null || token.Length == 0 || email.Length is 0 or > 256)
            {
                throw Me.Failure("", ExpiredMessage);
            }

            if (await users.FindByEmailAsync(email) is { } other && other.Id != user.Id)
            {
                throw Me.Failure("", $"{email} is used by another account now.");
            }

            var old = user.Email!;
            var changed = await users.ChangeEmailAsync(user, email, token);
            if (!changed.Succeeded)
            {
                throw Me.Failure("", changed.Errors.Any(e => e.Code == "InvalidToken") ? ExpiredMessage : string.Join(" ", changed.Errors.Select(e => e.Description)));
            }

            IdentityResults.ThrowIfFailed(await users.SetUserNameAsync(user, email), "");
            var normalized = NewsletterSubscription.Normalize(email);
            // The new address may have subscribed without an account: the member's own subscription replaces it.
            await db.NewsletterSubscriptions.Where(s => s.NormalizedEmail == normalized && s.UserId == null).ExecuteDeleteAsync(ct);
            await db.NewsletterSubscriptions.Where(s => s.UserId == user.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Email, email).SetProperty(x => x.NormalizedEmail, normalized), ct);
            outbox.Enqueue(MailKind.AccountNotice, old, mail.Notice("Your SesecPortal address was changed", "Your address was changed",
                $"Your SesecPortal account now uses {email}; mail no longer comes to this address."));
            audit.Record(user, "changed the address", $"from {old}");
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
