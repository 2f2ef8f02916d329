using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Application.Features.Sectors;

/// <summary>The editor's list of sectors, filtered by name or slug.</summary>
public static class ListSectorsToEdit
{
    public sealed record Query(string? Search, int Page) : IQuery<EditorList>;

    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, EditorList>
    {
        public async ValueTask<EditorList> Handle(Query query, CancellationToken cancellationToken)
        {
            var sectors = db.Sectors.AsNoTracking();
            if (EditorList.Pattern(query.Search) is { } like)
            {
                sectors = sectors.Where(s => EF.Functions.ILike(s.Name, like) || EF.Functions.ILike(s.Slug, like));
            }

            return await EditorList.PageAsync(
                sectors.OrderBy(s => s.Position).ThenBy(s => s.Name).Select(s => new EditorList.Row(s.Id, s.Name, s.Slug, null)),
                query.Page, cancellationToken);
        }
    }
}
