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
            var parser = new ImportLineParser(sectors);
            var versionLinks = new PolicyImportLinks(db);
            await importer.StartAsync(ct);
            var errors = new List<ImportError>();
            var errorCount = 0;
            void Refuse(ImportError error)
            {
                errorCount++;
                if (errors.Count < ReportedErrors)
                {
                    errors.Add(error);
                }
            }

            // An id, an address (per type) or a code may appear once in a file: the first line wins, later ones are reported.
            var seenIds = new Dictionary<string, int>(StringComparer.Ordinal);
            var seenSlugs = new HashSet<string>(StringComparer.Ordinal);
            var seenCodes = new HashSet<string>(StringComparer.Ordinal);
            var articles = new List<ArticleLine>();
            var standards = new List<StandardLine>();
            var policies = new List<PolicyLine>();
            long bytes = 0;
            var lines = 0;

            async Task FlushAsync<T>(List<T> batch) where T : ImportItem
            {
                if (batch.Count == 0)
                {
                    return;
                }

                foreach (var error in await importer.WriteAsync(batch, ct))
                {
                    Refuse(error);
                }

                batch.Clear();
                command.Progress?.Report(new ImportProgress(bytes, lines));
            }

            await foreach (var raw in JsonLinesReader.ReadAsync(command.File, Interchange.MaxLineBytes, b => bytes = b, ct))
            {
                lines = raw.Number;
                if (raw.Text is null)
                {
                    Refuse(new ImportError(raw.Number, null, raw.Error!));
                    continue;
                }

                var (item, id, problems) = parser.Parse(raw.Number, raw.Text);
                if (item is null)
                {
                    Refuse(new ImportError(raw.Number, id, string.Join(" ", problems.Select(Sentence))));
                    continue;
                }

                if (seenIds.TryGetValue(item.ExternalId, out var firstLine))
                {
                    Refuse(new ImportError(raw.Number, id, $"the id {item.ExternalId} already appeared on line {firstLine}; the first one was kept."));
                    continue;
                }

                var type = item switch { ArticleLine => Interchange.Article, StandardLine => Interchange.Standard, _ => Interchange.Policy };
                if (!seenSlugs.Add($"{type}:{item.Slug}"))
                {
                    Refuse(new ImportError(raw.Number, id, $"another {type} earlier in the file has the address “{item.Slug}”."));
                    continue;
                }

                if (item is StandardLine { Code: { } code } && !seenCodes.Add(StandardCode.Parse(code).Key))
                {
                    Refuse(new ImportError(raw.Number, id, $"another standard earlier in the file has the code {StandardCode.Normalize(code)}."));
                    continue;
                }

                seenIds[item.ExternalId] = raw.Number;
                switch (item)
                {
                    case ArticleLine a:
                        articles.Add(a);
                        if (articles.Count >= BulkImporter.BatchSize)
                        {
                            await FlushAsync(articles);
                        }

                        break;
                    case StandardLine s:
                        standards.Add(s);
                        if (standards.Count >= BulkImporter.BatchSize)
                        {
                            await FlushAsync(standards);
                        }

                        break;
                    case PolicyLine p:
                        // A version whose previous version is later in the file waits for it; a loop or a fork is refused.
                        var (ready, refused) = await versionLinks.AdmitAsync(p, ct);
                        if (refused is not null)
                        {
                            Refuse(refused);
                        }

                        if (!ready)
                        {
                            break;
                        }

                        policies.Add(p);
                        if (policies.Count >= BulkImporter.BatchSize)
                        {
                            await FlushAsync(policies);
                        }

                        break;
                }

                if (raw.Number % 1000 == 0)
                {
                    command.Progress?.Report(new ImportProgress(bytes, lines));
                }
            }

            await FlushAsync(articles);
            await FlushAsync(standards);
            await FlushAsync(policies);
            var (late, lateRefused) = await versionLinks.FinishAsync(ct);
            lateRefused.ForEach(Refuse);
            foreach (var chunk in late.Chunk(BulkImporter.BatchSize))
            {
                policies.AddRange(chunk);
                await FlushAsync(policies);
            }

            await importer.FinishAsync(ct);
            command.Progress?.Report(new ImportProgress(bytes, lines));

            errors.Sort((a, b) => a.Line.CompareTo(b.Line));
            var result = new Result(lines, importer.Tally.Added, importer.Tally.Updated, errorCount, errors, importer.Tally.Unchanged);
            recorder.Audit(ItemKind.Article, null, null, "imported", result.Summary);
            await db.SaveChangesAsync(ct);
            return result with { WrittenIn = System.Diagnostics.Stopwatch.GetElapsedTime(started) };
        }

        private static string Sentence(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }
}
