using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using SesecPortal.Application.Data;
using SesecPortal.Application.Domain;
using SesecPortal.Application.Features.Search;

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

    private const int BatchSize = 500;

    private static readonly ReadOnlyMemory<byte> Newline = "\n"u8.ToArray();

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
            HashSet<string>? articles = null, standards = null, policies = null;
            if (!string.IsNullOrWhiteSpace(query.Q) || query.Kind is { Count: > 0 } || query.Sector is { Count: > 0 })
            {
                (articles, standards, policies) = ([], [], []);
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
            }

            var count = 0;
            await using var writer = new Utf8JsonWriter(query.Output, WriterOptions);
            count += await ArticlesAsync(writer, articles, query.Output, ct);
            count += await StandardsAsync(writer, standards, query.Output, ct);
            count += await PoliciesAsync(writer, policies, query.Output, ct);
            await writer.FlushAsync(ct);
            return count;
        }

        private static async Task EndLineAsync(Utf8JsonWriter writer, Stream output, CancellationToken ct)
        {
            await writer.FlushAsync(ct);
            await output.WriteAsync(Newline, ct);
            writer.Reset();
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

        private async Task<int> StandardsAsync(Utf8JsonWriter w, HashSet<string>? slugs, Stream output, CancellationToken ct)
        {
            var count = 0;
            var lastId = 0;
            while (true)
            {
                var batch = await db.Standards.AsNoTracking()
                    .Where(s => s.Id > lastId && (slugs == null || slugs.Contains(s.Slug)))
                    .OrderBy(s => s.Id).Take(BatchSize)
                    .Select(s => new
                    {
                        s.Id, s.ExternalId, s.Code, s.TitleEn, s.TitleZh, s.Slug, s.Status, s.DraftedOn, s.PublishedOn, s.EffectiveOn, s.WithdrawnOn,
                        Issuer = s.Issuer == null ? null : s.Issuer.Abbreviation ?? s.Issuer.Name,
                        s.Summary,
                        SupersededBy = s.ReplacedBy == null ? null : s.ReplacedBy.Code,
                        Sectors = s.Sectors.OrderBy(x => x.Position).Select(x => x.Slug).ToList(),
                        Adoptions = s.Adoptions.OrderBy(a => a.Position).Select(a => new { a.Code, a.Degree }).ToList(),
                        s.RecordUrl, s.FullTextUrl, s.PurchaseUrl, s.DraftingOrganisations, s.Drafters, s.CompetentDepartment, s.EditionNote,
                        s.PlanCode, s.PlanDeadline,
                        Events = s.Events.Where(e => e.Kind == StandardEventKind.Amended || e.Kind == StandardEventKind.Reviewed
                                || e.Kind == StandardEventKind.PlanApproved || e.Kind == StandardEventKind.Drafting
                                || e.Kind == StandardEventKind.TechnicalReview || e.Kind == StandardEventKind.SubmittedForApproval)
                            .OrderBy(e => e.On).ThenBy(e => e.Id).Select(e => new { e.Kind, e.On, e.Number, e.Note, e.Conclusion }).ToList(),
                        Ics = s.Ics.OrderBy(x => x.Code).Select(x => x.Code).ToList(), s.CcsCode,
                    })
                    .AsSplitQuery().ToListAsync(ct);
                foreach (var s in batch)
                {
                    w.WriteStartObject();
                    w.WriteString("type", Interchange.Standard);
                    w.WriteString("id", s.ExternalId ?? Interchange.PortalId(Interchange.Standard, s.Id));
                    WriteOptional(w, "code", s.Code);
                    w.WriteString("title", s.TitleEn);
                    WriteOptional(w, "title_zh", s.TitleZh);
                    w.WriteString("slug", s.Slug);
                    w.WriteString("status", Interchange.StatusWord(s.Status));
                    WriteDate(w, "published_on", Interchange.IsDraft(s.Status) ? s.DraftedOn ?? s.PublishedOn : s.PublishedOn);
                    WriteDate(w, "effective_on", s.EffectiveOn);
                    if (s.WithdrawnOn is not null)
                    {
                        WriteDate(w, "withdrawn_on", s.WithdrawnOn);
                    }

                    WriteList(w, "sectors", s.Sectors);
                    WriteOptional(w, "issuer", s.Issuer);
                    WriteOptional(w, "scope", s.Summary);
                    WriteList(w, "ics", s.Ics);
                    WriteOptional(w, "ccs", s.CcsCode);
                    if (s.SupersededBy is not null)
                    {
                        w.WriteString("superseded_by", s.SupersededBy);
                    }

                    if (s.Adoptions.Count > 0)
                    {
                        w.WriteStartArray("adoptions");
                        foreach (var a in s.Adoptions)
                        {
                            w.WriteStartObject();
                            w.WriteString("code", a.Code);
                            // A degree recorded before degrees were required is written as null ("not recorded"), which imports back.
                            if (a.Degree is { } degree)
                            {
                                w.WriteString("degree", Adoption.Abbreviation(degree));
                            }
                            else
                            {
                                w.WriteNull("degree");
                            }

                            w.WriteEndObject();
                        }

                        w.WriteEndArray();
                    }

                    WriteOptional(w, "record_url", s.RecordUrl);
                    WriteOptional(w, "full_text_url", s.FullTextUrl);
                    WriteOptional(w, "purchase_url", s.PurchaseUrl);
                    if (s.DraftingOrganisations.Count > 0)
                    {
                        WriteList(w, "drafting_organisations", s.DraftingOrganisations);
                    }

                    if (s.Drafters.Count > 0)
                    {
                        WriteList(w, "drafters", s.Drafters);
                    }

                    WriteOptional(w, "competent_department", s.CompetentDepartment);
                    WriteOptional(w, "edition_note", s.EditionNote);
                    if (s.Events.Any(e => e.Kind == StandardEventKind.Amended))
                    {
                        w.WriteStartArray("amendments");
                        foreach (var e in s.Events.Where(e => e.Kind == StandardEventKind.Amended))
                        {
                            w.WriteStartObject();
                            WriteDate(w, "on", e.On);
                            WriteOptional(w, "number", e.Number);
                            WriteOptional(w, "note", e.Note);
                            w.WriteEndObject();
                        }

                        w.WriteEndArray();
                    }

                    WriteOptional(w, "plan_number", s.PlanCode);
                    if (s.PlanDeadline is not null)
                    {
                        WriteDate(w, "plan_deadline", s.PlanDeadline);
                    }

                    if (s.Events.Any(e => PlanStageWords.IsStage(e.Kind)))
                    {
                        w.WriteStartArray("plan_stages");
                        foreach (var e in s.Events.Where(e => PlanStageWords.IsStage(e.Kind)))
                        {
                            w.WriteStartObject();
                            w.WriteString("stage", PlanStageWords.Word(e.Kind));
                            WriteDate(w, "on", e.On);
                            w.WriteEndObject();
                        }

                        w.WriteEndArray();
                    }

                    // A review without a conclusion (none is stored so) could not be imported back: it is left out.
                    if (s.Events.Any(e => e.Kind == StandardEventKind.Reviewed && e.Conclusion is not null))
                    {
                        w.WriteStartArray("reviews");
                        foreach (var e in s.Events.Where(e => e.Kind == StandardEventKind.Reviewed && e.Conclusion is not null))
                        {
                            w.WriteStartObject();
                            WriteDate(w, "on", e.On);
                            w.WriteString("conclusion", ReviewConclusions.Word(e.Conclusion!.Value));
                            w.WriteEndObject();
                        }

                        w.WriteEndArray();
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

        private static void WriteDate(Utf8JsonWriter w, string name, DateOnly? date)
        {
            if (date is null)
            {
                w.WriteNull(name);
            }
            else
            {
                w.WriteString(name, date.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
        }

        private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
        {
            if (value is null)
            {
                w.WriteNull(name);
            }
            else
            {
                w.WriteString(name, value);
            }
        }

        private static void WriteList(Utf8JsonWriter w, string name, IEnumerable<string> values)
        {
            w.WriteStartArray(name);
            foreach (var v in values)
            {
                w.WriteStringValue(v);
            }

            w.WriteEndArray();
        }
    }
}
