using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Search;

namespace SesecPortal.Application.Features.Sectors;

/// <summary>An editor deletes a sector no policy or standard depends on; items tagged with it lose the tag.</summary>
public static class DeleteSector
{
    public sealed record Command(int Id) : ICommand<Unit>;

    public sealed class Handler(PortalDbContext db, EditorialRecorder recorder, FacetSlugs facets) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var sector = await db.Sectors.SingleOrDefaultAsync(s => s.Id == command.Id, ct) ?? throw new NotFoundException("The sector");
            if (await DeletionRules.RefusalAsync(db, ItemKind.Sector, sector.Id, sector.Name, ct) is { } refusal)
            {
                throw ReferenceData.Refuse("", refusal);
            }

            db.Sectors.Remove(sector);
            recorder.Audit(ItemKind.Sector, sector.Id, sector.Name, "deleted");
            await db.SaveChangesAsync(ct);
            await facets.ReplaceAsync(FacetSlugs.Facet.Sector, sector.Slug, null, ct);
            return Unit.Value;
        }
    }
}
