using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Application.Features.WorkingGroups;

/// <summary>The editor's list of committees and groups in tree order, filtered by name, code or slug.</summary>
public static class ListWorkingGroupsToEdit
{
    public sealed record Query(string? Search, int Page) : IQuery<EditorList>;

    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, EditorList>
    {
        public async ValueTask<EditorList> Handle(Query query, CancellationToken cancellationToken)
        {
            var groups = db.WorkingGroups.AsNoTracking();
            if (EditorList.Pattern(query.Search) is { } like)
            {
                groups = groups.Where(w => EF.Functions.ILike(w.Name, like) || EF.Functions.ILike(w.Slug, like) || (w.Code != null && EF.Functions.ILike(w.Code, like)));
            }

            return await EditorList.PageAsync(
                groups.OrderBy(w => w.Position).ThenBy(w => w.Name).Select(w => new EditorList.Row(w.Id, w.Name, w.Slug, w.Code)),
                query.Page, cancellationToken);
        }
    }
}
