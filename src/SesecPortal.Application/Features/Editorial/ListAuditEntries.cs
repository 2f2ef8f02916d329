using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Editorial;

/// <summary>The audit log, newest first: who did what to which item and when, optionally for one kind of item or one user.</summary>
public static class ListAuditEntries
{
    public sealed record Query(ItemKind? Kind, string? User, int Page = 1) : IQuery<Result>;

    public sealed record Result(IReadOnlyList<Entry> Entries, int Page, bool HasMore);

    public sealed record Entry(DateTimeOffset At, string UserName, string Action, ItemKind Kind, int? ItemId, string? ItemTitle, string? Detail);

    public const int PageSize = 100;

    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var entries = db.AuditEntries.AsNoTracking();
            if (query.Kind is { } kind)
            {
                entries = entries.Where(e => e.ItemKind == kind);
            }

            if (!string.IsNullOrWhiteSpace(query.User))
            {
                entries = entries.Where(e => e.UserName == query.User.Trim());
            }

            var page = Math.Max(1, query.Page);
            var list = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
                .Skip((page - 1) * PageSize).Take(PageSize + 1)
                .Select(e => new Entry(e.At, e.UserName, e.Action, e.ItemKind, e.ItemId, e.ItemTitle, e.Detail))
                .ToListAsync(cancellationToken);
            return new Result([.. list.Take(PageSize)], page, list.Count > PageSize);
        }
    }
}
