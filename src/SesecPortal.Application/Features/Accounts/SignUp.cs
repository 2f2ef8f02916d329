using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Mail;

namespace SesecPortal.Application.Features.Accounts;

/// <summary>
/// Someone joins as a member: the account is made without a password and cannot sign in; the link mailed to the address
/// confirms it and lets them choose one (double opt-in). The answer is the same whatever the address: a known address
/// is told by mail that it has an account (or, if never confirmed, gets a new link), so the form reveals no one.
/// No password is taken before the address is proven, so nobody can claim an address and keep a password on it.
/// </summary>
public static class SignUp
{
    public sealed record Command(string Email, string? DisplayName) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Enter your e-mail address.")
                .MaximumLength(256).WithMessage("An e-mail address is at most 256 characters.")
                .EmailAddress().WithMessage("Enter an e-mail address like name@example.com.");
            RuleFor(c => c.DisplayName).MaximumLength(100).WithMessage("A name is at most 100 characters.");
        }
    }

    /// <summary>A known address gets at most one mail in this time, however often the form is sent.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMinutes(2);

    public sealed class Handler(PortalDbContext db, UserManager<PortalUser> users, Outbox outbox, AccountMail mail, AccountAudit audit, TimeProvider clock)
        : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var email = command.Email.Trim();
            var existing = await users.FindByEmailAsync(email);
            if (existing is not null)
            {
                var normalized = existing.Email!;
                var recent = clock.GetUtcNow() - Quiet;
                if (!await db.OutboxMessages.AnyAsync(m => m.Recipient == normalized && m.CreatedAt > recent
                        && (m.Kind == MailKind.AccountConfirmation || m.Kind == MailKind.AccountNotice), ct))
                {
                    if (existing.EmailConfirmed)
                    {
                        outbox.Enqueue(MailKind.AccountNotice, existing.Email!, mail.AlreadyMember());
                        audit.Record(existing, "asked to sign up again", "already a member: told by mail");
                    }
                    else
                    {
                        var token = await users.GenerateUserTokenAsync(existing, AccountTokens.SignUpProvider, AccountTokens.ActivatePurpose);
                        outbox.Enqueue(MailKind.AccountConfirmation, existing.Email!, mail.SignUp(existing.Id, token));
                        audit.Record(existing, "asked to sign up again", "not confirmed yet: a new link sent");
                    }
                }

                await db.SaveChangesAsync(ct);
                return Unit.Value;
            }

            var user = new PortalUser
            {
                UserName = email, Email = email, EmailConfirmed = false,
                DisplayName = string.IsNullOrWhiteSpace(command.DisplayName) ? null : command.DisplayName.Trim(),
                CreatedAt = clock.GetUtcNow(),
            };
            IdentityResults.ThrowIfFailed(await users.CreateAsync(user), nameof(Command.Email));
            IdentityResults.ThrowIfFailed(await users.AddToRoleAsync(user, Roles.Member), nameof(Command.Email));
            var activation = await users.GenerateUserTokenAsync(user, AccountTokens.SignUpProvider, AccountTokens.ActivatePurpose);
            outbox.Enqueue(MailKind.AccountConfirmation, user.Email, mail.SignUp(user.Id, activation));
            audit.Record(user, "signed up", "waiting for the address to be confirmed");
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
