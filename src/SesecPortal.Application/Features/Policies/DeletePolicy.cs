using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;
using SesecPortal.Application.Features.Search;

namespace SesecPortal.Application.Features.Policies;

/// <summary>An editor deletes a policy, with its issuing authorities, targets and relations; articles stop linking to it.</summary>
public static class DeletePolicy
{
    public sealed record Command(int Id) : ICommand<Unit>;

    public sealed class Handler(PortalDbContext db, EditorialRecorder recorder, IPublicCache cache, SearchIndexer indexer) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var id = command.Id;
            var policy = await db.Policies.SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("The policy");
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Relations.Where(r => (r.SubjectKind == ItemKind.Policy && r.SubjectId == id) || (r.ObjectKind == ItemKind.Policy && r.ObjectId == id))
                .ExecuteDeleteAsync(ct);
            db.Policies.Remove(policy);
            recorder.Audit(ItemKind.Policy, id, policy.Title, "deleted");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            await indexer.IndexAsync(SearchKind.Policy, [id], ct);
            await cache.EvictAsync(ct);
            return Unit.Value;
        }
    }
}
