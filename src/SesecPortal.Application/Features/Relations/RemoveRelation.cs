using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Application.Features.Relations;

/// <summary>An editor removes one of the relations of the item being edited.</summary>
public static class RemoveRelation
{
    public sealed record Command(ItemKind ItemKind, int ItemId, int RelationId) : ICommand<Unit>;

    public sealed class Handler(PortalDbContext db, EditorialRecorder recorder) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var relation = await db.Relations.SingleOrDefaultAsync(r => r.Id == command.RelationId
                && ((r.SubjectKind == command.ItemKind && r.SubjectId == command.ItemId) || (r.ObjectKind == command.ItemKind && r.ObjectId == command.ItemId)), ct)
                ?? throw new NotFoundException("The relation");
            var fromItem = relation.SubjectKind == command.ItemKind && relation.SubjectId == command.ItemId;
            var (otherKind, otherId) = fromItem ? (relation.ObjectKind, relation.ObjectId) : (relation.SubjectKind, relation.SubjectId);
            var title = await RelationRules.TitleAsync(db, command.ItemKind, command.ItemId, ct);
            var other = await RelationRules.TitleAsync(db, otherKind, otherId, ct);
            db.Relations.Remove(relation);
            recorder.Audit(command.ItemKind, command.ItemId, title, "saved", $"Removed relation: {RelationRules.Label(relation.Type, fromItem)} {other}");
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
