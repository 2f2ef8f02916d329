using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Application.Features.Standards;

/// <summary>The editor's list of standards by code, filtered by code (however typed), title or slug.</summary>
public static class ListStandardsToEdit
{
    public sealed record Query(string? Search, int Page) : IQuery<EditorList>;

    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, EditorList>
    {
        public async ValueTask<EditorList> Handle(Query query, CancellationToken cancellationToken)
        {
            var standards = db.Standards.AsNoTracking();
            if (EditorList.Pattern(query.Search) is { } like)
            {
                var key = StandardCode.KeyOf(query.Search!);
                standards = standards.Where(s => EF.Functions.ILike(s.TitleEn, like) || EF.Functions.ILike(s.Slug, like)
                    || (key.Length > 0 && s.CodeKey != null && s.CodeKey.StartsWith(key)));
            }

            return await EditorList.PageAsync(
                standards.OrderBy(s => s.NormalizedCode).ThenBy(s => s.TitleEn)
                    .Select(s => new EditorList.Row(s.Id, s.Code == null ? s.TitleEn : s.Code + " " + s.TitleEn, s.Slug, s.PlanCode)),
                query.Page, cancellationToken);
        }
    }
}
