using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Editorial;

/// <summary>
/// Moves an article's open revision through review: submit, approve (now or for a scheduled time), send back with a
/// comment, or discard. Publishing is <see cref="PublishArticle"/>.
/// </summary>
public static class ReviewArticle
{
    public enum Action
    {
        Submit,
        Approve,
        SendBack,
        Discard,
    }

    public sealed class Command : ICommand<Unit>
    {
        public int ArticleId { get; set; }
        public int RevisionId { get; set; }
        public uint Version { get; set; }
        public Action Do { get; set; }
        /// <summary>For a send-back: what to change.</summary>
        public string? Comment { get; set; }
        /// <summary>For an approval: when to publish (UTC); empty to publish by hand.</summary>
        public DateTimeOffset? ScheduledFor { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Do).IsInEnum().WithMessage("Choose submit, approve, send back or discard.");
            RuleFor(c => c.Comment).NotEmpty().When(c => c.Do == Action.SendBack).WithMessage("Say what should change before sending the revision back.");
            RuleFor(c => c.Comment).MaximumLength(2000).WithMessage("Keep the comment under {MaxLength} characters.");
        }
    }

    public sealed class Handler(PortalDbContext db, EditorialRecorder recorder) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var revision = await ArticleRevisions.ExpectForActionAsync(db, command.ArticleId, command.RevisionId, command.Version, cancellationToken);
            string action;
            string detail = $"Revision {revision.Number}";
            switch (command.Do)
            {
                case Action.Submit:
                    ArticleWorkflow.Submit(revision);
                    action = "submitted for review";
                    break;
                case Action.Approve:
                    ArticleWorkflow.Approve(revision, recorder.UserId ?? "", recorder.UserName, recorder.IsAdmin, recorder.Now, command.ScheduledFor?.ToUniversalTime());
                    action = revision.ScheduledFor is null ? "approved" : "approved and scheduled";
                    if (revision.ScheduledFor is { } at)
                    {
                        detail += $", to publish at {at:yyyy-MM-dd HH:mm} UTC";
                    }

                    break;
                case Action.SendBack:
                    ArticleWorkflow.SendBack(revision, command.Comment?.Trim());
                    action = "sent back";
                    detail += $": {command.Comment}";
                    break;
                default:
                    ArticleWorkflow.Discard(revision);
                    action = "discarded a revision";
                    break;
            }

            // "Last saved by" names who last changed the text; a review action changes none of it (the audit says who acted).
            revision.UpdatedAt = recorder.Now;
            var article = await db.Articles.SingleAsync(a => a.Id == command.ArticleId, cancellationToken);
            if (article.Status != PublicationStatus.Published)
            {
                // An article not yet online shows its revision's state in the editors' lists.
                article.Status = revision.State switch
                {
                    RevisionState.InReview => PublicationStatus.InReview,
                    RevisionState.Approved => PublicationStatus.Approved,
                    _ => PublicationStatus.Draft,
                };
            }

            recorder.Audit(ItemKind.Article, article.Id, revision.Title, action, detail);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
