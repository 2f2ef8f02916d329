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

    public sealed class Handler(PortalDbContext db, ReferenceSave save) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await save.DeleteAsync(command.Id, new ReferenceDelete<Standard>
            {
                Kind = ItemKind.Standard,
                Noun = "The standard",
                Name = standard => standard.DisplayTitle,
                Detach = async (standard, ct) =>
                {
                    foreach (var replaced in await db.Standards.Where(s => s.ReplacedById == standard.Id).ToListAsync(ct))
                    {
                        replaced.ReplacedById = null;
                    }

                    foreach (var item in await db.WorkItems.Where(i => i.StandardId == standard.Id).ToListAsync(ct))
                    {
                        item.StandardId = null;
                    }
                },
            }, cancellationToken);
            return Unit.Value;
        }
    }
}
