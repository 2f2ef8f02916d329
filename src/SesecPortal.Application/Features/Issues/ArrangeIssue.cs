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

    public sealed class Handler(PortalDbContext db, EditorialRecorder recorder) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command c, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var issue = await db.Issues.Include(i => i.Sections).ThenInclude(s => s.Articles).Include(i => i.Takeaways)
                .AsSplitQuery().SingleOrDefaultAsync(i => i.Id == c.IssueId, ct) ?? throw new NotFoundException($"Issue {c.IssueId}");
            var sections = issue.Sections.OrderBy(s => s.Position).ToList();
            var takeaways = issue.Takeaways.OrderBy(t => t.Position).ToList();
            IssueSection Section() => sections.SingleOrDefault(s => s.Id == c.SectionId) ?? throw new NotFoundException($"Section {c.SectionId} of this issue");
            Article ArticleInIssue() => sections.SelectMany(s => s.Articles).SingleOrDefault(a => a.Id == c.ArticleId) ?? throw new NotFoundException($"Article {c.ArticleId} in this issue");
            IssueTakeaway TakeawayOf() => takeaways.SingleOrDefault(t => t.Id == c.TakeawayId) ?? throw new NotFoundException($"Takeaway {c.TakeawayId}");
            string detail;
            switch (c.Op)
            {
                case Operation.AddSection:
                    var slug = Slug.From(c.Title!);
                    for (var n = 2; sections.Any(s => s.Slug == slug); n++)
                    {
                        slug = $"{Slug.From(c.Title!)}-{n}";
                    }

                    issue.Sections.Add(new IssueSection { Slug = slug, Title = c.Title!.Trim(), Position = sections.Count });
                    detail = $"added section “{c.Title}”";
                    break;
                case Operation.RenameSection:
                    var renamed = Section();
                    detail = $"renamed section “{renamed.Title}” to “{c.Title}”";
                    renamed.Title = c.Title!.Trim();
                    break;
                case Operation.MoveSectionUp or Operation.MoveSectionDown:
                    var moved = Section();
                    Move(sections, moved, c.Op == Operation.MoveSectionUp ? -1 : 1);
                    Renumber(sections, (s, i) => s.Position = i);
                    detail = $"moved section “{moved.Title}” {(c.Op == Operation.MoveSectionUp ? "up" : "down")}";
                    break;
                case Operation.RemoveSection:
                    var removed = Section();
                    if (removed.Articles.Count > 0)
                    {
                        throw new WorkflowException($"“{removed.Title}” still holds {removed.Articles.Count} article(s): move or remove them first.");
                    }

                    db.IssueSections.Remove(removed);
                    sections.Remove(removed);
                    Renumber(sections, (s, i) => s.Position = i);
                    detail = $"removed section “{removed.Title}”";
                    break;
                case Operation.AddArticle:
                    var target = Section();
                    var article = await db.Articles.SingleOrDefaultAsync(a => a.Id == c.ArticleId, ct) ?? throw new NotFoundException($"Article {c.ArticleId}");
                    if (article.SectionId is not null)
                    {
                        throw new WorkflowException($"“{article.Title}” is already in an issue: remove it there first.");
                    }

                    article.SectionId = target.Id;
                    article.Position = target.Articles.Count == 0 ? 0 : target.Articles.Max(a => a.Position) + 1;
                    detail = $"added “{article.Title}” to “{target.Title}”";
                    break;
                case Operation.MoveArticleUp or Operation.MoveArticleDown:
                    var a1 = ArticleInIssue();
                    var inSection = sections.Single(s => s.Articles.Contains(a1));
                    var ordered = inSection.Articles.OrderBy(a => a.Position).ToList();
                    var up = c.Op == Operation.MoveArticleUp;
                    var index = ordered.IndexOf(a1);
                    if ((up && index == 0) || (!up && index == ordered.Count - 1))
                    {
                        // Off the end of its section: into the neighbouring section, if there is one.
                        var neighbour = sections.ElementAtOrDefault(sections.IndexOf(inSection) + (up ? -1 : 1));
                        if (neighbour is not null)
                        {
                            inSection.Articles.Remove(a1);
                            a1.SectionId = neighbour.Id;
                            var there = neighbour.Articles.OrderBy(a => a.Position).ToList();
                            if (up)
                            {
                                there.Add(a1);
                            }
                            else
                            {
                                there.Insert(0, a1);
                            }

                            Renumber(there, (a, i) => a.Position = i);
                            Renumber(ordered.Where(a => a != a1).ToList(), (a, i) => a.Position = i);
                        }
                    }
                    else
                    {
                        Move(ordered, a1, up ? -1 : 1);
                        Renumber(ordered, (a, i) => a.Position = i);
                    }

                    detail = $"moved “{a1.Title}” {(up ? "up" : "down")}";
                    break;
                case Operation.RemoveArticle:
                    var a2 = ArticleInIssue();
                    var from = sections.Single(s => s.Articles.Contains(a2));
                    from.Articles.Remove(a2);
                    a2.SectionId = null;
                    Renumber(from.Articles.OrderBy(a => a.Position).ToList(), (a, i) => a.Position = i);
                    detail = $"removed “{a2.Title}” from “{from.Title}”";
                    break;
                case Operation.ReorderArticles:
                    var section = Section();
                    var ids = section.Articles.Select(a => a.Id).Order().ToList();
                    if (!c.Order.Order().SequenceEqual(ids))
                    {
                        throw new WorkflowException("The section changed while you were arranging it: reload the page and try again.");
                    }

                    foreach (var a in section.Articles)
                    {
                        a.Position = c.Order.IndexOf(a.Id);
                    }

                    detail = $"reordered “{section.Title}”";
                    break;
                case Operation.AddTakeaway:
                    await RequireArticleInIssueAsync(c.ArticleId, sections);
                    issue.Takeaways.Add(new IssueTakeaway { Title = c.Title!.Trim(), Summary = c.Summary!.Trim(), ArticleId = c.ArticleId, Position = takeaways.Count });
                    detail = $"added takeaway “{c.Title}”";
                    break;
                case Operation.EditTakeaway:
                    await RequireArticleInIssueAsync(c.ArticleId, sections);
                    var edited = TakeawayOf();
                    edited.Title = c.Title!.Trim();
                    edited.Summary = c.Summary!.Trim();
                    edited.ArticleId = c.ArticleId;
                    detail = $"edited takeaway “{c.Title}”";
                    break;
                case Operation.MoveTakeawayUp or Operation.MoveTakeawayDown:
                    var t1 = TakeawayOf();
                    Move(takeaways, t1, c.Op == Operation.MoveTakeawayUp ? -1 : 1);
                    Renumber(takeaways, (t, i) => t.Position = i);
                    detail = $"moved takeaway “{t1.Title}”";
                    break;
                default:
                    var t2 = TakeawayOf();
                    db.Remove(t2);
                    takeaways.Remove(t2);
                    Renumber(takeaways, (t, i) => t.Position = i);
                    detail = $"removed takeaway “{t2.Title}”";
                    break;
            }

            recorder.Audit(ItemKind.Issue, issue.Id, issue.Title, "arranged", detail);
            await db.SaveChangesAsync(ct);

            return Unit.Value;
        }

        private static Task RequireArticleInIssueAsync(int? articleId, List<IssueSection> sections)
        {
            if (articleId is { } id && !sections.SelectMany(s => s.Articles).Any(a => a.Id == id))
            {
                throw new WorkflowException("A takeaway can only point to an article of this issue.");
            }

            return Task.CompletedTask;
        }

        private static void Move<T>(List<T> items, T item, int by)
        {
            var index = items.IndexOf(item);
            var to = Math.Clamp(index + by, 0, items.Count - 1);
            items.RemoveAt(index);
            items.Insert(to, item);
        }

        private static void Renumber<T>(List<T> items, Action<T, int> set)
        {
            for (var i = 0; i < items.Count; i++)
            {
                set(items[i], i);
            }
        }
    }
}
