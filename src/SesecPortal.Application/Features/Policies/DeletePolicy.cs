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

    public sealed class Handler(PortalDbContext db, ReferenceSave save) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await save.DeleteAsync(command.Id, new ReferenceDelete<Policy>
            {
                Kind = ItemKind.Policy,
                Noun = "The policy",
                Name = policy => policy.Title,
                // The chain closes over the gap: the next version follows the deleted one's previous version (or none).
                Detach = async (policy, ct) =>
                {
                    if (await db.Policies.SingleOrDefaultAsync(p => p.PreviousVersionId == policy.Id, ct) is { } next)
                    {
                        next.PreviousVersionId = policy.PreviousVersionId;
                        next.VersionKind = policy.PreviousVersionId is null ? null : next.VersionKind;
                        next.ChangedAt = save.Now;
                    }
                },
            }, cancellationToken);
            return Unit.Value;
        }
    }
}
