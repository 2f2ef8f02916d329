using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Search;
using static SesecPortal.Application.Features.OpenData.InterchangeJson;

namespace SesecPortal.Application.Features.OpenData;

/// <summary>
/// Writes published articles, standards and policies in the interchange format (docs/open-data.md), streamed in keyset
/// batches: everything, or the items a search finds. Importing the file into an empty portal gives the same content.
/// </summary>
public static class ExportContent
{
    /// <param name="Q">A search (the same syntax as /search); null or empty exports everything.</param>
    public sealed record Query(Stream Output, string? Q = null, IReadOnlyList<string>? Kind = null, IReadOnlyList<string>? Sector = null) : IQuery<int>;

    /// <summary>A search result is exported up to this many pages of hits.</summary>
    public const int MaxSearchPages = 50;

    /// <summary>Items read a query at a time (keyset batches).</summary>
    internal const int BatchSize = 500;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Output).NotNull();
            RuleFor(q => q.Q).MaximumLength(500);
        }
    }

    public sealed class Handler(PortalDbContext db, ISender sender) : IQueryHandler<Query, int>
    {
        public async ValueTask<int> Handle(Query query, CancellationToken cancellationToken)
        {
            var ct = cancellationToken;
            var (articles, standards, policies) = await FoundAsync(query, ct);
            var count = 0;
            await using var writer = new Utf8JsonWriter(query.Output, WriterOptions);
            count += await ArticlesAsync(writer, articles, query.Output, ct);
            count += await StandardExport.WriteAsync(db, writer, standards, query.Output, ct);
            count += await PoliciesAsync(writer, policies, query.Output, ct);
            await writer.FlushAsync(ct);
            return count;
        }

        /// <summary>The slugs of the items a search finds, by type; all null when the query asks for everything.</summary>
        private async Task<(HashSet<string>? Articles, HashSet<string>? Standards, HashSet<string>? Policies)> FoundAsync(Query query, CancellationToken ct)
        {
            if (string.IsNullOrWhiteSpace(query.Q) && query.Kind is not { Count: > 0 } && query.Sector is not { Count: > 0 })
            {
                return (null, null, null);
            }

            HashSet<string> articles = [], standards = [], policies = [];
            for (var page = 1; page <= MaxSearchPages; page++)
            {
                var result = await sender.Send(new SearchPortal.Query(query.Q, query.Kind, query.Sector,
                    Page: page.ToString(CultureInfo.InvariantCulture)), ct);
                foreach (var hit in result.Hits)
                {
                    var slug = hit.Url[(hit.Url.LastIndexOf('/') + 1)..];
                    (hit.Kind switch { "article" => articles, "standard" => standards, "policy" => policies, _ => null })?.Add(slug);
                }

                if (page >= result.PageCount)
                {
                    break;
                }
            }

            return (articles, standards, policies);
        }

        private async Task<int> ArticlesAsync(Utf8JsonWriter w, HashSet<string>? slugs, Stream output, CancellationToken ct)
        {
            var count = 0;
            var lastId = 0;
            while (true)
            {
                var batch = await db.Articles.AsNoTracking()
                    .Where(a => a.Status == PublicationStatus.Published && a.Id > lastId && (slugs == null || slugs.Contains(a.Slug)))
                    .OrderBy(a => a.Id).Take(BatchSize)
                    .Select(a => new
                    {
                        a.Id, a.ExternalId, a.Title, a.Slug, a.Summary, a.Body, a.PublishedOn, a.EventDate, a.Tags,
                        Sectors = a.Sectors.OrderBy(s => s.Position).Select(s => s.Slug).ToList(),
                    })
                    .AsSplitQuery().ToListAsync(ct);
                foreach (var a in batch)
                {
                    w.WriteStartObject();
                    w.WriteString("type", Interchange.Article);
                    w.WriteString("id", a.ExternalId ?? Interchange.PortalId(Interchange.Article, a.Id));
                    w.WriteString("title", a.Title);
                    w.WriteString("slug", a.Slug);
                    w.WriteString("summary", a.Summary);
                    w.WriteString("body", a.Body);
                    WriteDate(w, "published_on", a.PublishedOn ?? a.EventDate ?? DateOnly.MinValue);
                    WriteList(w, "sectors", a.Sectors);
                    WriteList(w, "tags", a.Tags);
                    w.WriteEndObject();
                    await EndLineAsync(w, output, ct);
                }

                count += batch.Count;
                if (batch.Count < BatchSize)
                {
                    return count;
                }

                lastId = batch[^1].Id;
            }
        }

        private async Task<int> PoliciesAsync(Utf8JsonWriter w, HashSet<string>? slugs, Stream output, CancellationToken ct)
        {
            var count = 0;
            var lastId = 0;
            while (true)
            {
                var batch = await db.Policies.AsNoTracking()
                    .Where(p => p.Id > lastId && (slugs == null || slugs.Contains(p.Slug)))
                    .OrderBy(p => p.Id).Take(BatchSize)
                    .Select(p => new
                    {
                        p.Id, p.ExternalId, p.Title, p.TitleZh, p.Slug, p.Kind, p.Status, p.DocumentNumber, p.IssuedOn, p.Summary, p.SourceUrl,
                        p.PreviousVersionId, PreviousExternalId = p.PreviousVersion == null ? null : p.PreviousVersion.ExternalId, p.VersionKind,
                        Lead = p.Authorities.OrderBy(a => a.Position).Select(a => new { a.Organisation!.Abbreviation, a.Organisation.Name }).FirstOrDefault(),
                        Sectors = p.Sectors.OrderBy(x => x.Position).Select(x => x.Slug).ToList(),
                    })
                    .AsSplitQuery().ToListAsync(ct);
                foreach (var p in batch)
                {
                    w.WriteStartObject();
                    w.WriteString("type", Interchange.Policy);
                    w.WriteString("id", p.ExternalId ?? Interchange.PortalId(Interchange.Policy, p.Id));
                    w.WriteString("title", p.Title);
                    WriteOptional(w, "title_zh", p.TitleZh);
                    w.WriteString("slug", p.Slug);
                    WriteOptional(w, "authority", p.Lead is null ? null : p.Lead.Abbreviation ?? p.Lead.Name);
                    WriteOptional(w, "authority_name", p.Lead?.Name);
                    WriteOptional(w, "document_number", p.DocumentNumber);
                    WriteDate(w, "issued_on", p.IssuedOn);
                    WriteOptional(w, "summary", p.Summary);
                    WriteList(w, "sectors", p.Sectors);
                    w.WriteString("kind", p.Kind.ToString());
                    w.WriteString("status", p.Status.ToString());
                    if (p.SourceUrl is not null)
                    {
                        w.WriteString("source_url", p.SourceUrl);
                    }

                    if (p.PreviousVersionId is { } previousId && p.VersionKind is { } versionKind)
                    {
                        w.WriteString("previous", p.PreviousExternalId ?? Interchange.PortalId(Interchange.Policy, previousId));
                        w.WriteString("version_kind", PolicyVersionKinds.Word(versionKind));
                    }

                    w.WriteEndObject();
                    await EndLineAsync(w, output, ct);
                }

                count += batch.Count;
                if (batch.Count < BatchSize)
                {
                    return count;
                }

                lastId = batch[^1].Id;
            }
        }
    }
}
