using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Application.Features.WorkingGroups;

/// <summary>
/// An editor deletes a group without subgroups, with its leaders, contacts, work items and relations; its standards
/// keep their record without a committee.
/// </summary>
public static class DeleteWorkingGroup
{
    public sealed record Command(int Id) : ICommand<Unit>;

    public sealed class Handler(PortalDbContext db, EditorialRecorder recorder) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var id = command.Id;
            var group = await db.WorkingGroups.SingleOrDefaultAsync(w => w.Id == id, ct) ?? throw new NotFoundException("The group");
            if (await DeletionRules.RefusalAsync(db, ItemKind.WorkingGroup, id, group.Name, ct) is { } refusal)
            {
                throw ReferenceData.Refuse("", refusal);
            }

            // Tracked, not bulk-updated: the other ends of the relations and the group's standards change too, and the
            // change log says so.
            db.Relations.RemoveRange(await db.Relations
                .Where(r => (r.SubjectKind == ItemKind.WorkingGroup && r.SubjectId == id) || (r.ObjectKind == ItemKind.WorkingGroup && r.ObjectId == id))
                .ToListAsync(ct));
            foreach (var standard in await db.Standards.Where(s => s.CommitteeId == id).ToListAsync(ct))
            {
                standard.CommitteeId = null;
            }

            db.WorkingGroups.Remove(group);
            recorder.Audit(ItemKind.WorkingGroup, id, group.Name, "deleted");
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
