using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Identity;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Mail;

namespace SesecPortal.Application.Features.Accounts;

/// <summary>
/// "Forgot your password?": a reset link (two hours) is queued to the address when it has an account; the page answers
/// the same either way. Following the link sets the password and confirms the address (the link proves it).
/// </summary>
public static class RequestPasswordReset
{
    public sealed record Command(string Email) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Email).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Enter your e-mail address.")
            .MaximumLength(256).WithMessage("An e-mail address is at most 256 characters.")
            .EmailAddress().WithMessage("Enter an e-mail address like name@example.com.");
    }

    public sealed class Handler(PortalDbContext db, UserManager<PortalUser> users, Outbox outbox, AccountMail mail, AccountAudit audit) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindByEmailAsync(command.Email.Trim());
            if (user is null)
            {
                return Unit.Value;
            }

            var token = await users.GeneratePasswordResetTokenAsync(user);
            outbox.Enqueue(MailKind.PasswordReset, user.Email!, mail.PasswordReset(user.Email!, token));
            audit.Record(user, "asked for a password reset");
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

public static class ResetPassword
{
    public const string ExpiredMessage = "This reset link is not valid or has expired. Ask for a new one.";

    public sealed record Command(string Email, string Code, string Password) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Password).NotEmpty().WithMessage("Enter a new password.");
    }

    public sealed class Handler(PortalDbContext db, UserManager<PortalUser> users, AccountAudit audit) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var user = string.IsNullOrWhiteSpace(command.Email) || command.Email.Length > 256 ? null : await users.FindByEmailAsync(command.Email.Trim());
            var token = AccountTokens.Decode(command.Code);
            if (user is null || token.Length == 0)
            {
                throw new ValidationException([new ValidationFailure("", ExpiredMessage)]);
            }

            var result = await users.ResetPasswordAsync(user, token, command.Password);
            if (!result.Succeeded && result.Errors.Any(e => e.Code == "InvalidToken"))
            {
                throw new ValidationException([new ValidationFailure("", ExpiredMessage)]);
            }

            IdentityResults.ThrowIfFailed(result, nameof(Command.Password));
            user.EmailConfirmed = true;
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            IdentityResults.ThrowIfFailed(await users.UpdateAsync(user), nameof(Command.Password));
            audit.Record(user, "reset the password");
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
