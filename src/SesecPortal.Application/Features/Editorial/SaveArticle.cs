using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Data.Configurations;
using SesecPortal.Application.Domain;

namespace SesecPortal.Application.Features.Editorial;

/// <summary>
/// Writes an article: a new one, or a revision of an existing one. Saving edits the open revision (sending it back to
/// draft if it was in review or approved); with no open revision it starts one, so a published article stays online
/// unchanged until the revision is approved and published.
/// </summary>
public static class SaveArticle
{
    public sealed class Command : ICommand<Result>
    {
        /// <summary>Null for a new article.</summary>
        public int? ArticleId { get; set; }
        /// <summary>The open revision the editor was editing; null when they started from the live text.</summary>
        public int? RevisionId { get; set; }
        /// <summary>The revision's version when the editor's page was drawn (optimistic concurrency).</summary>
        public uint Version { get; set; }
        public string? Slug { get; set; }
        public string? Title { get; set; }
        public string? Summary { get; set; }
        public string? Body { get; set; }
        /// <summary><c>2021-12-06</c>, or <c>2021-12</c> when only the month is known.</summary>
        public string? EventDate { get; set; }
        /// <summary>Comma-separated.</summary>
        public string? Tags { get; set; }
        public List<int> SectorIds { get; set; } = [];
        public string? SourceLinks { get; set; }
        public string? CorrectionNote { get; set; }

        public IReadOnlyList<string> TagList() =>
            [.. (Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => t.TrimStart('#')).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    public sealed record Result(int ArticleId, int RevisionId);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(PortalDbContext db, ReferenceResolver references)
        {
            RuleFor(c => c.Title).NotEmpty().WithMessage("Give the article a title.")
                .MaximumLength(Limits.Title).WithMessage("Keep the title under {MaxLength} characters (it has {TotalLength}).");
            RuleFor(c => c.Summary).NotEmpty().WithMessage("Write a summary: it is the takeaway readers see in lists and search results.")
                .MaximumLength(1000).WithMessage("Keep the summary under {MaxLength} characters (it has {TotalLength}): the body holds the rest.");
            RuleFor(c => c.Body).NotEmpty().WithMessage("Write the article's text.")
                .MaximumLength(Limits.Body).WithMessage("The text is longer than {MaxLength} characters: split it into two articles.");
            RuleFor(c => c.SectorIds).NotEmpty().WithMessage("Choose at least one sector: readers browse articles by sector.")
                .MustAsync(async (ids, ct) => ids.Count == 0 || await db.Sectors.CountAsync(s => ids.Contains(s.Id), ct) == ids.Distinct().Count())
                .WithMessage("One of the chosen sectors no longer exists: choose again.");
            RuleFor(c => c.Slug).Must(s => Domain.Slug.IsValid(s)).When(c => !string.IsNullOrWhiteSpace(c.Slug))
                .WithMessage("An address may use only lower-case letters, digits and hyphens (for example carbon-peak-action-plan).");
            RuleFor(c => c.Slug).MustAsync(async (c, slug, ct) => !await db.Articles.AnyAsync(a => a.Slug == slug && a.Id != c.ArticleId, ct))
                .When(c => !string.IsNullOrWhiteSpace(c.Slug))
                .WithMessage("Another article already has the address “{PropertyValue}”: choose another.");
            RuleFor(c => c.EventDate).Must(d => PartialDate.TryParse(d, out _)).When(c => !string.IsNullOrWhiteSpace(c.EventDate))
                .WithMessage("Write the event date as 2021-12-06, or 2021-12 when only the month is known.");
            RuleFor(c => c.TagList()).Must(t => t.Count <= 20).WithName("Tags").WithMessage("Use at most 20 tags.")
                .Must(t => t.All(x => x.Length <= Limits.Tag)).WithMessage($"Keep each tag under {Limits.Tag} characters.")
                .OverridePropertyName(nameof(Command.Tags));
            RuleFor(c => c.SourceLinks).MaximumLength(Limits.Summary).WithMessage("There are too many source links (at most {MaxLength} characters).")
                .Custom((text, context) =>
                {
                    foreach (var entry in SourceLinkText.Parse(text).Where(e => !SourceLinkText.IsAcceptable(e.Url)))
                    {
                        context.AddFailure($"Line {entry.Line} of the sources, “{entry.Url}”, is not a web address: links must start with http:// or https://.");
                    }
                });
            RuleFor(c => c.CorrectionNote).MaximumLength(1000).WithMessage("Keep the correction note under {MaxLength} characters.");
            RuleFor(c => c.Body).CustomAsync(async (body, context, ct) =>
            {
                var labels = ArticleReferences.Find(body);
                var found = await references.ResolveAsync(labels, ct);
                foreach (var label in labels.Where(l => !found.ContainsKey(ArticleReferences.KeyOf(l))))
                {
                    context.AddFailure($"[[{label}]] does not name a standard, policy, working group or organisation the portal holds: check the code, or remove the brackets.");
                }
            });
        }
    }

    public sealed class Handler(PortalDbContext db, EditorialRecorder recorder) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var sectorNames = await ArticleRevisions.SectorNamesAsync(db, ct);
            var attempted = ArticleRevisionText.Of(command.Title, command.Summary, command.Body,
                PartialDate.TryParse(command.EventDate, out var pd) ? pd.ToString() : null, command.TagList(), command.SectorIds,
                command.SourceLinks, command.CorrectionNote, sectorNames);

            var (article, revision) = command.ArticleId is null ? await CreateAsync(command, ct) : await ReviseAsync(command, attempted, ct);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                var stored = await db.ArticleRevisions.AsNoTracking().SingleAsync(r => r.Id == revision.Id, ct);
                throw await ArticleRevisions.ConflictAsync(db, stored, attempted, ct);
            }

            return new Result(article.Id, revision.Id);
        }

        /// <summary>A new article: a draft, with its first revision.</summary>
        private async Task<(Article, ArticleRevision)> CreateAsync(Command command, CancellationToken ct)
        {
            var article = new Article
            {
                Slug = string.IsNullOrWhiteSpace(command.Slug) ? await UniqueSlugAsync(command.Title!, ct) : command.Slug.Trim(),
                Title = command.Title!.Trim(),
                Summary = command.Summary!.Trim(),
                Body = command.Body!,
                Status = PublicationStatus.Draft,
                CreatedAt = recorder.Now,
            };
            db.Articles.Add(article);
            await db.SaveChangesAsync(ct);
            var revision = NewRevision(article.Id, 1);
            db.ArticleRevisions.Add(revision);
            Apply(command, revision);
            recorder.Audit(ItemKind.Article, article.Id, article.Title, "created", "Revision 1 (draft)");
            return (article, revision);
        }

        /// <summary>An existing article: a revision started from the live text, or the open one saved again.</summary>
        private async Task<(Article, ArticleRevision)> ReviseAsync(Command command, string attempted, CancellationToken ct)
        {
            // Saves of one article take turns: a second editor starting a revision at the same moment waits, then
            // finds the first one's revision open and gets the conflict panel rather than a clash of revision numbers.
            var articleId = command.ArticleId!.Value;
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM articles WHERE id = {articleId} FOR UPDATE", ct);
            var article = await db.Articles.SingleOrDefaultAsync(a => a.Id == articleId, ct) ?? throw new NotFoundException($"Article {command.ArticleId}");
            var open = await ArticleRevisions.OpenAsync(db, article.Id, ct);
            var revision = command.RevisionId is null
                ? await StartRevisionAsync(command, article, open, attempted, ct)
                : await ContinueRevisionAsync(command, article, open, attempted, ct);

            // An article never published may still change its address; a published one keeps it, so links keep working.
            if (article.Status != PublicationStatus.Published && !string.IsNullOrWhiteSpace(command.Slug) && article.PublishedOn is null)
            {
                article.Slug = command.Slug.Trim();
            }

            if (article.Status != PublicationStatus.Published)
            {
                article.Title = revision.Title;
                article.Summary = revision.Summary;
            }

            return (article, revision);
        }

        /// <summary>The editor started from the live text; if someone opened a revision meanwhile, theirs must not be overwritten.</summary>
        private async Task<ArticleRevision> StartRevisionAsync(Command command, Article article, ArticleRevision? open, string attempted, CancellationToken ct)
        {
            if (open is not null)
            {
                throw await ArticleRevisions.ConflictAsync(db, open, attempted, ct);
            }

            await ArticleRevisions.EnsureBaselineAsync(db, article, ct);
            var number = await db.ArticleRevisions.Where(r => r.ArticleId == article.Id).MaxAsync(r => r.Number, ct) + 1;
            var revision = NewRevision(article.Id, number);
            db.ArticleRevisions.Add(revision);
            Apply(command, revision);
            recorder.Audit(ItemKind.Article, article.Id, command.Title, "started a revision", $"Revision {number}");
            return revision;
        }

        /// <summary>The open revision saved again, unless it was published or discarded, or saved by someone else, since the page was drawn.</summary>
        private async Task<ArticleRevision> ContinueRevisionAsync(Command command, Article article, ArticleRevision? open, string attempted, CancellationToken ct)
        {
            if (open is null || open.Id != command.RevisionId)
            {
                // Published or discarded by someone else since the page was drawn.
                var current = await db.ArticleRevisions.SingleAsync(r => r.Id == command.RevisionId && r.ArticleId == article.Id, ct);
                throw await ArticleRevisions.ConflictAsync(db, current, attempted, ct);
            }

            if (open.Version != command.Version)
            {
                throw await ArticleRevisions.ConflictAsync(db, open, attempted, ct);
            }

            var revision = open;
            var wasState = revision.State;
            ArticleWorkflow.Edited(revision);
            Apply(command, revision);
            recorder.Audit(ItemKind.Article, article.Id, command.Title, "saved",
                $"Revision {revision.Number}" + (wasState != RevisionState.Draft ? $" (was {Labels.Of(wasState).ToLowerInvariant()}, back to draft)" : ""));
            return revision;
        }

        private ArticleRevision NewRevision(int articleId, int number) => new()
        {
            ArticleId = articleId,
            Number = number,
            State = RevisionState.Draft,
            Title = "",
            Summary = "",
            Body = "",
            AuthorId = recorder.UserId,
            AuthorName = recorder.UserName,
            CreatedAt = recorder.Now,
        };

        private void Apply(Command c, ArticleRevision r)
        {
            r.Title = c.Title!.Trim();
            r.Summary = c.Summary!.Trim();
            r.Body = c.Body!.ReplaceLineEndings("\n");
            if (PartialDate.TryParse(c.EventDate, out var date))
            {
                r.EventDate = date.Date;
                r.EventDatePrecision = date.Precision;
            }
            else
            {
                r.EventDate = null;
                r.EventDatePrecision = DatePrecision.Day;
            }

            r.Tags = [.. c.TagList()];
            r.SectorIds = [.. c.SectorIds.Distinct()];
            r.SourceLinks = string.IsNullOrWhiteSpace(c.SourceLinks) ? null : c.SourceLinks.ReplaceLineEndings("\n").Trim();
            r.CorrectionNote = string.IsNullOrWhiteSpace(c.CorrectionNote) ? null : c.CorrectionNote.Trim();
            r.UpdatedAt = recorder.Now;
            r.UpdatedByName = recorder.UserName;
        }

        private async Task<string> UniqueSlugAsync(string title, CancellationToken ct)
        {
            var baseSlug = Domain.Slug.From(title);
            var slug = baseSlug;
            for (var n = 2; await db.Articles.AnyAsync(a => a.Slug == slug, ct); n++)
            {
                slug = $"{baseSlug}-{n}";
            }

            return slug;
        }
    }
}
