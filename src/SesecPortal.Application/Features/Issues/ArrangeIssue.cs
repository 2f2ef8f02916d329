using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Data.Configurations;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Application.Features.Issues;

/// <summary>
/// The issue builder's arranging: sections (add, rename, move, remove), articles in sections (add, move, move to another
/// section, remove, or a whole new order from drag and drop) and takeaways (add, edit, move, remove).
/// Each is one small change, so buttons work without JavaScript.
/// </summary>
public static class ArrangeIssue
{
    public enum Operation
    {
        AddSection,
        RenameSection,
        MoveSectionUp,
        MoveSectionDown,
        RemoveSection,
        AddArticle,
        MoveArticleUp,
        MoveArticleDown,
        RemoveArticle,
        ReorderArticles,
        AddTakeaway,
        EditTakeaway,
        MoveTakeawayUp,
        MoveTakeawayDown,
        RemoveTakeaway,
    }

    public sealed class Command : ICommand<Unit>
    {
        public int IssueId { get; set; }
        public Operation Op { get; set; }
        public int? SectionId { get; set; }
        public int? ArticleId { get; set; }
        public int? TakeawayId { get; set; }
        public string? Title { get; set; }
        public string? Summary { get; set; }
        /// <summary>For <see cref="Operation.ReorderArticles"/>: the section's articles in their new order.</summary>
        public List<int> Order { get; set; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Op).IsInEnum();
            RuleFor(c => c.Title).NotEmpty().When(c => c.Op is Operation.AddSection or Operation.RenameSection or Operation.AddTakeaway or Operation.EditTakeaway)
                .WithMessage("Give it a title.");
            RuleFor(c => c.Title).MaximumLength(Limits.Title).WithMessage("Keep the title under {MaxLength} characters.");
            RuleFor(c => c.Summary).NotEmpty().When(c => c.Op is Operation.AddTakeaway or Operation.EditTakeaway).WithMessage("Write the takeaway's summary.");
            RuleFor(c => c.Summary).MaximumLength(2000).WithMessage("Keep the takeaway under {MaxLength} characters.");
            RuleFor(c => c.SectionId).NotNull().When(c => c.Op is Operation.RenameSection or Operation.MoveSectionUp or Operation.MoveSectionDown
                or Operation.RemoveSection or Operation.AddArticle or Operation.ReorderArticles).WithMessage("Choose a section.");
            RuleFor(c => c.ArticleId).NotNull().When(c => c.Op is Operation.AddArticle or Operation.MoveArticleUp or Operation.MoveArticleDown or Operation.RemoveArticle)
                .WithMessage("Choose an article.");
            RuleFor(c => c.TakeawayId).NotNull().When(c => c.Op is Operation.EditTakeaway or Operation.MoveTakeawayUp or Operation.MoveTakeawayDown or Operation.RemoveTakeaway)
                .WithMessage("Choose a takeaway.");
        }
    }

    /// <summary>Finds what the command names in the issue (404 when it is not there) and lets the issue's rules arrange it.</summary>
    public sealed class Handler(PortalDbContext db, EditorialRecorder recorder) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command c, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var issue = await db.Issues.Include(i => i.Sections).ThenInclude(s => s.Articles).Include(i => i.Takeaways)
                .AsSplitQuery().SingleOrDefaultAsync(i => i.Id == c.IssueId, ct) ?? throw new NotFoundException($"Issue {c.IssueId}");
            IssueSection Section() => issue.Sections.SingleOrDefault(s => s.Id == c.SectionId) ?? throw new NotFoundException($"Section {c.SectionId} of this issue");
            Article ArticleInIssue() => issue.Sections.SelectMany(s => s.Articles).SingleOrDefault(a => a.Id == c.ArticleId) ?? throw new NotFoundException($"Article {c.ArticleId} in this issue");
            IssueTakeaway Takeaway() => issue.Takeaways.SingleOrDefault(t => t.Id == c.TakeawayId) ?? throw new NotFoundException($"Takeaway {c.TakeawayId}");
            string Removed<T>(T item, Func<T, string> remove)
                where T : class
            {
                var detail = remove(item);
                db.Remove(item);
                return detail;
            }

            var detail = c.Op switch
            {
                Operation.AddSection => issue.AddSection(c.Title!),
                Operation.RenameSection => NewsletterIssue.RenameSection(Section(), c.Title!),
                Operation.MoveSectionUp or Operation.MoveSectionDown => issue.MoveSection(Section(), up: c.Op == Operation.MoveSectionUp),
                Operation.RemoveSection => Removed(Section(), issue.RemoveSection),
                Operation.AddArticle => NewsletterIssue.AddArticle(Section(),
                    await db.Articles.SingleOrDefaultAsync(a => a.Id == c.ArticleId, ct) ?? throw new NotFoundException($"Article {c.ArticleId}")),
                Operation.MoveArticleUp or Operation.MoveArticleDown => issue.MoveArticle(ArticleInIssue(), up: c.Op == Operation.MoveArticleUp),
                Operation.RemoveArticle => issue.RemoveArticle(ArticleInIssue()),
                Operation.ReorderArticles => NewsletterIssue.ReorderArticles(Section(), c.Order),
                Operation.AddTakeaway => issue.AddTakeaway(c.Title!, c.Summary!, c.ArticleId),
                Operation.EditTakeaway => issue.EditTakeaway(Takeaway(), c.Title!, c.Summary!, c.ArticleId),
                Operation.MoveTakeawayUp or Operation.MoveTakeawayDown => issue.MoveTakeaway(Takeaway(), up: c.Op == Operation.MoveTakeawayUp),
                _ => Removed(Takeaway(), issue.RemoveTakeaway),
            };

            recorder.Audit(ItemKind.Issue, issue.Id, issue.Title, "arranged", detail);
            await db.SaveChangesAsync(ct);
            return Unit.Value;
        }
    }
}
