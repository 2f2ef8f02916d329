using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Search;

namespace SesecPortal.Application.Features.WorkingGroups;

/// <summary>
/// An editor deletes a group without subgroups, with its leaders, contacts, work items and relations; its standards
/// keep their record without a committee.
/// </summary>
public static class DeleteWorkingGroup
{
    public sealed record Command(int Id) : ICommand<Unit>;

    public sealed class Handler(PortalDbContext db, EditorialRecorder recorder, IPublicCache cache, SearchIndexer indexer) : ICommandHandler<Command, Unit>
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

            var standards = await db.Standards.Where(s => s.CommitteeId == id).Select(s => s.Id).ToListAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Relations.Where(r => (r.SubjectKind == ItemKind.WorkingGroup && r.SubjectId == id) || (r.ObjectKind == ItemKind.WorkingGroup && r.ObjectId == id))
                .ExecuteDeleteAsync(ct);
            await db.Standards.Where(s => s.CommitteeId == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.CommitteeId, (int?)null), ct);
            db.WorkingGroups.Remove(group);
            recorder.Audit(ItemKind.WorkingGroup, id, group.Name, "deleted");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            await indexer.IndexAsync(SearchKind.WorkingGroup, [id], ct);
            if (standards.Count > 0)
            {
                await indexer.IndexAsync(SearchKind.Standard, standards, ct);
            }

            await cache.EvictAsync(ct);
            return Unit.Value;
        }
    }
}
