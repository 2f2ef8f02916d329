using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Accounts;

/// <summary>
/// Creates an account with a password and its roles: only for the first admin (the <c>create-admin</c> command, the first
/// start). Everyone else joins by signing up or by an admin's invitation, and chooses their own password.
/// </summary>
public static class CreateUser
{
    public sealed record Command(string Email, string? DisplayName, string Password, IReadOnlyList<string> Roles) : ICommand<string>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).NotEmpty().WithMessage("Enter an e-mail address.")
                .EmailAddress().WithMessage("Enter an e-mail address like name@example.com.")
                .MaximumLength(256);
            RuleFor(c => c.DisplayName).MaximumLength(100).WithMessage("A display name is at most 100 characters.");
            RuleFor(c => c.Password).NotEmpty().WithMessage("Enter a password.");
            RuleFor(c => c.Roles).NotEmpty().WithMessage("Choose at least one role.");
            RuleForEach(c => c.Roles).Must(r => Domain.Roles.All.Contains(r)).WithMessage("“{PropertyValue}” is not a role (Admin, Editor or Member).");
        }
    }

    public sealed class Handler(PortalDbContext db, UserManager<PortalUser> users, AccountAudit audit, TimeProvider clock) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = new PortalUser
            {
                UserName = command.Email.Trim(), Email = command.Email.Trim(), EmailConfirmed = true,
                DisplayName = string.IsNullOrWhiteSpace(command.DisplayName) ? null : command.DisplayName.Trim(),
                CreatedAt = clock.GetUtcNow(),
            };
            IdentityResults.ThrowIfFailed(await users.CreateAsync(user, command.Password), nameof(Command.Password));
            IdentityResults.ThrowIfFailed(await users.AddToRolesAsync(user, command.Roles.Distinct()), nameof(Command.Roles));
            audit.RecordBySystem(user, "created", $"as {string.Join(", ", command.Roles.Distinct())}, from the command line or configuration");
            await db.SaveChangesAsync(cancellationToken);
            return user.Id;
        }
    }
}
