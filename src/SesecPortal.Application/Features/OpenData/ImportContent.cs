using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Common;
using SesecPortal.Application.Common.Behaviors;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Editorial;

namespace SesecPortal.Application.Features.OpenData;

/// <summary>
/// Imports a JSON Lines file of articles, standards and policies (the interchange format, docs/open-data.md): streamed,
/// checked line by line with the editors' rules, written in batches with COPY, idempotent by <c>id</c>. Bad lines are
/// reported with their number and reason; good lines are kept.
/// </summary>
public static class ImportContent
{
    /// <summary>Batched: each batch commits on its own (with its change-log rows), so a million lines never sit in one transaction.</summary>
    public sealed record Command(Stream File, IProgress<ImportProgress>? Progress = null) : ICommand<Result>, IBatchedCommand;

    public readonly record struct ImportProgress(long Bytes, int Lines);

    public sealed record Result(int Lines, IReadOnlyDictionary<string, int> Added, IReadOnlyDictionary<string, int> Updated, int ErrorCount,
        IReadOnlyList<ImportError> Errors, IReadOnlyDictionary<string, int>? Unchanged = null)
    {
        public int Imported => Added.Values.Sum() + Updated.Values.Sum();

        /// <summary>From the first line read to the last batch committed (the index and caches follow after).</summary>
        public TimeSpan WrittenIn { get; init; }

        public string Summary
        {
            get
            {
                static string Counts(IReadOnlyDictionary<string, int> counts) => counts.Count == 0 ? "nothing"
                    : string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Value:N0} {Interchange.Plural(c.Key, c.Value)}"));
                return $"{Lines:N0} lines read: added {Counts(Added)}; updated {Counts(Updated)}; unchanged {Counts(Unchanged ?? new Dictionary<string, int>())}; "
                    + $"{ErrorCount:N0} line{(ErrorCount == 1 ? "" : "s")} refused.";
            }
        }
    }

    /// <summary>The report keeps the first errors; the count says how many there were in all.</summary>
    public const int ReportedErrors = 1000;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.File).NotNull().Must(f => f.CanRead).WithMessage("Choose a file to import.");
    }

    public sealed class Handler(PortalDbContext db, BulkImporter importer, EditorialRecorder recorder) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var sectors = await db.Sectors.AsNoTracking().ToDictionaryAsync(s => s.Slug, s => s.Id, StringComparer.Ordinal, ct);
            var run = new ImportRun(importer, new ImportLineParser(sectors), new PolicyImportLinks(db), command.Progress);
            await importer.StartAsync(ct);
            await foreach (var raw in JsonLinesReader.ReadAsync(command.File, Interchange.MaxLineBytes, b => run.Bytes = b, ct))
            {
                await run.ReadAsync(raw, ct);
            }

            await run.FinishAsync(ct);
            var result = new Result(run.Lines, importer.Tally.Added, importer.Tally.Updated, run.ErrorCount, run.Errors, importer.Tally.Unchanged);
            recorder.Audit(ItemKind.Article, null, null, "imported", result.Summary);
            await db.SaveChangesAsync(ct);
            return result with { WrittenIn = System.Diagnostics.Stopwatch.GetElapsedTime(started) };
        }
    }
}
