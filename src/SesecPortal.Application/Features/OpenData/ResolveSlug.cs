using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Standards;

namespace SesecPortal.Application.Features.OpenData;

/// <summary>
/// The read API's identifiers: an item is addressed by its slug, its numeric id or its interchange id (<c>a000123</c>);
/// a standard also by its code in any form, and an item by a slug it had before. Returns the slug the detail queries take, or null when nothing matches.
/// </summary>
public static class ResolveSlug
{
    public sealed record Query(ItemKind Kind, string Key) : IQuery<string?>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Key).NotEmpty().MaximumLength(200);
    }

    public sealed class Handler(PortalDbContext db) : IQueryHandler<Query, string?>
    {
        public async ValueTask<string?> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var key = query.Key.Trim();
            var id = int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1;
            var found = query.Kind switch
            {
                ItemKind.Article => await db.Articles.Where(a => a.Status == PublicationStatus.Published && (a.Slug == key || a.Id == id || a.ExternalId == key))
                    .OrderBy(a => a.Slug == key ? 0 : 1).Select(a => a.Slug).FirstOrDefaultAsync(ct),
                ItemKind.Policy => await db.Policies.Where(p => p.Slug == key || p.Id == id || p.ExternalId == key)
                    .OrderBy(p => p.Slug == key ? 0 : 1).Select(p => p.Slug).FirstOrDefaultAsync(ct),
                ItemKind.Standard => await db.Standards.Where(s => s.Slug == key || s.Id == id || s.ExternalId == key)
                    .OrderBy(s => s.Slug == key ? 0 : 1).Select(s => s.Slug).FirstOrDefaultAsync(ct)
                    ?? await EditStandard.ByCodeOrSlug(db.Standards, key).Select(s => s.Slug).FirstOrDefaultAsync(ct),
                ItemKind.WorkingGroup => await db.WorkingGroups.Where(w => w.Slug == key || w.Id == id).OrderBy(w => w.Slug == key ? 0 : 1).Select(w => w.Slug).FirstOrDefaultAsync(ct),
                ItemKind.Organisation => await db.Organisations.Where(o => o.Slug == key || o.Id == id).OrderBy(o => o.Slug == key ? 0 : 1).Select(o => o.Slug).FirstOrDefaultAsync(ct),
                ItemKind.Sector => await db.Sectors.Where(s => s.Slug == key || s.Id == id).OrderBy(s => s.Slug == key ? 0 : 1).Select(s => s.Slug).FirstOrDefaultAsync(ct),
                ItemKind.Issue => await db.Issues.Where(i => i.Slug == key || i.Id == id).OrderBy(i => i.Slug == key ? 0 : 1).Select(i => i.Slug).FirstOrDefaultAsync(ct),
                _ => null,
            };

            // An address the item had before its slug changed still finds it.
            return found ?? await FindMovedItem.CurrentSlugAsync(db, query.Kind, key, ct);
        }
    }
}
