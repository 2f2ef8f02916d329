using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Search;

namespace SesecPortal.Application.Features.Standards;

/// <summary>
/// An editor deletes a standard with its events, targets and relations; work items and replaced standards stop linking
/// to it, and articles stop naming it.
/// </summary>
public static class DeleteStandard
{
    public sealed record Command(int Id) : ICommand<Unit>;

    public sealed class Handler(PortalDbContext db, EditorialRecorder recorder, IPublicCache cache, SearchIndexer indexer) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var id = command.Id;
            var standard = await db.Standards.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("The standard");
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Relations.Where(r => (r.SubjectKind == ItemKind.Standard && r.SubjectId == id) || (r.ObjectKind == ItemKind.Standard && r.ObjectId == id))
                .ExecuteDeleteAsync(ct);
            await db.Standards.Where(s => s.ReplacedById == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.ReplacedById, (int?)null), ct);
            await db.WorkItems.Where(i => i.StandardId == id).ExecuteUpdateAsync(u => u.SetProperty(i => i.StandardId, (int?)null), ct);
            db.Standards.Remove(standard);
            recorder.Audit(ItemKind.Standard, id, standard.DisplayTitle, "deleted");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            await indexer.IndexAsync(SearchKind.Standard, [id], ct);
            await cache.EvictAsync(ct);
            return Unit.Value;
        }
    }
}
