using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Data.Configurations;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Application.Features.Relations;

/// <summary>
/// An editor links the item being edited to another by a typed relation. The item is the relation's subject when the
/// type reads that way ("this standard implements that policy"), otherwise its object ("this group is led by that
/// organisation").
/// </summary>
public static class AddRelation
{
    public sealed record Command : ICommand<int>
    {
        public ItemKind ItemKind { get; set; }
        public int ItemId { get; set; }
        public RelationType Type { get; set; }
        public ItemKind OtherKind { get; set; }
        public int OtherId { get; set; }
        public string? Note { get; set; }
    }

    /// <summary>The relation as stored (subject, object), or null when the type cannot link these kinds either way.</summary>
    public static (ItemKind SubjectKind, int SubjectId, ItemKind ObjectKind, int ObjectId)? Oriented(Command c) =>
        RelationRules.Allows(c.Type, c.ItemKind, c.OtherKind) ? (c.ItemKind, c.ItemId, c.OtherKind, c.OtherId)
        : RelationRules.Allows(c.Type, c.OtherKind, c.ItemKind) ? (c.OtherKind, c.OtherId, c.ItemKind, c.ItemId)
        : null;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(PortalDbContext db)
        {
            RuleFor(c => c.ItemKind).Must(k => RelationRules.Kinds.Contains(k)).WithMessage("Only policies, standards, committees and organisations have relations.");
            RuleFor(c => c.OtherKind).Must(k => RelationRules.Kinds.Contains(k)).WithMessage("Choose a policy, standard, committee or organisation.");
            RuleFor(c => c.Type).IsInEnum().WithMessage("Choose the kind of relation.")
                .Must((c, _) => Oriented(c) is not null)
                .WithMessage(c => $"“{RelationRules.Label(c.Type, true)}” cannot link a {RelationRules.KindLabel(c.ItemKind)} and a {RelationRules.KindLabel(c.OtherKind)}.");
            RuleFor(c => c.OtherId).Must((c, id) => !(c.OtherKind == c.ItemKind && id == c.ItemId))
                .WithMessage("An item cannot be related to itself.")
                .MustAsync(async (c, id, ct) => await RelationRules.TitleAsync(db, c.OtherKind, id, ct) is not null)
                .WithMessage("Choose the other item from the list found.");
            RuleFor(c => c.Note).MaximumLength(Limits.Title).WithMessage($"A note is at most {Limits.Title} characters.");
            RuleFor(c => c).MustAsync(async (c, ct) =>
            {
                if (Oriented(c) is not { } r)
                {
                    return true;
                }

                return !await db.Relations.AnyAsync(x => x.SubjectKind == r.SubjectKind && x.SubjectId == r.SubjectId && x.Type == c.Type
                    && x.ObjectKind == r.ObjectKind && x.ObjectId == r.ObjectId, ct);
            }).WithName("Type").OverridePropertyName("Type").WithMessage("These two items are already linked this way.");
        }
    }

    public sealed class Handler(PortalDbContext db, EditorialRecorder recorder) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var title = await RelationRules.TitleAsync(db, command.ItemKind, command.ItemId, ct) ?? throw new NotFoundException("The item");
            var other = await RelationRules.TitleAsync(db, command.OtherKind, command.OtherId, ct) ?? throw new NotFoundException("The other item");
            var (subjectKind, subjectId, objectKind, objectId) = Oriented(command)!.Value;
            var relation = new Relation
            {
                SubjectKind = subjectKind, SubjectId = subjectId, Type = command.Type, ObjectKind = objectKind, ObjectId = objectId,
                Note = ReferenceData.Trimmed(command.Note),
            };
            db.Relations.Add(relation);
            var fromItem = subjectKind == command.ItemKind && subjectId == command.ItemId;
            recorder.Audit(command.ItemKind, command.ItemId, title, "saved", $"Added relation: {RelationRules.Label(command.Type, fromItem)} {other}");
            await db.SaveChangesAsync(ct);
            return relation.Id;
        }
    }
}
