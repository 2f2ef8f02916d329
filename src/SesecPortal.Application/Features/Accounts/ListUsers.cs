using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;

namespace SesecPortal.Application.Features.Accounts;

public static class ListUsers
{
    public sealed record Query : IQuery<IReadOnlyList<Result>>;

    /// <param name="Pending">Signed up or invited, and has not followed the link yet (no password).</param>
    public sealed record Result(string Id, string Email, string? DisplayName, IReadOnlyList<string> Roles, bool LockedOut, DateTimeOffset CreatedAt, bool Pending = false);

    public sealed class Handler(PortalDbContext db, TimeProvider clock) : IQueryHandler<Query, IReadOnlyList<Result>>
    {
        public async ValueTask<IReadOnlyList<Result>> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var rows = await db.Users.AsNoTracking().OrderBy(u => u.Email)
                .Select(u => new
                {
                    u.Id, u.Email, u.DisplayName, u.LockoutEnd, u.CreatedAt, Pending = u.PasswordHash == null,
                    Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).OrderBy(n => n).ToList(),
                })
                .ToListAsync(cancellationToken);
            return [.. rows.Select(u => new Result(u.Id, u.Email ?? "", u.DisplayName, u.Roles, u.LockoutEnd > now, u.CreatedAt, u.Pending))];
        }
    }
}
