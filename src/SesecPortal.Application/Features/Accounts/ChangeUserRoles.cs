using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Accounts;

/// <summary>An admin sets a user's roles. An admin cannot take away their own Admin role, so the portal keeps an admin.</summary>
public static class ChangeUserRoles
{
    public sealed record Command(string UserId, IReadOnlyList<string> Roles) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.UserId).NotEmpty().MaximumLength(100);
            RuleForEach(c => c.Roles).Must(r => Domain.Roles.All.Contains(r)).WithMessage("“{PropertyValue}” is not a role (Admin, Editor or Member).");
        }
    }

    public sealed class Handler(PortalDbContext db, UserManager<PortalUser> users, ICurrentUser currentUser, AccountAudit audit) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!currentUser.IsInRole(Domain.Roles.Admin))
            {
                throw new UnauthorizedAccessException("Only an admin can change roles.");
            }

            var user = await users.FindByIdAsync(command.UserId) ?? throw new NotFoundException("The user");
            var wanted = command.Roles.Distinct().ToList();
            if (user.Id == currentUser.UserId && !wanted.Contains(Domain.Roles.Admin))
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.Roles), "You cannot remove your own Admin role; ask another admin.")]);
            }

            var current = await users.GetRolesAsync(user);
            if (current.Order(StringComparer.Ordinal).SequenceEqual(wanted.Order(StringComparer.Ordinal)))
            {
                return Unit.Value;
            }

            IdentityResults.ThrowIfFailed(await users.RemoveFromRolesAsync(user, current.Except(wanted)), nameof(Command.Roles));
            IdentityResults.ThrowIfFailed(await users.AddToRolesAsync(user, wanted.Except(current)), nameof(Command.Roles));
            static string Named(IEnumerable<string> roles) => roles.Any() ? string.Join(", ", roles.Order(StringComparer.Ordinal)) : "no role";
            audit.Record(user, "changed roles", $"{Named(current)} → {Named(wanted)}");
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
