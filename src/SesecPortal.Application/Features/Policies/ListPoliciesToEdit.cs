using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Application.Features.Policies;

/// <summary>The editor's list of policies, newest first, filtered by title, slug or document number.</summary>
public static class ListPoliciesToEdit
{
    public sealed record Query(string? Search, int Page) : IQuery<EditorList>;

    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, EditorList>
    {
        public async ValueTask<EditorList> Handle(Query query, CancellationToken cancellationToken)
        {
            var policies = db.Policies.AsNoTracking();
            if (EditorList.Pattern(query.Search) is { } like)
            {
                policies = policies.Where(p => EF.Functions.ILike(p.Title, like) || EF.Functions.ILike(p.Slug, like)
                    || (p.DocumentNumber != null && EF.Functions.ILike(p.DocumentNumber, like)));
            }

            return await EditorList.PageAsync(
                policies.OrderByDescending(p => p.IssuedOn).ThenBy(p => p.Title).Select(p => new EditorList.Row(p.Id, p.Title, p.Slug, p.DocumentNumber)),
                query.Page, cancellationToken);
        }
    }
}
