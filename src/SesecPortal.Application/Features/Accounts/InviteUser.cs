using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Identity;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Mail;

namespace SesecPortal.Application.Features.Accounts;

/// <summary>
/// An admin invites an editor or a member: the account is made with its role and no password, and the invitation mailed
/// to the address carries a one-time link to choose one. Nobody ever chooses a password for someone else.
/// <see cref="Command.Resend"/> sends a new link to an invitation not accepted yet.
/// </summary>
public static class InviteUser
{
    public static readonly IReadOnlyList<string> InvitableRoles = [Roles.Editor, Roles.Member];

    public sealed record Command(string Email, string? DisplayName, string Role) : ICommand<string>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Enter an e-mail address.")
                .MaximumLength(256).WithMessage("An e-mail address is at most 256 characters.")
                .EmailAddress().WithMessage("Enter an e-mail address like name@example.com.");
            RuleFor(c => c.DisplayName).MaximumLength(100).WithMessage("A name is at most 100 characters.");
            RuleFor(c => c.Role).Must(r => InvitableRoles.Contains(r)).WithMessage("Choose Editor or Member.");
        }
    }

    public sealed class Handler(
        PortalDbContext db, UserManager<PortalUser> users, Outbox outbox, AccountMail mail, AccountAudit audit, ICurrentUser currentUser, TimeProvider clock)
        : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            if (!currentUser.IsInRole(Roles.Admin))
            {
                throw new UnauthorizedAccessException("Only an admin can invite.");
            }

            var email = command.Email.Trim();
            if (await users.FindByEmailAsync(email) is not null)
            {
                throw new ValidationException([new ValidationFailure(nameof(Command.Email), $"{email} already has an account.")]);
            }

            var user = new PortalUser
            {
                UserName = email, Email = email, EmailConfirmed = false,
                DisplayName = string.IsNullOrWhiteSpace(command.DisplayName) ? null : command.DisplayName.Trim(),
                CreatedAt = clock.GetUtcNow(),
            };
            IdentityResults.ThrowIfFailed(await users.CreateAsync(user), nameof(Command.Email));
            IdentityResults.ThrowIfFailed(await users.AddToRoleAsync(user, command.Role), nameof(Command.Role));
            var token = await users.GenerateUserTokenAsync(user, AccountTokens.InvitationProvider, AccountTokens.ActivatePurpose);
            outbox.Enqueue(MailKind.Invitation, user.Email, mail.Invitation(currentUser.Name, command.Role, user.Id, token));
            audit.Record(user, "invited", $"as {command.Role}");
            await db.SaveChangesAsync(ct);
            return user.Id;
        }
    }
}

/// <summary>An admin sends a new invitation link to an account that has not chosen its password yet (the old link stops working).</summary>
public static class ResendInvitation
{
    public sealed record Command(string UserId) : ICommand<Unit>;

    public sealed class Handler(PortalDbContext db, UserManager<PortalUser> users, Outbox outbox, AccountMail mail, AccountAudit audit, ICurrentUser currentUser)
        : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!currentUser.IsInRole(Roles.Admin))
            {
                throw new UnauthorizedAccessException("Only an admin can invite.");
            }

            var user = await users.FindByIdAsync(command.UserId) ?? throw new NotFoundException("The user");
            if (user.PasswordHash is not null)
            {
                throw new ValidationException([new ValidationFailure("", $"{user.Email} has accepted the invitation already.")]);
            }

            // A new stamp: the earlier link no longer works.
            await users.UpdateSecurityStampAsync(user);
            var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? Roles.Member;
            var token = await users.GenerateUserTokenAsync(user, AccountTokens.InvitationProvider, AccountTokens.ActivatePurpose);
            outbox.Enqueue(MailKind.Invitation, user.Email!, mail.Invitation(currentUser.Name, role, user.Id, token));
            audit.Record(user, "invited again", $"as {role}");
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
