using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Identity;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Accounts;

/// <summary>
/// Following a sign-up or invitation link: the address is confirmed and the member chooses their password. The link
/// works once (choosing the password changes the account's security stamp, which the link is signed with) and until it
/// expires (24 hours for a sign-up, 7 days for an invitation).
/// </summary>
public static class ActivateAccount
{
    public const string ExpiredMessage = "This link has expired or has already been used. Ask for a new one below.";

    /// <summary>What the link's page shows before the password is chosen: whose account, or that the link does not work.</summary>
    public sealed record Query(string UserId, string Code) : IQuery<Link?>;

    public sealed record Link(string Email, bool Invited);

    public sealed record Command(string UserId, string Code, string Password) : ICommand<string>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Password).NotEmpty().WithMessage("Choose a password.");
    }

    internal static async Task<(PortalUser User, bool Invited)?> VerifyAsync(UserManager<PortalUser> users, string userId, string code)
    {
        if (string.IsNullOrWhiteSpace(userId) || userId.Length > 100)
        {
            return null;
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null || user.PasswordHash is not null)
        {
            return null;
        }

        var token = AccountTokens.Decode(code);
        if (token.Length == 0)
        {
            return null;
        }

        if (await users.VerifyUserTokenAsync(user, AccountTokens.InvitationProvider, AccountTokens.ActivatePurpose, token))
        {
            return (user, true);
        }

        return await users.VerifyUserTokenAsync(user, AccountTokens.SignUpProvider, AccountTokens.ActivatePurpose, token) ? (user, false) : null;
    }

    public sealed class QueryHandler(UserManager<PortalUser> users) : IQueryHandler<Query, Link?>
    {
        public async ValueTask<Link?> Handle(Query query, CancellationToken cancellationToken) =>
            await VerifyAsync(users, query.UserId, query.Code) is { } found ? new Link(found.User.Email!, found.Invited) : null;
    }

    public sealed class Handler(PortalDbContext db, UserManager<PortalUser> users, AccountAudit audit) : ICommandHandler<Command, string>
    {
        public async ValueTask<string> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var found = await VerifyAsync(users, command.UserId, command.Code)
                ?? throw new ValidationException([new ValidationFailure("", ExpiredMessage)]);
            var user = found.User;
            IdentityResults.ThrowIfFailed(await users.AddPasswordAsync(user, command.Password), nameof(Command.Password));
            user.EmailConfirmed = true;
            IdentityResults.ThrowIfFailed(await users.UpdateAsync(user), nameof(Command.Password));
            audit.Record(user, found.Invited ? "accepted the invitation" : "confirmed the address", "chose a password");
            await db.SaveChangesAsync(ct);
            return user.Id;
        }
    }
}
