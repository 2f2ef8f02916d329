using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Data.Configurations;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Application.Features.Issues;

/// <summary>Starts the next issue, unpublished, with the sections of the last one (the newsletter's sections rarely change).</summary>
public static class CreateIssue
{
    public sealed class Command : ICommand<int>
    {
        public string? Series { get; set; }
        public string? Title { get; set; }
        public string? Slug { get; set; }
        public int Number { get; set; }
        public DateOnly PeriodStart { get; set; }
        public DateOnly PeriodEnd { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(PortalDbContext db)
        {
            RuleFor(c => c.Series).NotEmpty().WithMessage("Name the series.").MaximumLength(Limits.Name);
            RuleFor(c => c.Title).NotEmpty().WithMessage("Give the issue a title, such as “February – March 2022”.").MaximumLength(Limits.Name);
            RuleFor(c => c.Slug).NotEmpty().WithMessage("Give the issue an address.")
                .Must(s => Domain.Slug.IsValid(s)).WithMessage("An address may use only lower-case letters, digits and hyphens.")
                .MustAsync(async (s, ct) => !await db.Issues.AnyAsync(i => i.Slug == s, ct)).WithMessage("Another issue already has the address “{PropertyValue}”.");
            RuleFor(c => c.Number).GreaterThan(0).WithMessage("Issue numbers start at 1.")
                .MustAsync(async (n, ct) => !await db.Issues.AnyAsync(i => i.Number == n, ct)).WithMessage("Issue number {PropertyValue} already exists.");
            RuleFor(c => c.PeriodEnd).GreaterThanOrEqualTo(c => c.PeriodStart).WithMessage("The period cannot end before it starts.");
        }
    }

    public sealed class Handler(PortalDbContext db, EditorialRecorder recorder) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var last = await db.Issues.AsNoTracking().OrderByDescending(i => i.PeriodEnd)
                .Select(i => new { i.About, Sections = i.Sections.OrderBy(s => s.Position).Select(s => new { s.Slug, s.Title }).ToList() })
                .FirstOrDefaultAsync(cancellationToken);
            var issue = new NewsletterIssue
            {
                Series = command.Series!.Trim(),
                Title = command.Title!.Trim(),
                Slug = command.Slug!.Trim(),
                Number = command.Number,
                PeriodStart = command.PeriodStart,
                PeriodEnd = command.PeriodEnd,
                Status = PublicationStatus.Draft,
                About = last?.About,
                Sections = [.. (last?.Sections ?? []).Select((s, i) => new IssueSection { Slug = s.Slug, Title = s.Title, Position = i })],
            };
            db.Issues.Add(issue);
            await db.SaveChangesAsync(cancellationToken);
            recorder.Audit(ItemKind.Issue, issue.Id, issue.Title, "created", $"Number {issue.Number}");
            await db.SaveChangesAsync(cancellationToken);
            return issue.Id;
        }
    }
}
