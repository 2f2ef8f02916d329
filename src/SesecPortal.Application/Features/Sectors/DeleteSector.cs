using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Application.Features.Sectors;

/// <summary>An editor deletes a sector no policy or standard depends on; items tagged with it lose the tag.</summary>
public static class DeleteSector
{
    public sealed record Command(int Id) : ICommand<Unit>;

    public sealed class Handler(PortalDbContext db, EditorialRecorder recorder, IPublicCache cache) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var sector = await db.Sectors.SingleOrDefaultAsync(s => s.Id == command.Id, ct) ?? throw new NotFoundException("The sector");
            // Policies and standards need at least one sector: refuse to leave one without.
            var orphans = await db.Policies.Where(p => p.Sectors.Count == 1 && p.Sectors.Any(s => s.Id == command.Id)).Select(p => p.Title)
                .Concat(db.Standards.Where(s => s.Sectors.Count == 1 && s.Sectors.Any(x => x.Id == command.Id)).Select(s => s.Code ?? s.TitleEn))
                .Take(3).ToListAsync(ct);
            if (orphans.Count > 0)
            {
                throw ReferenceData.Refuse("", $"“{sector.Name}” is the only sector of {string.Join("; ", orphans)}: give them another sector first.");
            }

            db.Sectors.Remove(sector);
            recorder.Audit(ItemKind.Sector, sector.Id, sector.Name, "deleted");
            await db.SaveChangesAsync(ct);
            await cache.EvictAsync(ct);
            return Unit.Value;
        }
    }
}
