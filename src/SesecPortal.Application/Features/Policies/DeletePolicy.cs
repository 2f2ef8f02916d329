using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Application.Features.Policies;

/// <summary>
/// An editor deletes a policy, with its issuing authorities, targets and relations; articles stop linking to it; in its
/// version chain, the next version then follows the one before it.
/// </summary>
public static class DeletePolicy
{
    public sealed record Command(int Id) : ICommand<Unit>;

    public sealed class Handler(PortalDbContext db, EditorialRecorder recorder) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var id = command.Id;
            var policy = await db.Policies.SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException("The policy");
            // Tracked, not bulk-deleted: the other ends of the relations change too, and the change log says so.
            db.Relations.RemoveRange(await db.Relations
                .Where(r => (r.SubjectKind == ItemKind.Policy && r.SubjectId == id) || (r.ObjectKind == ItemKind.Policy && r.ObjectId == id)).ToListAsync(ct));
            // The chain closes over the gap: the next version follows the deleted one's previous version (or none).
            if (await db.Policies.SingleOrDefaultAsync(p => p.PreviousVersionId == id, ct) is { } next)
            {
                next.PreviousVersionId = policy.PreviousVersionId;
                next.VersionKind = policy.PreviousVersionId is null ? null : next.VersionKind;
                next.ChangedAt = recorder.Now;
            }

            db.Policies.Remove(policy);
            recorder.Audit(ItemKind.Policy, id, policy.Title, "deleted");
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
