using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Data;
using SesecPortal.Application.Data.Configurations;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Application.Features.Issues;

/// <summary>Changes an issue's title, number, period and back matter; refused with both versions if someone saved it meanwhile.</summary>
public static class EditIssue
{
    public sealed class Command : ICommand<Unit>
    {
        public int Id { get; set; }
        public uint Version { get; set; }
        public string? Title { get; set; }
        public int Number { get; set; }
        public DateOnly PeriodStart { get; set; }
        public DateOnly PeriodEnd { get; set; }
        public string? About { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(PortalDbContext db)
        {
            RuleFor(c => c.Title).NotEmpty().WithMessage("Give the issue a title, such as “February – March 2022”.").MaximumLength(Limits.Name);
            RuleFor(c => c.Number).GreaterThan(0).WithMessage("Issue numbers start at 1.")
                .MustAsync(async (c, n, ct) => !await db.Issues.AnyAsync(i => i.Number == n && i.Id != c.Id, ct)).WithMessage("Issue number {PropertyValue} already exists.");
            RuleFor(c => c.PeriodEnd).GreaterThanOrEqualTo(c => c.PeriodStart).WithMessage("The period cannot end before it starts.");
            RuleFor(c => c.About).MaximumLength(Limits.Body);
        }
    }

    public static string SnapshotOf(string? title, int number, DateOnly start, DateOnly end, string? about) =>
        new Snapshot().Add("Title", title).Add("Number", number).Add("Period start", start).Add("Period end", end).Add("About", about?.Trim()).ToString();

    public sealed class Handler(PortalDbContext db, EditorialRecorder recorder) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var issue = await db.Issues.SingleOrDefaultAsync(i => i.Id == command.Id, cancellationToken) ?? throw new NotFoundException($"Issue {command.Id}");
            var attempted = SnapshotOf(command.Title, command.Number, command.PeriodStart, command.PeriodEnd, command.About);
            var stored = SnapshotOf(issue.Title, issue.Number, issue.PeriodStart, issue.PeriodEnd, issue.About);
            if (issue.Version != command.Version)
            {
                throw new ConcurrencyConflictException(issue.Title, stored, attempted, issue.Version);
            }

            issue.Title = command.Title!.Trim();
            issue.Number = command.Number;
            issue.PeriodStart = command.PeriodStart;
            issue.PeriodEnd = command.PeriodEnd;
            issue.About = string.IsNullOrWhiteSpace(command.About) ? null : command.About.ReplaceLineEndings("\n");
            recorder.Audit(ItemKind.Issue, issue.Id, issue.Title, "saved");
            await recorder.AddVersionAsync(ItemKind.Issue, issue.Id, attempted, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (EditorialRecorder.IsOverlappingSave(ex))
            {
                var now = await db.Issues.AsNoTracking().SingleAsync(i => i.Id == command.Id, cancellationToken);
                throw new ConcurrencyConflictException(now.Title, SnapshotOf(now.Title, now.Number, now.PeriodStart, now.PeriodEnd, now.About), attempted, now.Version);
            }

            return Unit.Value;
        }
    }
}
