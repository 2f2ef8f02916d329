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

    public sealed class Handler(PortalDbContext db, ReferenceSave save) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await save.DeleteAsync(command.Id, new ReferenceDelete<WorkingGroup>
            {
                Kind = ItemKind.WorkingGroup,
                Noun = "The group",
                Name = group => group.Name,
                Detach = async (group, ct) =>
                {
                    foreach (var standard in await db.Standards.Where(s => s.CommitteeId == group.Id).ToListAsync(ct))
                    {
                        standard.CommitteeId = null;
                    }
                },
            }, cancellationToken);
            return Unit.Value;
        }
    }
}
