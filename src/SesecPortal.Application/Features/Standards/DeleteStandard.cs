using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Application.Features.Standards;

/// <summary>
/// An editor deletes a standard with its events, targets and relations; work items and replaced standards stop linking
/// to it, and articles stop naming it.
/// </summary>
public static class DeleteStandard
{
    public sealed record Command(int Id) : ICommand<Unit>;

    public sealed class Handler(PortalDbContext db, EditorialRecorder recorder) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var id = command.Id;
            var standard = await db.Standards.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("The standard");
            // Tracked, not bulk-updated: every item that stops linking to the standard changes, and the change log says so.
            db.Relations.RemoveRange(await db.Relations
                .Where(r => (r.SubjectKind == ItemKind.Standard && r.SubjectId == id) || (r.ObjectKind == ItemKind.Standard && r.ObjectId == id)).ToListAsync(ct));
            foreach (var replaced in await db.Standards.Where(s => s.ReplacedById == id).ToListAsync(ct))
            {
                replaced.ReplacedById = null;
            }

            foreach (var item in await db.WorkItems.Where(i => i.StandardId == id).ToListAsync(ct))
            {
                item.StandardId = null;
            }

            db.Standards.Remove(standard);
            recorder.Audit(ItemKind.Standard, id, standard.DisplayTitle, "deleted");
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
