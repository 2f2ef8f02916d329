using SesecPortal.Application.Domain;
using static SesecPortal.Application.Features.OpenData.ImportContent;

namespace SesecPortal.Application.Features.OpenData;

/// <summary>
/// One run of <see cref="ImportContent"/>: the lines read so far, what the file has named already (an id, an address per
/// type or a code may appear once: the first line wins, later ones are reported), the batches waiting to be written and
/// the lines refused (the first <see cref="ReportedErrors"/> of them kept, all of them counted).
/// </summary>
internal sealed class ImportRun(BulkImporter importer, ImportLineParser parser, PolicyImportLinks versionLinks, IProgress<ImportProgress>? progress)
{
    private readonly List<ImportError> errors = [];
    private readonly Dictionary<string, int> seenIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> seenSlugs = new(StringComparer.Ordinal);
    private readonly HashSet<string> seenCodes = new(StringComparer.Ordinal);
    private readonly List<ArticleLine> articles = [];
    private readonly List<StandardLine> standards = [];
    private readonly List<PolicyLine> policies = [];

    /// <summary>How far into the file the reader is.</summary>
    public long Bytes { get; set; }

    public int Lines { get; private set; }

    public int ErrorCount { get; private set; }

    /// <summary>The first lines refused, by line number once the run is finished.</summary>
    public IReadOnlyList<ImportError> Errors => errors;

    /// <summary>Checks a line and queues it for its batch (writing the batch when it is full).</summary>
    public async Task ReadAsync(RawLine raw, CancellationToken ct)
    {
        Lines = raw.Number;
        if (Admit(raw) is not { } item)
        {
            return;
        }

        await QueueAsync(item, ct);
        if (raw.Number % 1000 == 0)
        {
            progress?.Report(new ImportProgress(Bytes, Lines));
        }
    }

    /// <summary>After the last line: writes what waits, the versions whose previous version came later, and the supersessions.</summary>
    public async Task FinishAsync(CancellationToken ct)
    {
        await FlushAsync(articles, ct);
        await FlushAsync(standards, ct);
        await FlushAsync(policies, ct);
        var (late, lateRefused) = await versionLinks.FinishAsync(ct);
        lateRefused.ForEach(Refuse);
        foreach (var chunk in late.Chunk(BulkImporter.BatchSize))
        {
            policies.AddRange(chunk);
            await FlushAsync(policies, ct);
        }

        await importer.FinishAsync(ct);
        progress?.Report(new ImportProgress(Bytes, Lines));
        errors.Sort((a, b) => a.Line.CompareTo(b.Line));
    }

    /// <summary>The line's item, or null when it is refused (not JSON, against the rules, or naming what an earlier line named).</summary>
    private ImportItem? Admit(RawLine raw)
    {
        if (raw.Text is null)
        {
            Refuse(new ImportError(raw.Number, null, raw.Error!));
            return null;
        }

        var (item, id, problems) = parser.Parse(raw.Number, raw.Text);
        if (item is null)
        {
            Refuse(new ImportError(raw.Number, id, string.Join(" ", problems.Select(Sentence))));
            return null;
        }

        if (seenIds.TryGetValue(item.ExternalId, out var firstLine))
        {
            Refuse(new ImportError(raw.Number, id, $"the id {item.ExternalId} already appeared on line {firstLine}; the first one was kept."));
            return null;
        }

        var type = item switch { ArticleLine => Interchange.Article, StandardLine => Interchange.Standard, _ => Interchange.Policy };
        if (!seenSlugs.Add($"{type}:{item.Slug}"))
        {
            Refuse(new ImportError(raw.Number, id, $"another {type} earlier in the file has the address “{item.Slug}”."));
            return null;
        }

        if (item is StandardLine { Code: { } code } && !seenCodes.Add(StandardCode.Parse(code).Key))
        {
            Refuse(new ImportError(raw.Number, id, $"another standard earlier in the file has the code {StandardCode.Normalize(code)}."));
            return null;
        }

        seenIds[item.ExternalId] = raw.Number;
        return item;
    }

    private async Task QueueAsync(ImportItem item, CancellationToken ct)
    {
        switch (item)
        {
            case ArticleLine a:
                articles.Add(a);
                if (articles.Count >= BulkImporter.BatchSize)
                {
                    await FlushAsync(articles, ct);
                }

                break;
            case StandardLine s:
                standards.Add(s);
                if (standards.Count >= BulkImporter.BatchSize)
                {
                    await FlushAsync(standards, ct);
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
                    await FlushAsync(policies, ct);
                }

                break;
        }
    }

    private async Task FlushAsync<T>(List<T> batch, CancellationToken ct) where T : ImportItem
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
        progress?.Report(new ImportProgress(Bytes, Lines));
    }

    private void Refuse(ImportError error)
    {
        ErrorCount++;
        if (errors.Count < ReportedErrors)
        {
            errors.Add(error);
        }
    }

    private static string Sentence(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
