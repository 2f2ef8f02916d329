using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Search;

namespace SesecPortal.Application.Features.Organisations;

/// <summary>
/// An editor deletes an organisation nothing depends on: one that issues a policy, leads a group or is the parent of
/// another organisation is refused with the reason. Its relations go with it; standards it issued lose their issuer.
/// </summary>
public static class DeleteOrganisation
{
    public sealed record Command(int Id) : ICommand<Unit>;

    public sealed class Handler(PortalDbContext db, EditorialRecorder recorder, FacetSlugs facets) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var id = command.Id;
            var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == id, ct) ?? throw new NotFoundException("The organisation");
            if (await DeletionRules.RefusalAsync(db, ItemKind.Organisation, id, organisation.Name, ct) is { } refusal)
            {
                throw ReferenceData.Refuse("", refusal);
            }

            // Tracked, not bulk-deleted: the other ends of the relations and the standards it issued change too, and the
            // change log says so.
            db.Relations.RemoveRange(await db.Relations
                .Where(r => (r.SubjectKind == ItemKind.Organisation && r.SubjectId == id) || (r.ObjectKind == ItemKind.Organisation && r.ObjectId == id))
                .ToListAsync(ct));
            foreach (var standard in await db.Standards.Where(s => s.IssuerId == id).ToListAsync(ct))
            {
                standard.IssuerId = null;
            }

            db.Organisations.Remove(organisation);
            recorder.Audit(ItemKind.Organisation, id, organisation.Name, "deleted");
            await db.SaveChangesAsync(ct);
            await facets.ReplaceAsync(FacetSlugs.Facet.Authority, organisation.Slug, null, ct);
            return Unit.Value;
        }
    }
}
