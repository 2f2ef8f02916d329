using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Application.Features.Organisations;

/// <summary>The editor's list of organisations, filtered by name, abbreviation or slug.</summary>
public static class ListOrganisationsToEdit
{
    public sealed record Query(string? Search, int Page) : IQuery<EditorList>;

    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, EditorList>
    {
        public async ValueTask<EditorList> Handle(Query query, CancellationToken cancellationToken)
        {
            var organisations = db.Organisations.AsNoTracking();
            if (EditorList.Pattern(query.Search) is { } like)
            {
                organisations = organisations.Where(o => EF.Functions.ILike(o.Name, like) || EF.Functions.ILike(o.Slug, like)
                    || (o.Abbreviation != null && EF.Functions.ILike(o.Abbreviation, like)));
            }

            return await EditorList.PageAsync(
                organisations.OrderBy(o => o.Name).Select(o => new EditorList.Row(o.Id, o.Name, o.Slug, o.Abbreviation)),
                query.Page, cancellationToken);
        }
    }
}
